import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/main/core/catalog';
import { LocalEngine } from '../../src/main/core/search/local-engine';
import type { SearchEngine } from '../../src/main/core/search/engine';
import { DiskEngine } from '../../src/main/core/search/disk/engine';
import { coverOffsets } from '../../src/main/core/search/disk/segment';
import { article } from './helpers/articles';
import { describeEngineContract } from './helpers/engine-contract';
import { loadCorpus } from './helpers/engine-corpus';
import { tempDir } from './helpers/tmp';

// The articles go into a catalogue in the folder, the index is built on disk, and the engine
// that answers is a second one opened on the same database, as a new process would.
describeEngineContract('disk', async (dir, articles) => {
  const writer = Catalog.open(dir);
  await DiskEngine.open(writer).apply({ upsert: articles, remove: [] });
  writer.close();
  const catalog = Catalog.open(dir);
  const engine = DiskEngine.open(catalog);
  const close = engine.close.bind(engine);
  return Object.assign(engine, {
    close: async () => {
      await close();
      catalog.close();
    },
  }) satisfies SearchEngine;
});

describe('the disk engine, segment by segment', () => {
  it('builds many small segments, merges them, and stays exact through removals', async () => {
    const corpus = await loadCorpus();
    const dir = tempDir();
    const catalog = Catalog.open(dir);
    catalog.putArticles(corpus);
    // Segments of two articles: more than the engine keeps, so it merges neighbours.
    expect(corpus.length).toBeGreaterThan(22);
    const engine = DiskEngine.open(catalog, { batch: 2 });
    expect(engine.segments.length).toBeGreaterThan(1);
    // Built as one segment per two articles, merged down to the engine's limit of 12.
    expect(engine.segments.length).toBeLessThan(Math.ceil(corpus.length / 2));
    expect(engine.segments.length).toBeLessThanOrEqual(12);
    const local = LocalEngine.build(corpus);
    for (const q of ['经济', '改革开放', '双减', '高新技术企业', '发展 -经济', 'title:琥珀']) {
      expect((await engine.matchIds(q)).sort(), q).toEqual((await local.matchIds(q)).sort());
    }
    // Removing most articles of the archive empties segments, which are then rebuilt or dropped.
    const gone = corpus.slice(0, Math.floor(corpus.length * 0.8)).map((a) => a.id);
    await engine.apply({ upsert: [], remove: gone });
    await local.apply({ upsert: [], remove: gone });
    for (const q of ['经济', '改革开放', '的', '高新技术企业']) {
      expect((await engine.matchIds(q)).sort(), q).toEqual((await local.matchIds(q)).sort());
    }
    expect(await engine.size()).toBe(corpus.length - gone.length);
    // No segment is left mostly empty.
    const live = (s: { base: number; count: number }): number =>
      Array.from({ length: s.count }, (_, k) => s.base + k).filter((slot) => engine.docs.alive(slot)).length;
    expect(engine.segments.every((s) => live(s) * 2 >= s.count)).toBe(true);
    catalog.close();
  });
});

/** Every set of bigram offsets that covers a term of `length` units (first and last included, no gap over one). */
function allCovers(length: number): number[][] {
  const last = length - 2;
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << (last + 1); mask++) {
    const set = Array.from({ length: last + 1 }, (_, o) => o).filter((o) => mask & (1 << o));
    if (set[0] !== 0 || set[set.length - 1] !== last) continue;
    if (set.every((o, k) => k === 0 || o - set[k - 1] <= 2)) out.push(set);
  }
  return out;
}

describe('the disk engine proves phrases from the cheapest bigrams', () => {
  it('chooses a cover of the whole term with the least total cost', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 3, max: 11 })
          .chain((length) =>
            fc.tuple(
              fc.constant(length),
              fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: length - 1, maxLength: length - 1 }),
            ),
          ),
        ([length, costs]) => {
          const cover = coverOffsets(length, (o) => costs[o]);
          const total = (set: number[]): number => set.reduce((sum, o) => sum + costs[o], 0);
          expect(allCovers(length).map(String)).toContain(String(cover));
          expect(total(cover)).toBe(Math.min(...allCovers(length).map(total)));
        },
      ),
    );
    // Without costs: every other bigram and the last one, as few rows as can prove the term.
    expect(coverOffsets(6)).toHaveLength(3);
  });

  it('a frequent middle bigram is skipped and the phrase is still matched exactly', async () => {
    // 丙丁 is in every article, so the term 甲乙丙丁戊 is proved from 甲乙, 乙丙 and 丁戊. Near
    // misses hold all of those bigrams, but not one after the other.
    const filler = Array.from({ length: 40 }, (_, k) =>
      article(`filler-${k}`, `第${k}篇`, `丙丁${'其他内容'.repeat(k % 5)}丙丁。`),
    );
    const articles = [
      ...filler,
      article('hit', '报道', '开头甲乙丙丁戊，再说一次：甲乙丙 丁戊。'),
      article('near-comma', '报道', '甲乙丙，丁戊。'),
      article('near-apart', '报道', '甲乙丙丁，丁戊，甲乙。'),
      article('near-order', '报道', '丁戊甲乙丙。'),
      article('near-middle', '报道', '甲乙啊丁戊，乙丙丁。'),
      article('title', '甲乙丙丁戊', '正文没有。'),
    ];
    const catalog = Catalog.open(tempDir());
    catalog.putArticles(articles);
    const engine = DiskEngine.open(catalog);
    const local = LocalEngine.build(articles);
    const result = await engine.search('甲乙丙丁戊', { limit: 10 });
    expect(result.hits.map((h) => h.id).sort()).toEqual(['hit', 'title']);
    expect(result.hits.map((h) => [h.id, h.score])).toEqual(
      (await local.search('甲乙丙丁戊', { limit: 10 })).hits.map((h) => [h.id, h.score]),
    );
    // Both occurrences of the text are highlighted in the snippet, the second across the space.
    expect(result.hits.find((h) => h.id === 'hit')?.highlights).toHaveLength(2);
    catalog.close();
  });
});
