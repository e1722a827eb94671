import { appendFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../src/shared/events';
import { ArchiveService } from '../../src/main/core/service';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

function copyOfSample(): string {
  const dir = tempDir();
  cpSync(SAMPLE_ARCHIVE, dir, { recursive: true });
  return dir;
}

describe('ArchiveService', () => {
  it('re-reads only what changed, and a correction survives the re-import', async () => {
    const archive = copyOfSample();
    const data = tempDir();
    const first = new ArchiveService({ archiveDirs: [archive], dataDir: data });
    const events: ServiceEvent[] = [];
    first.events.on((e) => events.push(e));
    const info = await first.info();
    expect(info.report?.files.every((f) => f.status === 'new')).toBe(true);
    expect(events.some((e) => e.type === 'progress' && e.task === 'import')).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ type: 'task-done', task: 'import', ok: true }));

    const [article] = (await first.search('区政协召开十六届三次主席会议')).hits;
    await first.handle('articles:correct', {
      id: article.id,
      correction: { publication: '北碚报', date: '2022-05-28', page: '2' },
    });
    await first.close();

    // Another page changes; the corrected article's page does not.
    appendFileSync(
      path.join(archive, '004_bb1e53e6b3332629.txt'),
      '\n\n新增的报道\n\n今年全市第一个智慧园区建成投用。\n',
    );
    const second = new ArchiveService({ archiveDirs: [archive], dataDir: data });
    const report = (await second.info()).report;
    const status = Object.fromEntries(report?.files.map((f) => [f.file, f.status]) ?? []);
    expect(status['004_bb1e53e6b3332629.txt']).toBe('changed');
    expect(status['000_b2b83c036f656240.txt']).toBe('unchanged');
    const corrected = await second.getArticle(article.id);
    expect(corrected).toMatchObject({ publication: '北碚报', date: '2022-05-28', page: '2' });
    expect(corrected.corrected).toEqual(expect.arrayContaining(['publication', 'date', 'page']));
    // The index follows: the new sentence is found, and the corrected paper can be filtered on.
    expect((await second.search('智慧园区建成投用')).total).toBe(1);
    expect((await second.search('publication:北碚报')).hits.map((h) => h.id)).toEqual([article.id]);
    await second.close();
  });

  it('switches to other folders, remembers them, and reveals files in the right folder', async () => {
    const data = tempDir();
    const other = tempDir();
    mkdirSync(path.join(other, '2024'), { recursive: true });
    writeFileSync(
      path.join(other, '2024', '2024-03-01_测试报_02.txt'),
      '测试标题\n这是测试报上的一篇报道。\n',
    );
    const service = new ArchiveService({ defaultArchiveDir: SAMPLE_ARCHIVE, dataDir: data });
    expect((await service.info()).archiveDirs).toEqual([SAMPLE_ARCHIVE]);
    const info = await service.setFolders([SAMPLE_ARCHIVE, other]);
    expect(info.archiveDirs).toEqual([SAMPLE_ARCHIVE, other]);
    const hit = (await service.search('测试报上')).hits[0];
    expect(hit).toMatchObject({ publication: '测试报', date: '2024-03-01', page: '2' });
    expect((await service.reveal(hit.id)).path).toBe(path.join(other, '2024', '2024-03-01_测试报_02.txt'));
    await service.close();

    const reopened = new ArchiveService({ defaultArchiveDir: SAMPLE_ARCHIVE, dataDir: data });
    expect((await reopened.info()).archiveDirs).toEqual([SAMPLE_ARCHIVE, other]);
    expect((await reopened.settings.get()).recentArchives).toContain(other);
    await reopened.setFolders([]);
    expect((await reopened.info()).archiveDirs).toEqual([SAMPLE_ARCHIVE]);
    await reopened.close();
  });

  it('answers search options, suggestions and metrics through the contract', async () => {
    const service = new ArchiveService({ archiveDirs: [SAMPLE_ARCHIVE], dataDir: tempDir() });
    const result = await service.handle('search:query', { query: '科技创新', sort: 'relevance', limit: 2 });
    expect(result.total).toBeGreaterThan(2);
    expect(result.hits).toHaveLength(2);
    expect(result.facets.publication.length).toBeGreaterThan(0);
    const bad = await service.handle('search:query', { query: 'from:2020-13' });
    expect(bad.issues[0]).toMatchObject({ severity: 'error' });
    expect((await service.handle('search:suggest', { prefix: '科技' })).length).toBeGreaterThan(0);

    const [article] = result.hits;
    const metrics = await service.handle('metrics:article', { id: article.id });
    expect(metrics.every((m) => m.start >= 0 && m.end > m.start)).toBe(true);
    const rows = await service.handle('metrics:explore', { label: '高新技术企业' });
    const texts = rows.map((r) => r.metric.text);
    expect(texts).toEqual(expect.arrayContaining(['267家', '506家']));
    await expect(service.handle('search:query', { query: 42 })).rejects.toThrow();
    await service.close();
  });

  it('still imports and searches when its worker scripts cannot be started', async () => {
    const service = new ArchiveService({
      archiveDirs: [SAMPLE_ARCHIVE],
      dataDir: tempDir(),
      workers: {
        import: path.join(tempDir(), 'missing-import-worker.js'),
        index: '/nonexistent/index-worker.js',
      },
    });
    expect((await service.search('双减')).total).toBe(1);
    await service.close();
  });
});
