import {
  chmodSync,
  copyFileSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive, importArchives, type ImportState } from '../../src/main/core/archive/import';
import { watchArchives } from '../../src/main/core/archive/watch';
import { runImportInWorker } from '../../src/main/core/archive/worker';
import type { ImportProgress } from '../../src/shared/types';
import { archiveWith, SAMPLE_ARCHIVE } from './helpers/tmp';

const FIXTURES = path.resolve('tests/fixtures/archive');
const PAGE = '## 标题一\n\n本报讯(记者 熊辉)正文一。\n';

describe('importArchive (the first API, as service.ts and the CLI use it)', () => {
  it('reads the bundled archive: ids unique, titles inside the lines each article covers', async () => {
    const archive = await importArchive(SAMPLE_ARCHIVE);
    expect(archive.problems).toEqual([]);
    expect(archive.files).toHaveLength(5);
    expect(archive.articles).toHaveLength(14);
    expect(new Set(archive.articles.map((a) => a.id)).size).toBe(14);
    for (const a of archive.articles) {
      const lines = readFileSync(path.join(SAMPLE_ARCHIVE, a.source.file), 'utf8').split(/\r\n|\r|\n/);
      expect(a.source.lineEnd).toBeLessThanOrEqual(lines.length);
      expect(a.text).toBe(a.paragraphs.join('\n\n'));
      const covered = lines.slice(a.source.lineStart - 1, a.source.lineEnd).join('\n');
      expect(covered.replace(/^#+\s*/gm, '')).toContain(a.title.slice(0, 8));
    }
  });

  it('gives the same ids after a re-import, metadata from the file name, and says when the folder is missing', async () => {
    const dir = archiveWith({
      'sub/2023-08-25_北碚报_03.txt': PAGE,
      'binary.txt': Buffer.from([0, 1, 2, 3, 0]),
      'photo.jpg': 'x',
    });
    const first = await importArchive(dir);
    const second = await importArchive(dir);
    expect(second.articles.map((a) => a.id)).toEqual(first.articles.map((a) => a.id));
    expect(first.articles).toEqual([
      expect.objectContaining({
        title: '标题一',
        publication: '北碚报',
        date: '2023-08-25',
        page: '3',
        authors: ['熊辉'],
        source: { file: 'sub/2023-08-25_北碚报_03.txt', lineStart: 1, lineEnd: 3 },
      }),
    ]);
    expect(first.problems).toEqual([{ file: 'binary.txt', message: expect.stringContaining('binary') }]);
    expect(first.report.skipped).toContainEqual({
      root: dir,
      file: 'photo.jpg',
      reason: 'unsupported file type (.jpg)',
    });
    await expect(importArchive(path.join(dir, 'missing'))).rejects.toThrow(/cannot read archive folder/);
  });
});

describe('importArchives: bad input never stops an import, each problem is reported once', () => {
  it('encodings, HTML, empty and binary files, symlink loops, 20 levels, a 50 MB file', async () => {
    const deep = Array.from({ length: 20 }, (_, i) => `d${i}`).join('/');
    const dir = archiveWith({
      [`${deep}/deep.txt`]: PAGE,
      'empty.txt': '',
      'blank.md': '\n  \n',
      'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'notes.docx': 'x',
      '.hidden.txt': PAGE,
    });
    for (const name of [
      'gbk-page.txt',
      'big5-page.txt',
      'utf16le-nobom.txt',
      'utf16be-bom.txt',
      'page.html',
    ]) {
      copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
    }
    symlinkSync(dir, path.join(dir, 'loop'));
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'broken.txt'));
    const huge = path.join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024);
    const { report, articles } = await importArchives([dir]);
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(byFile['gbk-page.txt']).toMatchObject({ status: 'new', encoding: 'gb18030', articles: 1 });
    expect(byFile['big5-page.txt']).toMatchObject({ encoding: 'big5', articles: 1 });
    expect(byFile['utf16le-nobom.txt']).toMatchObject({ encoding: 'utf-16le', articles: 1 });
    expect(byFile['utf16be-bom.txt']).toMatchObject({ encoding: 'utf-16be', articles: 1 });
    expect(byFile['page.html']).toMatchObject({ format: 'html', articles: 2 });
    expect(byFile[`${deep}/deep.txt`]).toMatchObject({ articles: 1 });
    expect(byFile['empty.txt']).toMatchObject({ articles: 0, warnings: ['empty file'] });
    expect(byFile['blank.md']).toMatchObject({ articles: 0, warnings: ['no text in the file'] });
    expect(byFile['image.txt']).toMatchObject({ status: 'failed', errors: ['binary file (PNG image)'] });
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
    expect(reasons).toMatchObject({
      'notes.docx': 'unsupported file type (.docx)',
      '.hidden.txt': 'hidden file',
      loop: expect.stringMatching(/^symbolic link loop/),
      'broken.txt': 'broken symbolic link',
      'huge.txt': expect.stringMatching(/^too large for a page \(50\.0 MB/),
    });
    const reported = [...report.skipped.map((s) => s.file), ...report.files.map((f) => f.file)];
    expect(new Set(reported).size).toBe(reported.length);
    const html = articles.find((a) => a.source.file === 'page.html');
    expect(html?.text).not.toContain('不应出现');
    const htmlLines = readFileSync(path.join(dir, 'page.html'), 'utf8').split('\n');
    expect(htmlLines[(html?.source.lineStart ?? 0) - 1]).toContain(html?.title);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it.skipIf(process.getuid?.() === 0)(
    'reports a folder and a file it may not read (skipped when running as root)',
    async () => {
      const dir = archiveWith({ 'closed/a.txt': PAGE, 'secret.txt': PAGE, 'open.txt': PAGE });
      chmodSync(path.join(dir, 'closed'), 0o000);
      chmodSync(path.join(dir, 'secret.txt'), 0o000);
      try {
        const { report, articles } = await importArchives([dir]);
        expect(report.skipped).toContainEqual({
          root: dir,
          file: 'closed',
          reason: 'cannot read folder: permission denied',
        });
        expect(report.files.find((f) => f.file === 'secret.txt')).toMatchObject({
          status: 'failed',
          errors: ['permission denied'],
        });
        expect(articles).toHaveLength(1);
      } finally {
        chmodSync(path.join(dir, 'closed'), 0o755);
        chmodSync(path.join(dir, 'secret.txt'), 0o644);
      }
    },
  );

  it('goes on when files vanish or change while the import runs', async () => {
    const dir = archiveWith({ 'a.txt': PAGE, 'b.txt': PAGE, 'c.txt': PAGE });
    const seen: ImportProgress[] = [];
    const { report, articles } = await importArchives([dir], {
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'read' && p.file === 'a.txt') {
          unlinkSync(path.join(dir, 'b.txt'));
          writeFileSync(path.join(dir, 'c.txt'), '## 新标题\n\n新的正文。\n');
        }
      },
    });
    expect(report.skipped).toContainEqual({ root: dir, file: 'b.txt', reason: 'vanished during import' });
    expect(report.files.find((f) => f.file === 'c.txt')?.warnings).toEqual([
      'changed during import; the newer version was read',
    ]);
    expect(articles.map((a) => a.title)).toEqual(['标题一', '新标题']);
    expect(seen[0]).toEqual({ phase: 'discover', done: 0, total: 0 });
    expect(seen.filter((p) => p.phase === 'read').map((p) => [p.done, p.total, p.file])).toEqual([
      [0, 3, 'a.txt'],
      [1, 3, 'b.txt'],
      [2, 3, 'c.txt'],
    ]);
    expect(seen[seen.length - 1]).toMatchObject({ phase: 'done' });
  });
});

