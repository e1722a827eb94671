import { cpSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractMetrics, type Metric } from '../../src/main/core/metrics';
import { metricsCandidateQuery } from '../../src/main/core/metrics-calls';
import { ArticleIndex } from '../../src/main/core/search';
import { parseQuery } from '../../src/main/core/search/query';
import { ArchiveService } from '../../src/main/core/service';
import { normalize } from '../../src/main/core/text/normalize';
import { literalMetricQuery, type MetricRow } from '../../src/shared/metrics-types';
import type { Article } from '../../src/shared/types';
import { article } from './helpers/articles';
import { PD1998_PAGES, SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

/**
 * The metric explorer through the real service, index and archive: what the view sends for what
 * the user typed (literalMetricQuery, as MetricsView does), and what comes back.
 */

/** Real People's Daily pages with 万吨, 亿元, % and 百分之 figures, when the corpus is there. */
const PD_PAGES = [
  '1998-01-15_人民日报_01.txt',
  '1998-01-12_人民日报_02.txt',
  '1998-01-24_人民日报_07.txt',
  '1998-01-03_人民日报_02.txt',
];

/** A page of our own with labels holding what the search syntax would read as operators. */
const OWN_PAGE = [
  '信息化建设成效明显',
  '',
  '全市Wi-Fi热点达1200个，ORACLE数据库用户120家，规上工业总产值达到560亿元。',
  '',
].join('\n');

let service: ArchiveService;
let all: { id: string; article: Article; metrics: Metric[] }[] = [];

async function explore(typed: string): Promise<MetricRow[]> {
  return service.handle('metrics:explore', { label: literalMetricQuery(typed), limit: 100_000 });
}

const key = (articleId: string, m: Metric): string => `${articleId}@${m.start}:${m.end}`;
const keys = (rows: MetricRow[]): string[] => rows.map((r) => key(r.articleId, r.metric)).sort();

/** Every figure of the archive that satisfies `keep`, read here article by article. */
function truth(keep: (m: Metric, text: string) => boolean): string[] {
  return all.flatMap((a) => a.metrics.filter((m) => keep(m, a.article.text)).map((m) => key(a.id, m))).sort();
}

const written = (m: Metric): string => m.text.normalize('NFKC');
/** Printed in 亿元 (亿元人民币 and 2亿多元 are too). */
const inYi = (m: Metric): boolean =>
  m.kind === 'money' && m.currency === 'CNY' && /亿[余多几]?(?:元|元人民币|人民币)$/u.test(written(m));
const inWanTons = (m: Metric): boolean => m.kind === 'weight' && /万[余多几]?吨$/u.test(written(m));
const inPercent = (m: Metric): boolean => m.unit === '%' && m.kind !== 'date';
beforeAll(async () => {
  const archive = tempDir();
  cpSync(SAMPLE_ARCHIVE, archive, { recursive: true });
  if (existsSync(PD1998_PAGES)) {
    for (const page of PD_PAGES) cpSync(path.join(PD1998_PAGES, page), path.join(archive, page));
  }
  writeFileSync(path.join(archive, '2024-03-01_测试报_02.txt'), OWN_PAGE);
  service = new ArchiveService({ archiveDirs: [archive], dataDir: tempDir() });
  const summaries = await service.listArticles();
  all = await Promise.all(
    summaries.map(async (s) => {
      const a = await service.getArticle(s.id);
      return { id: s.id, article: a, metrics: extractMetrics(a.text) };
    }),
  );
}, 120_000);

afterAll(async () => {
  await service?.close();
});

describe('metric explorer: a unit finds every figure in that unit', () => {
  it('亿元 finds every figure written in 亿元, whatever its label (or none)', async () => {
    const expected = truth(inYi);
    expect(expected.length).toBeGreaterThan(10);
    const rows = await explore('亿元');
    expect(keys(rows)).toEqual(expected);
    expect(rows.map((r) => r.metric.text)).toContain('3512.5亿元');
  });

  it('家, 万吨 and % find every figure in those units', async () => {
    expect(keys(await explore('家'))).toEqual(truth((m) => m.kind === 'count' && m.unit === '家'));
    const tons = truth(inWanTons);
    if (existsSync(PD1998_PAGES)) expect(tons.length).toBeGreaterThan(3);
    expect(keys(await explore('万吨'))).toEqual(truth(inWanTons));
    // Growth in % is in % too.
    const percent = truth(inPercent);
    expect(percent.length).toBeGreaterThan(20);
    expect(keys(await explore('%'))).toEqual(percent);
    expect(keys(await explore('％'))).toEqual(percent);
  });

  it('the candidate query finds every article that holds a figure in the unit, in any printed form', () => {
    const index = ArticleIndex.build(all.map((a) => a.article));
    const holding = (keep: (m: Metric) => boolean) =>
      all.filter((a) => a.metrics.some(keep)).map((a) => a.id);
    const cases: [string, (m: Metric) => boolean][] = [
      ['%', inPercent],
      ['亿元', inYi],
      ['万吨', inWanTons],
      ['家', (m) => m.kind === 'count' && m.unit === '家'],
      ['公斤', (m) => m.unit === '公斤'],
    ];
    for (const [unit, keep] of cases) {
      const found = new Set(index.matchIds(metricsCandidateQuery(unit)));
      expect(
        holding(keep).filter((id) => !found.has(id)),
        unit,
      ).toEqual([]);
    }
    // 百分之 figures in articles without a % sign exist in the People's Daily pages, so this is
    // more than the label finds (the sample archive alone has none).
    if (existsSync(PD1998_PAGES))
      expect(holding((m) => inPercent(m) && written(m).startsWith('百分之')).length).toBeGreaterThan(0);
    // Label words stay literal in it, next to the unit's forms.
    expect(metricsCandidateQuery('-Fi热点 OR 亿元')).toBe(
      '\uFE63Fi热点 or 亿元 OR 亿余元 OR 亿多元 OR 亿人民币 OR 亿余人民币 OR 亿多人民币',
    );
  });

  it('a label and a unit narrow to both', async () => {
    const rows = await explore('工业总产值 亿元');
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) {
      expect(normalize(r.metric.label ?? '')).toContain('工业总产值');
      expect(inYi(r.metric)).toBe(true);
    }
    expect(keys(rows)).toEqual(truth((m) => normalize(m.label ?? '').includes('工业总产值') && inYi(m)));
    // A unit alone is not a label word: 家 no longer finds 国家… labels in other units.
    expect((await explore('家')).every((r) => r.metric.unit === '家')).toBe(true);
  });
});

