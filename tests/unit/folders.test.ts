import { cpSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveService } from '../../src/main/core/service';
import { toErrorShape } from '../../src/main/core/errors';
import { SAMPLE_ARCHIVE, archiveWith, tempDir } from './helpers/tmp';

const PAGE = (marker: string): string => `第1版要闻\n\n本报讯 ${marker}报道说，全区新增企业10家。\n`;

async function refused(call: Promise<unknown>): Promise<ReturnType<typeof toErrorShape>> {
  try {
    await call;
  } catch (error) {
    return toErrorShape(error);
  }
  throw new Error('the call was not refused');
}

describe('archive folders the user types or loses', () => {
  it('a missing, relative or file path is refused before it is saved, with the reason', async () => {
    const data = tempDir();
    const service = new ArchiveService({ defaultArchiveDir: SAMPLE_ARCHIVE, dataDir: data });
    const file = path.join(tempDir(), 'page.txt');
    writeFileSync(file, PAGE('甲'));
    const missing = path.join(tempDir(), 'no-such-folder');
    expect(await refused(service.setFolders([missing]))).toMatchObject({
      code: 'invalid-folder',
      folder: { root: missing, problem: 'missing' },
    });
    expect(await refused(service.setFolders(['papers/2024']))).toMatchObject({
      code: 'invalid-folder',
      folder: { root: 'papers/2024', problem: 'relative' },
    });
    expect(await refused(service.setFolders([file]))).toMatchObject({
      folder: { root: file, problem: 'not-a-folder' },
    });
    // Nothing was saved: the archive is still the bundled one, and it still answers.
    expect((await service.settings.get()).archiveDirs).toEqual([]);
    expect((await service.info()).archiveDirs).toEqual([SAMPLE_ARCHIVE]);
    expect((await service.search('全市第一')).total).toBeGreaterThan(0);
    await service.close();
  });

  it('a saved folder that went away is shown as unavailable; its articles and everything else keep working', async () => {
    const data = tempDir();
    const a = archiveWith({ 'a.txt': PAGE('甲乙丙') });
    const b = archiveWith({ 'b.txt': PAGE('丁戊己') });
    const first = new ArchiveService({ dataDir: data });
    await first.setFolders([a, b]);
    const hit = (await first.search('丁戊己')).hits[0];
    await first.handle('notes:bookmark', { articleId: hit.id });
    await first.close();

    // The drive holding b is unplugged; then a too.
    const unplugged = `${b}-unplugged`;
    renameSync(b, unplugged);
    const second = new ArchiveService({ dataDir: data, scanOnOpen: 'wait' });
    const info = await second.info();
    expect(info.unavailable).toEqual([{ root: b, problem: 'missing' }]);
    expect(info.archiveDirs).toEqual([a, b]);
    expect((await second.search('丁戊己')).total).toBe(1);
    expect((await second.search('甲乙丙')).total).toBe(1);
    await second.close();
    renameSync(a, `${a}-unplugged`);
    const third = new ArchiveService({ dataDir: data, scanOnOpen: 'wait' });
    expect((await third.info()).unavailable.map((u) => u.root)).toEqual([a, b]);
    expect((await third.search('丁戊己')).total).toBe(1);
    // Removing one unavailable folder does not need the other one back.
    expect((await third.setFolders([b])).archiveDirs).toEqual([b]);
    await third.close();
  });

  it('a moved folder is followed where the user says it went: no page read again, notes still attached', async () => {
    const data = tempDir();
    const a = tempDir();
    cpSync(SAMPLE_ARCHIVE, a, { recursive: true, preserveTimestamps: true });
    const service = new ArchiveService({ dataDir: data });
    await service.setFolders([a]);
    const ids = (await service.listArticles()).map((x) => x.id);
    const hit = (await service.search('全市第一')).hits[0];
    await service.handle('notes:bookmark', { articleId: hit.id });
    await service.close();

    const moved = path.join(tempDir(), 'moved-here');
    renameSync(a, moved);
    const again = new ArchiveService({ dataDir: data, scanOnOpen: 'wait' });
    expect((await again.info()).unavailable).toEqual([{ root: a, problem: 'missing' }]);
    expect(await refused(again.relocateFolder(a, path.join(moved, 'nope')))).toMatchObject({
      folder: { problem: 'missing' },
    });
    const info = await again.relocateFolder(a, moved);
    expect(info.archiveDirs).toEqual([moved]);
    expect(info.unavailable).toEqual([]);
    await again.reimport();
    const report = (await again.info()).report;
    expect(report?.files.every((f) => f.status === 'unchanged')).toBe(true);
    expect((await again.listArticles()).map((x) => x.id)).toEqual(ids);
    expect(await again.handle('notes:bookmarkOf', { articleId: hit.id })).not.toBeNull();
    expect((await again.getArticle(hit.id)).id).toBe(hit.id);
    await again.close();
  });
});
