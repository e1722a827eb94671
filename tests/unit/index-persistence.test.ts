import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../src/main/core/archive/import';
import { loadIndex, saveIndex } from '../../src/main/core/search/files';
import { ArticleIndex, INDEX_FORMAT, IndexInvalidError } from '../../src/main/core/search/index';
import { buildIndexInWorker } from '../../src/main/core/search/worker';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';
import { article } from './helpers/articles';

describe('index persistence', () => {
  it('saves atomically and loads with the same answers', async () => {
    const { articles } = await importArchive(SAMPLE_ARCHIVE);
    const built = ArticleIndex.build(articles);
    const file = path.join(tempDir(), 'index', 'a.nsix');
    await saveIndex(file, built);
    const loaded = await loadIndex(file, articles);
    expect(loaded.rebuildNeeded).toBe(false);
    for (const q of ['科技创新', '双减 OR 三超', '-双减 科技'])
      expect(loaded.index?.search(q, 100)).toEqual(built.search(q, 100));
    expect(ArticleIndex.fromJSON(JSON.stringify(built.toJSON()), articles).search('双减', 100)).toEqual(
      built.search('双减', 100),
    );
  });

  it('asks for a rebuild when the file is missing, corrupt, truncated or of another format', async () => {
    const { articles } = await importArchive(SAMPLE_ARCHIVE);
    const file = path.join(tempDir(), 'a.nsix');
    expect((await loadIndex(file, articles)).rebuildNeeded).toBe(true);
    await saveIndex(file, ArticleIndex.build(articles));
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 10] ^= 0xff;
    writeFileSync(file, flipped);
    expect(await loadIndex(file, articles)).toMatchObject({
      rebuildNeeded: true,
      reason: expect.stringMatching(/checksum/u),
    });
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    expect((await loadIndex(file, articles)).rebuildNeeded).toBe(true);
    // The same file claiming an older format is not trusted either.
    const current = `"format":${INDEX_FORMAT}`;
    expect(bytes.toString('latin1')).toContain(current);
    writeFileSync(
      file,
      Buffer.from(bytes.toString('latin1').replace(current, `"format":${INDEX_FORMAT - 1}`), 'latin1'),
    );
    expect(await loadIndex(file, articles)).toMatchObject({
      rebuildNeeded: true,
      reason: expect.stringMatching(/format/u),
    });
    expect(() => ArticleIndex.fromJSON('{"format":1}', articles)).toThrow(IndexInvalidError);
  });

  it('adds, replaces and removes articles incrementally, and loads over changed articles', () => {
    const a = article('a', '甲', '双减工作');
    const b = article('b', '乙', '三超整治');
    const index = ArticleIndex.build([a, b]);
    index.add([article('c', '丙', '双减三超')]);
    expect(
      index
        .search('双减')
        .hits.map((h) => h.id)
        .sort(),
    ).toEqual(['a', 'c']);
    index.remove(['a']);
    expect(index.search('双减').hits.map((h) => h.id)).toEqual(['c']);
    index.add([article('b', '乙', '双减新文')]);
    expect(index.search('三超').hits.map((h) => h.id)).toEqual(['c']);
    expect(index.size).toBe(2);
    const data = index.toBinary();
    const reloaded = ArticleIndex.fromBinary(data, [
      article('b', '乙', '全新内容'),
      article('d', '丁', '双减'),
    ]);
    expect(reloaded.search('双减').hits.map((h) => h.id)).toEqual(['d']);
    expect(reloaded.search('全新').hits.map((h) => h.id)).toEqual(['b']);
    for (let k = 0; k < 12; k++) index.add([article(`n${k}`, '新', `双减第${k}篇`)]);
    expect(index.search('双减').total).toBe(14);
    expect(index.segments.length).toBeLessThanOrEqual(8);
  });

  it('builds in a worker thread with progress, and can be cancelled', async () => {
    const { articles } = await importArchive(SAMPLE_ARCHIVE);
    const phases = new Set<string>();
    const index = await buildIndexInWorker(articles, { onProgress: (p) => phases.add(p.phase) });
    expect(index.search('科技创新', 100)).toEqual(ArticleIndex.build(articles).search('科技创新', 100));
    expect(phases.has('serialise')).toBe(true);
    const controller = new AbortController();
    const pending = buildIndexInWorker(articles, { signal: controller.signal });
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