describe('metric explorer: the label is text, not a search query', () => {
  const labelled = (piece: string) => truth((m) => normalize(m.label ?? '').includes(normalize(piece)));

  it('OR, a leading - and quotes are matched literally', async () => {
    // OR is a word like any other (ORACLE数据库用户 contains it), not an operator.
    const or = await explore('OR');
    expect(keys(or)).toEqual(labelled('or'));
    expect(or.map((r) => r.metric.label)).toContain('ORACLE数据库用户');
    // -Fi热点 is a piece of Wi-Fi热点, not an exclusion.
    const fi = await explore('-Fi热点');
    expect(fi.map((r) => r.metric.label)).toEqual(['Wi-Fi热点']);
    // Quotes of any kind are dropped, as labels never hold them.
    const plain = keys(await explore('高新技术企业'));
    expect(plain.length).toBeGreaterThan(3);
    expect(keys(await explore('「高新技术企业」'))).toEqual(plain);
    expect(keys(await explore('“高新技术企业”'))).toEqual(plain);
    expect(keys(await explore('"高新技术企业"'))).toEqual(plain);
  });

  it('title: is text too, and matching folds traditional, full width and case as search does', async () => {
    expect(await explore('title:高新技术企业')).toEqual([]);
    const plain = keys(await explore('高新技术企业'));
    expect(keys(await explore('高新技術企業'))).toEqual(plain);
    expect(keys(await explore('ｗｉ－ｆｉ熱點'))).toEqual(keys(await explore('wi-fi热点')));
    expect(keys(await explore('oracle'))).toEqual(keys(await explore('ORACLE')));
  });

  it('what the view sends asks the index for exactly the articles holding every piece literally (property)', () => {
    const texts = [
      '全市Wi-Fi热点达1200个，ORACLE数据库用户120家',
      '高新技术企业 OR 科技型企业 title:规划 from:2020',
      '国家高新技术企业267家，“科技创新”平台',
      '规上工业总产值3512.5亿元 -国家 pub:北碚报',
      '繁體：高新技術企業５０６家',
    ];
    const articles = texts.map((t, i) => article(`a${i}`, `第${i}篇`, t));
    const index = ArticleIndex.build(articles);
    const piece = fc.constantFrom(
      'OR',
      'or',
      '-',
      '－',
      '-国家',
      'title:',
      'title:规划',
      'from:2020',
      'pub:北碚报',
      '"',
      '“',
      '」',
      '高新技术企业',
      '企业',
      'Wi-Fi',
      '-Fi',
      '热点',
      '國家',
      '科技',
      '１２０',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(piece, fc.constantFrom('', ' ', '  ')), { minLength: 1, maxLength: 5 }),
        (parts) => {
          const typed = parts.map(([p, space]) => p + space).join('');
          const query = literalMetricQuery(typed);
          const pieces = typed
            .replace(/[“”‘’"'「」『』《》〈〉]/gu, '')
            .split(/\s+/u)
            .map(normalize)
            .filter(Boolean);
          if (pieces.length === 0) {
            expect(query).toBe('');
            return;
          }
          const parsed = parseQuery(query);
          expect(parsed.exclude).toEqual([]);
          expect(parsed.publications).toEqual([]);
          expect(parsed.from ?? parsed.to).toBeUndefined();
          expect(parsed.clauses.map((c) => c.anyOf.map((t) => `${t.field}:${t.text}`))).toEqual(
            pieces.map((p) => [`any:${p}`]),
          );
          const literal = articles
            .filter((a) => pieces.every((p) => normalize(`${a.title}\n${a.text}`).includes(p)))
            .map((a) => a.id);
          expect(index.matchIds(query).sort()).toEqual(literal.sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});
