import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../src/shared/events';
import { ArchiveService } from '../../src/main/core/service';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

const SYNC_WORKER = path.resolve('src/main/core/search/disk/sync-worker.ts');

/** `copies` copies of the sample pages, each copy in a folder of its own year. */
function archiveOf(copies: number): string {
  const dir = tempDir();
  const pages = readdirSync(SAMPLE_ARCHIVE);
  for (let c = 0; c < copies; c++) {
    const sub = path.join(dir, String(2000 + c));
    mkdirSync(sub, { recursive: true });
    for (const page of pages) {
      const text = readFileSync(path.join(SAMPLE_ARCHIVE, page), 'utf8');
      writeFileSync(path.join(sub, page), `${text}\n\n第${c}号增刊\n\n编号${c}的报道。\n`);
    }
  }
  return dir;
}

describe('the index on disk, kept by the library', () => {
  it('is built in a worker with progress, while other calls are answered', async () => {
    const archive = archiveOf(40);
    const data = tempDir();
    const service = new ArchiveService({
      archiveDirs: [archive],
      dataDir: data,
      workers: { index: SYNC_WORKER },
    });
    const order: string[] = [];
    const events: ServiceEvent[] = [];
    service.events.on((e) => {
      events.push(e);
      if (e.type === 'task-done' && e.task === 'index') order.push('index done');
    });
    const info = await service.info();
    expect(info.articleCount).toBeGreaterThan(400);
    const [first] = await service.listArticles();
    const searching = service.search('全市第一');
    // The service thread is free while the worker builds: an article is answered before the index is done.
    await service.getArticle(first.id);
    order.push('article');
    const result = await searching;
    expect(result.total).toBeGreaterThan(40);
    expect(order).toEqual(['article', 'index done']);
    expect(events.some((e) => e.type === 'progress' && e.task === 'index')).toBe(true);
    await service.close();
  });

  it('a second process opens the index without building anything, and sees a correction', async () => {
    const archive = tempDir();
    cpSync(SAMPLE_ARCHIVE, archive, { recursive: true });
    const data = tempDir();
    const first = new ArchiveService({ archiveDirs: [archive], dataDir: data });
    const [hit] = (await first.search('全市第一')).hits;
    await first.close();

    const second = new ArchiveService({ archiveDirs: [archive], dataDir: data });
    const events: ServiceEvent[] = [];
    second.events.on((e) => events.push(e));
    expect((await second.search('全市第一')).hits[0].id).toBe(hit.id);
    expect(events.some((e) => e.type === 'progress' && e.task === 'index')).toBe(false);
    await second.handle('articles:correct', {
      id: hit.id,
      correction: { publication: '校对日报', date: '1999-09-09' },
    });
    const corrected = await second.search('publication:校对日报');
    expect(corrected.hits.map((h) => h.id)).toEqual([hit.id]);
    expect(corrected.facets.year).toEqual([{ value: '1999', count: 1 }]);
    expect((await second.search('全市第一')).total).toBe((await second.search('全市第一')).total);
    await second.close();
  });
});
