import { describe, expect, it } from 'vitest';
import { extractMetrics, METRIC_KINDS, searchMetricsByLabel } from '../../src/main/core/metrics';

const articles = [
  {
    articleId: 'beibei',
    title: '科技创新为高质量发展赋能蓄力',
    metrics: extractMetrics('拥有国家高新技术企业267家、市级科技型企业超2400家'),
  },
  {
    articleId: 'yubei',
    title: '数读',
    metrics: extractMetrics(
      '2023年,渝北区规上工业总产值达**3512.5亿元**。国家高新技术企业总量达到**506家**,全市**第3**',
    ),
  },
  { articleId: 'fullwidth', title: '', metrics: extractMetrics('ＰＴＦＥ空气净化膜产量１２万平方米') },
];

describe('searchMetricsByLabel', () => {
  it('finds every figure whose label contains the query, across articles, in order', () => {
    const rows = searchMetricsByLabel(articles, '高新技术企业');
    expect(rows.map((r) => [r.article.articleId, r.metric.text])).toEqual([
      ['beibei', '267家'],
      ['yubei', '506家'],
      ['yubei', '第3'],
    ]);
    // the caller's own article fields come back untouched
    expect(rows[0].article.title).toBe('科技创新为高质量发展赋能蓄力');
  });

  it('normalises with NFKC and ignores case, spaces and quotes', () => {
    expect(searchMetricsByLabel(articles, 'ptfe').map((r) => r.metric.value)).toEqual([120000]);
    expect(searchMetricsByLabel(articles, '“规上工业 总产值”')).toHaveLength(1);
    expect(searchMetricsByLabel(articles, '规上工业总产值')[0].metric).toMatchObject({
      kind: 'money',
      value: 351250000000,
      currency: 'CNY',
    });
  });

  it('treats space-separated words as AND and can keep only some kinds', () => {
    expect(searchMetricsByLabel(articles, '国家 企业')).toHaveLength(3);
    expect(searchMetricsByLabel(articles, '国家 平台')).toHaveLength(0);
    const counts = searchMetricsByLabel(articles, '高新技术企业', { kinds: ['count'] });
    expect(counts.map((r) => r.metric.text)).toEqual(['267家', '506家']);
  });

  it('matches nothing for an empty query', () => {
    expect(searchMetricsByLabel(articles, '')).toEqual([]);
    expect(searchMetricsByLabel(articles, '   ')).toEqual([]);
  });
});

describe('METRIC_KINDS', () => {
  it('names every kind once, in Chinese and English', () => {
    const kinds = METRIC_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of METRIC_KINDS) {
      expect(k.zh).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(k.en.length).toBeGreaterThan(0);
    }
    const seen = new Set(articles.flatMap((a) => a.metrics.map((m) => m.kind)));
    for (const kind of seen) expect(kinds).toContain(kind);
  });
});
