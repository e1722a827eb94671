import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/main/core/catalog';
import { LocalEngine } from '../../src/main/core/search/local-engine';
import type { SearchEngine } from '../../src/main/core/search/engine';
import { DiskEngine } from '../../src/main/core/search/disk/engine';
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
