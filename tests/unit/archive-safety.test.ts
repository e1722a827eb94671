import { execFileSync } from 'node:child_process';
import { symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchives } from '../../src/main/core/archive';
import { discover } from '../../src/main/core/archive/discover';
import { readBytes } from '../../src/main/core/archive/read';
import { archiveWith } from './helpers/tmp';

const PAGE = '## 标题一\n\n本报讯(记者 熊辉)正文一。\n';
const linux = process.platform === 'linux';

describe('an archive folder cannot lead the import outside it', () => {
  it('follows links within the folder, never to files or folders outside it', async () => {
    const elsewhere = archiveWith({ 'secret.txt': '## 机密\n\n不应导入的内容。\n', 'more/page.txt': PAGE });
    const dir = archiveWith({ '.store/kept.txt': '## 标题二\n\n链接进来的正文。\n', 'own.txt': PAGE });
    symlinkSync(path.join(dir, '.store/kept.txt'), path.join(dir, 'linked.txt'));
    symlinkSync(path.join(elsewhere, 'secret.txt'), path.join(dir, 'secret.txt'));
    symlinkSync(path.join(elsewhere, 'more'), path.join(dir, 'more'));
    if (linux) symlinkSync('/proc/self/pagemap', path.join(dir, 'pagemap.txt'));
    const { report, articles } = await importArchives([dir]);
    expect(report.files.map((f) => f.file).sort()).toEqual(['linked.txt', 'own.txt']);
    expect(articles.map((a) => a.title).sort()).toEqual(['标题一', '标题二']);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
    expect(reasons['secret.txt']).toMatch(/^symbolic link to .*secret\.txt, outside the archive folders/);
    expect(reasons.more).toMatch(/outside the archive folders: not followed$/);
    if (linux) expect(reasons['pagemap.txt']).toMatch(/^symbolic link to \/proc\/.*outside/);
  });

  it('a page swapped for a FIFO, a device or a link after the folder was listed is refused at once', async () => {
    const dir = archiveWith({ 'a.txt': PAGE, 'b.txt': PAGE, 'c.txt': PAGE });
    const { pages } = await discover([dir]);
    expect(pages).toHaveLength(3);
    const [a, b, c] = pages;
    unlinkSync(a.absolute);
    if (linux) execFileSync('mkfifo', [a.absolute]);
    else symlinkSync('/dev/null', a.absolute);
    unlinkSync(b.absolute);
    symlinkSync(path.join(dir, 'c.txt'), b.absolute);
    // Before the fix the FIFO hung the import for good: this read would never return.
    expect(await readBytes(a, 1024)).toMatchObject({ kind: 'error' });
    expect(await readBytes(b, 1024)).toEqual({
      kind: 'error',
      message: 'became a symbolic link after the folder was read; not followed',
    });
    expect(await readBytes(c, 1024)).toMatchObject({ kind: 'read', size: Buffer.byteLength(PAGE) });
  });

  it.runIf(linux)('never reads more than the size limit, whatever size the file claims', async () => {
    // Files under /proc claim a size of 0 and can be endless; a page found as one is cut off.
    const claimsNothing = {
      root: '/',
      file: 'proc/self/maps',
      absolute: '/proc/self/maps',
      size: 0,
      mtimeMs: 0,
      format: 'text' as const,
    };
    expect(await readBytes(claimsNothing, 64)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^too large for a page: more than 64 bytes, although it claims 0/),
    });
  });
});
