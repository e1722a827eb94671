import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMetrics, type Metric } from '../../src/main/core/metrics';

/**
 * The People's Daily 1998 corpus lives next to the repository, not in it: these tests skip, with
 * that reason, where it is absent.
 */
const CORPUS = join(__dirname, '../../../shared/corpora/pd1998/articles.jsonl');
const present = existsSync(CORPUS);
const reason = `the People's Daily corpus is not at ${CORPUS}`;

interface CorpusArticle {
  id: string;
  text: string;
}

function readCorpus(): CorpusArticle[] {
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as CorpusArticle);
}

interface Expected {
  kind: string;
  text: string;
  value: number | null;
  unit: string;
  label: string | null;
  unsupported?: boolean;
}

interface HeldOut {
  articles: { id: string; metrics: Expected[] }[];
}

function key(m: Metric | Expected): string {
  return JSON.stringify([m.kind, m.text, m.value, m.unit]);
}

describe.skipIf(!present)(`extractMetrics on the People's Daily corpus (skipped when ${reason})`, () => {
  const articles = present ? readCorpus() : [];

  it('holds its guarantees on every article: exact, ordered, non-overlapping ranges', () => {
    let figures = 0;
    for (const { id, text } of articles) {
      const found = extractMetrics(text);
      figures += found.length;
      let lastEnd = 0;
      for (const m of found) {
        expect(m.start, id).toBeGreaterThanOrEqual(lastEnd);
        expect(m.end, id).toBeGreaterThan(m.start);
        expect(m.end, id).toBeLessThanOrEqual(text.length);
        expect(text.slice(m.start, m.end), id).toBe(m.text);
        expect(m.text, id).not.toMatch(/\*\*/);
        if (m.value !== null) expect(Number.isFinite(m.value), id).toBe(true);
        lastEnd = m.end;
      }
    }
    expect(figures).toBeGreaterThan(10_000);
  });

  it('reads full-width digits and Chinese dates as People’s Daily prints them', () => {
    const speech = articles.find((a) => a.id === '19980101-01-001');
    expect(speech).toBeDefined();
    const found = extractMetrics(speech?.text ?? '');
    const dates = found.filter((m) => m.kind === 'date').map((m) => [m.text, m.value]);
    expect(dates).toContainEqual(['一九九七年十二月三十一日', 19971231]);
    expect(dates).toContainEqual(['１２月３１日', 1231]);
    expect(dates).toContainEqual(['１９９８年', 1998]);
    expect(found.find((m) => m.text === '２０年')).toMatchObject({ kind: 'duration', qualifier: '近' });
  });

  it('reports precision and recall on four articles read by hand after the extractor was written', () => {
    const heldOut = JSON.parse(
      readFileSync(join(__dirname, '../fixtures/metrics/heldout/pd1998.json'), 'utf8'),
    ) as HeldOut;
    const byId = new Map(articles.map((a) => [a.id, a.text]));
    let truePositives = 0;
    let foundTotal = 0;
    let expectedTotal = 0;
    let labelsAgreed = 0;
    const misses: string[] = [];
    for (const a of heldOut.articles) {
      const text = byId.get(a.id);
      expect(text, a.id).toBeDefined();
      const found = extractMetrics(text ?? '');
      const pool = new Map<string, Expected[]>();
      for (const e of a.metrics) pool.set(key(e), [...(pool.get(key(e)) ?? []), e]);
      for (const m of found) {
        const e = pool.get(key(m))?.shift();
        if (!e) {
          misses.push(`  not expected in ${a.id}: ${key(m)}`);
          continue;
        }
        truePositives++;
        if (e.label === m.label) labelsAgreed++;
      }
      for (const rest of pool.values()) for (const e of rest) misses.push(`  missed in ${a.id}: ${key(e)}`);
      foundTotal += found.length;
      expectedTotal += a.metrics.length;
    }
    const precision = truePositives / foundTotal;
    const recall = truePositives / expectedTotal;
    console.log(
      [
        ...misses,
        `held out: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} over ${expectedTotal} figures;` +
          ` labels agree on ${labelsAgreed}/${truePositives}`,
      ].join('\n'),
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