describe('incremental import', () => {
  it('re-reads only what changed, keeps ids, drops deleted files and follows sidecar edits', async () => {
    const dir = archiveWith({
      'a.txt': PAGE,
      'b.txt': '## 标题二\n\n正文二。\n',
      'c.txt': '## 标题三\n\n正文三。\n',
    });
    const first = await importArchives([dir]);
    const previous = JSON.parse(JSON.stringify(first.state)) as ImportState;
    // a: touched only; b: changed; c: deleted; d: new; a gets a sidecar.
    utimesSync(path.join(dir, 'a.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    writeFileSync(path.join(dir, 'b.txt'), '## 标题二\n\n正文二改了。\n');
    unlinkSync(path.join(dir, 'c.txt'));
    writeFileSync(path.join(dir, 'd.txt'), '## 标题四\n\n正文四。\n');
    writeFileSync(
      path.join(dir, 'a.txt.json'),
      JSON.stringify({ publication: '北碚报', date: '2023年8月25日' }),
    );
    const second = await importArchives([dir], { previous });
    const status = Object.fromEntries(second.report.files.map((f) => [f.file, f.status]));
    expect(status).toEqual({ 'a.txt': 'unchanged', 'b.txt': 'changed', 'd.txt': 'new' });
    expect(second.report.removed).toEqual([path.join(dir, 'c.txt')]);
    expect(second.report.metadataFiles).toEqual([path.join(dir, 'a.txt.json')]);
    const byTitle = Object.fromEntries(second.articles.map((a) => [a.title, a]));
    expect(byTitle['标题一']).toMatchObject({
      id: first.articles[0].id,
      publication: '北碚报',
      date: '2023-08-25',
    });
    expect(byTitle['标题二'].id).not.toBe(first.articles[1].id);
    expect(Object.keys(byTitle)).toEqual(['标题一', '标题二', '标题四']);
    // Nothing changed: nothing is read again.
    const third = await importArchives([dir], { previous: second.state });
    expect(third.report.files.every((f) => f.status === 'unchanged')).toBe(true);
    expect(third.articles).toEqual(second.articles);
  });

  it('applies folder manifests, nearest first, with an encoding hint', async () => {
    const dir = archiveWith({
      'newsstack.json': JSON.stringify({ publication: '北碚报', pages: { 'x/03.txt': { page: '3' } } }),
      'x/newsstack.json': JSON.stringify({ date: '2023-08-25', colour: 'red' }),
      'x/03.txt': PAGE,
    });
    const { articles, report } = await importArchives([dir]);
    expect(articles[0]).toMatchObject({ publication: '北碚报', date: '2023-08-25', page: '3' });
    expect(report.skipped).toEqual([
      { root: dir, file: 'x/newsstack.json', reason: expect.stringContaining('colour') },
    ]);
  });

  it('cancels between files and keeps the articles it already had; several folders at once', async () => {
    const one = archiveWith({ 'a.txt': PAGE, 'b.txt': '## 标题二\n\n正文二。\n' });
    const two = archiveWith({ 'a.txt': PAGE });
    const first = await importArchives([one, two]);
    expect(first.articles).toHaveLength(3);
    expect(new Set(first.articles.map((a) => a.id)).size).toBe(3);
    writeFileSync(path.join(one, 'b.txt'), '## 改\n\n改了。\n');
    const controller = new AbortController();
    const cancelled = await importArchives([one, two], {
      previous: first.state,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'read') controller.abort();
      },
    });
    expect(cancelled.report.cancelled).toBe(true);
    expect(cancelled.articles.map((a) => a.title)).toEqual(['标题一', '标题二', '标题一']);
  });
});

describe('watching and workers', () => {
  it('calls back, debounced, with the paths that changed (polling)', async () => {
    const dir = archiveWith({ 'a.txt': PAGE });
    const changed = await new Promise<string[]>((resolve) => {
      const watcher = watchArchives(
        [dir],
        (paths) => {
          watcher.close();
          resolve(paths);
        },
        { polling: true, intervalMs: 50, debounceMs: 50 },
      );
      setTimeout(() => writeFileSync(path.join(dir, 'b.txt'), PAGE), 200);
    });
    expect(changed).toEqual([path.join(dir, 'b.txt')]);
  });

  it('runs the import in a worker thread with plain data in and out', async () => {
    const dir = archiveWith({ 'a.txt': PAGE });
    const progress: string[] = [];
    const result = await runImportInWorker(
      path.resolve('src/main/core/archive/worker.ts'),
      { dirs: [dir] },
      { onProgress: (p) => progress.push(p.phase) },
    );
    expect(result.articles.map((a) => a.title)).toEqual(['标题一']);
    expect(progress).toContain('done');
  });
});
