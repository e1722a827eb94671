import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractMetrics, type Metric } from '../../src/main/core/metrics';
import { ArchiveService } from '../../src/main/core/service';
import { literalMetricQuery, type MetricKind, type MetricRow } from '../../src/shared/metrics-types';
import {
  groupSeries,
  mergeRows,
  seriesName,
  type ExplorerRow,
  type Series,
} from '../../src/renderer/src/features/metrics/rows';
import { PD1998_PAGES, SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

/**
 * The chart only ever plots comparable figures: one group at a time, a group holding figures of
 * one kind and unit, per-person figures apart from totals, figures about other countries apart
 * from figures about China.
 */

/** What makes figures comparable. */
const signature = (m: Metric): string =>
  JSON.stringify([m.kind, m.unit, m.currency ?? null, m.per ?? null, m.abroad === true]);

function expectComparable(series: Series[]): void {
  const seen = new Set<string>();
  for (const s of series) {
    const kinds = new Set(s.rows.map((r) => signature(r.metric)));
    expect([...kinds], s.id).toHaveLength(1);
    expect(seen.has([...kinds][0]), s.id).toBe(false);
    seen.add([...kinds][0]);
  }
}

describe('figures know what they are per and where they are from', () => {
  const one = (text: string, figure: string): Metric => {
    const m = extractMetrics(text).find((x) => x.text === figure);
    expect(m, figure).toBeDefined();
    return m as Metric;
  };

  it('per person, per household, per year … versus totals', () => {
    const text = '全县农民人均纯收入达到１９８６元，比上年增加３００元；全县财政收入达到５亿元。';
    expect(one(text, '１９８６元')).toMatchObject({ label: '农民人均纯收入', per: '人' });
    expect(one(text, '３００元')).toMatchObject({ per: '人' }); // the rise of the per-person income
    expect(one(text, '５亿元').per).toBeUndefined();
    expect(one('户均存款２万元。', '２万元').per).toBe('户');
    expect(one('年均增长１２％。', '增长１２％').per).toBe('年');
    expect(one('向５０００名特困职工每人每月供应１５公斤大米。', '１５公斤').per).toBe('人·月');
  });

  it('about another country: named in the phrase, earlier in the sentence, or in the dateline', () => {
    expect(one('在《财富》杂志５００家美国企业中。', '５００家')).toMatchObject({
      label: '企业',
      abroad: true,
    });
    expect(one('例如在德国，直到１９７０年，前１００家最大工业企业中。', '１００家').abroad).toBe(true);
    const tokyo = '日本成立３个新政党\n\n新华社东京１月４日电日本３个新政党成立，共有３７名成员。';
    expect(extractMetrics(tokyo).find((m) => m.text === '３７名')?.abroad).toBe(true);
    // China is home, wherever the report was filed.
    expect(one('新华社东京１月４日电我国企业３００家参展。', '３００家').abroad).toBeUndefined();
    expect(one('全区累计拥有国家高新技术企业267家。', '267家').abroad).toBeUndefined();
  });
});

describe('groupSeries', () => {
  const kinds: MetricKind[] = ['count', 'money', 'percent', 'growth', 'rank'];
  // Figures as the extractor makes them: money has a currency that goes with its unit.
  const metric = fc
    .record({
      kind: fc.constantFrom(...kinds),
      unit: fc.constantFrom('家', '元', '美元', '%', '全市'),
      per: fc.constantFrom(undefined, '人', '户', '年', '人·月'),
      abroad: fc.constantFrom(undefined, true),
      value: fc.integer({ min: 0, max: 1000 }),
    })
    .map((m) => ({
      ...m,
      currency: m.kind !== 'money' ? undefined : m.unit === '美元' ? ('USD' as const) : ('CNY' as const),
    }));
  const rows = fc.array(metric, { maxLength: 40 }).map((ms) =>
    mergeRows(
      ms.map((m, i): MetricRow => ({
        articleId: `a${i % 7}`,
        title: `第${i % 7}篇`,
        metric: {
          kind: m.kind,
          text: `${m.value}${m.unit}`,
          value: m.value,
          unit: m.unit,
          qualifier: null,
          label: '收入',
          start: i * 10,
          end: i * 10 + 4,
          ...(m.currency ? { currency: m.currency } : {}),
          ...(m.per ? { per: m.per } : {}),
          ...(m.abroad ? { abroad: m.abroad } : {}),
        },
      })),
    ),
  );

  it('never puts figures of another kind, unit, currency, basis or country in one group (property)', () => {
    fc.assert(
      fc.property(rows, (rs: ExplorerRow[]) => {
        const series = groupSeries(rs);
        expectComparable(series);
        expect(series.reduce((n, s) => n + s.rows.length, 0)).toBe(rs.length);
        // Every group has its own name, so the chart's choice can tell them apart.
        for (const language of ['zh', 'en'] as const) {
          const names = series.map((s) => seriesName(s, language, '—'));
          expect(new Set(names).size).toBe(names.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names the basis and the country in the group', () => {
    const s = { kind: 'money' as const, unit: '元', currency: 'CNY', per: '人', abroad: true };
    expect(seriesName(s, 'zh', '无单位')).toBe('金额 · 元 · 人均 · 国外');
    expect(seriesName(s, 'en', 'no unit')).toBe('Money · 元 · per person · abroad');
    expect(seriesName({ kind: 'rank', unit: '' }, 'zh', '无单位')).toBe('排名 · 无单位');
  });
});

describe.skipIf(!existsSync(PD1998_PAGES))('the explorer on real pages (corpus at ../shared)', () => {
  let service: ArchiveService;
  const pages = ['1998-01-09_人民日报_01.txt', '1998-01-05_人民日报_01.txt', '1998-01-27_人民日报_02.txt'];

  beforeAll(async () => {
    const archive = tempDir();
    cpSync(SAMPLE_ARCHIVE, archive, { recursive: true });
    for (const page of pages) cpSync(path.join(PD1998_PAGES, page), path.join(archive, page));
    service = new ArchiveService({ archiveDirs: [archive], dataDir: tempDir() });
    await service.info();
  }, 120_000);

  afterAll(async () => {
    await service?.close();
  });

  const explore = async (typed: string): Promise<Series[]> =>
    groupSeries(mergeRows(await service.handle('metrics:explore', { label: literalMetricQuery(typed) })));
  const seriesOf = (series: Series[], label: string, figure: string): Series => {
    const found = series.find((s) =>
      s.rows.some((r) => r.metric.label === label && r.metric.text === figure),
    );
    expect(found, `${label} ${figure}`).toBeDefined();
    return found as Series;
  };

  it('收入: per-person incomes are charted apart from total revenues', async () => {
    const series = await explore('收入');
    expectComparable(series);
    const perPerson = seriesOf(series, '农民人均纯收入', '３８５０元');
    const total = seriesOf(series, '财政收入', '１０７·２亿元');
    expect(perPerson.id).not.toBe(total.id);
    expect(perPerson.rows.every((r) => r.metric.per === '人')).toBe(true);
    expect(total.rows.every((r) => r.metric.per === undefined)).toBe(true);
  });

  it('企业: counts of American and German firms are charted apart from Chinese ones', async () => {
    const series = await explore('企业');
    expectComparable(series);
    const american = seriesOf(series, '企业', '５００家');
    const german = seriesOf(series, '最大工业企业', '１００家');
    const chinese = seriesOf(series, '国家高新技术企业', '267家');
    expect(american.id).toBe(german.id);
    expect(american.id).not.toBe(chinese.id);
    expect(seriesName(american, 'zh', '无单位')).toBe('数量 · 家 · 国外');
    expect(seriesName(chinese, 'zh', '无单位')).toBe('数量 · 家');
  });
});
