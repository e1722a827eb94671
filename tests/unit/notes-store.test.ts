import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NotesFileAdapter, notesPaths } from '../../src/main/core/notes/file';
import { emptyNotes, NotesError, NotesStore, type NotesData } from '../../src/main/core/notes/index';
import { tempDir } from './helpers/tmp';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const NOTES_INDEX = path.resolve('src/main/core/notes/index.ts');

/** A clock that moves one second per call, so that order never depends on the real clock. */
function fakeClock(start = Date.UTC(2026, 0, 1)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

const article = (id: string, extra: Record<string, string> = {}) => ({ id, title: `文章 ${id}`, ...extra });

function readStore(dataDir: string): NotesData {
  return JSON.parse(readFileSync(notesPaths(dataDir).file, 'utf8')) as NotesData;
}

function backupNames(dataDir: string): string[] {
  const dir = notesPaths(dataDir).backups;
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('notes store on disk', () => {
  it('starts empty without writing, then persists every change atomically with a revision', async () => {
    const data = tempDir();
    const store = await NotesStore.open(data, { now: fakeClock() });
    expect(existsSync(notesPaths(data).file)).toBe(false);
    expect(store.takeNotices()).toEqual([]);

    await store.bookmarkArticle(article('a'), { tags: ['防汛'] });
    await store.bookmarkArticle(article('b'));
    const onDisk = readStore(data);
    expect(onDisk.schemaVersion).toBe(1);
    expect(onDisk.revision).toBe(2);
    expect(onDisk.bookmarks.map((b) => (b.kind === 'article' ? b.article.id : ''))).toEqual(['a', 'b']);
    // No temporary file is left behind.
    expect(readdirSync(notesPaths(data).dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const reopened = await NotesStore.open(data);
    expect((await reopened.listBookmarks()).length).toBe(2);
  });

  it('keeps only the last N good versions as backups', async () => {
    const data = tempDir();
    const store = await NotesStore.open(data, { keepBackups: 3, now: fakeClock() });
    for (let i = 0; i < 7; i++) await store.bookmarkArticle(article(`a${i}`));
    const names = backupNames(data);
    expect(names).toHaveLength(3);
    expect(names.map((n) => Number(/r(\d+)/.exec(n)?.[1]))).toEqual([5, 6, 7]);
    const newest = JSON.parse(
      readFileSync(path.join(notesPaths(data).backups, names[2]), 'utf8'),
    ) as NotesData;
    expect(newest).toEqual(readStore(data));
  });

  it('restores the newest good backup when the file is half-written, and keeps the bad file aside', async () => {
    const data = tempDir();
    const store = await NotesStore.open(data, { now: fakeClock() });
    for (let i = 0; i < 3; i++) await store.bookmarkArticle(article(`a${i}`), { note: `笔记 ${i}` });
    const file = notesPaths(data).file;
    const full = readFileSync(file, 'utf8');
    const half = full.slice(0, Math.floor(full.length / 2));
    writeFileSync(file, half); // in place, as a crash of a non-atomic writer would leave it

    const reopened = await NotesStore.open(data, { now: fakeClock(Date.UTC(2026, 5, 1)) });
    const [notice, ...rest] = reopened.takeNotices();
    expect(rest).toEqual([]);
    expect(notice.kind).toBe('restored-from-backup');
    if (notice.kind !== 'restored-from-backup') throw new Error('unreachable');
    expect(path.basename(notice.badFile)).toMatch(/^notes\.corrupt-2026-06-01T.*\.json$/);
    expect(readFileSync(notice.badFile, 'utf8')).toBe(half);
    expect((await reopened.listBookmarks()).map((b) => b.note).sort()).toEqual([
      '笔记 0',
      '笔记 1',
      '笔记 2',
    ]);
    expect(readStore(data).revision).toBe(3);
    expect(reopened.takeNotices()).toEqual([]); // told once
  });

  it('recovers from a corrupted file (binary garbage, or JSON of the wrong shape)', async () => {
    for (const garbage of [
      Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x9c, 0x22]),
      '{"schemaVersion":1,"bookmarks":5}',
    ]) {
      const data = tempDir();
      const store = await NotesStore.open(data, { now: fakeClock() });
      await store.bookmarkArticle(article('kept'));
      writeFileSync(notesPaths(data).file, garbage);
      const reopened = await NotesStore.open(data);
      expect(reopened.takeNotices().map((n) => n.kind)).toEqual(['restored-from-backup']);
      expect((await reopened.listBookmarks()).length).toBe(1);
      expect(readdirSync(notesPaths(data).dir).some((n) => n.startsWith('notes.corrupt-'))).toBe(true);
    }
  });

  it('with no good backup, sets the bad file aside, says so, and never overwrites it', async () => {
    const data = tempDir();
    const paths = notesPaths(data);
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.file, '{"schemaVersion": 1, "revision": 4, "bookmarks": [');
    const store = await NotesStore.open(data);
    const [notice] = store.takeNotices();
    expect(notice.kind).toBe('unrecoverable');
    if (notice.kind !== 'unrecoverable') throw new Error('unreachable');
    await store.bookmarkArticle(article('new'));
    expect(readFileSync(notice.badFile, 'utf8')).toBe('{"schemaVersion": 1, "revision": 4, "bookmarks": [');
    expect(readStore(data).bookmarks).toHaveLength(1);
  });

  it('brings back a deleted notes file from its backups', async () => {
    const data = tempDir();
    const store = await NotesStore.open(data);
    await store.bookmarkArticle(article('a'));
    await store.bookmarkArticle(article('b'));
    const { rmSync } = await import('node:fs');
    rmSync(notesPaths(data).file);
    const reopened = await NotesStore.open(data);
    expect(reopened.takeNotices().map((n) => n.kind)).toEqual(['restored-missing']);
    expect((await reopened.listBookmarks()).length).toBe(2);
  });

  it('an empty or stale in-memory state never overwrites real data', async () => {
    const data = tempDir();
    const store = await NotesStore.open(data);
    await store.bookmarkArticle(article('a'));
    await store.bookmarkArticle(article('b'));
    // The adapter refuses to write fewer items than it read.
    const adapter = new NotesFileAdapter(notesPaths(data), { keepBackups: 5, now: () => new Date() });
    await adapter.read();
    await expect(adapter.write(emptyNotes())).rejects.toMatchObject({ code: 'would-shrink' });
    expect(readStore(data).bookmarks).toHaveLength(2);
    // A store opened before another one wrote re-reads before it writes.
    const early = await NotesStore.open(data);
    await store.bookmarkArticle(article('c'));
    await early.bookmarkArticle(article('d'));
    expect(readStore(data).bookmarks).toHaveLength(4);
  });

  it('migrates a version 0 file, keeping the original beside it', async () => {
    const data = tempDir();
    const paths = notesPaths(data);
    mkdirSync(paths.dir, { recursive: true });
    const v0 = {
      bookmarks: [
        { articleId: 'x1', title: '旧书签', tags: '防汛, 民生；交通', addedAt: Date.UTC(2025, 2, 3) },
      ],
      highlights: [
        {
          articleId: 'x1',
          title: '旧书签',
          quote: '长江水位',
          start: 5,
          end: 9,
          color: 'green',
          note: '旧笔记',
        },
        { articleId: 'x2', quote: '无色', start: 0, end: 2 },
      ],
    };
    writeFileSync(paths.file, JSON.stringify(v0));
    const store = await NotesStore.open(data);
    expect(store.takeNotices()).toEqual([{ kind: 'migrated', from: 0, to: 1 }]);
    const onDisk = readStore(data);
    expect(onDisk.schemaVersion).toBe(1);
    const [bookmark] = onDisk.bookmarks;
    expect(bookmark).toMatchObject({ kind: 'article', article: { id: 'x1', title: '旧书签' } });
    expect(bookmark.tags).toEqual(['防汛', '民生', '交通']);
    expect(bookmark.created).toBe('2025-03-03T00:00:00.000Z');
    expect(onDisk.annotations.map((a) => [a.article.id, a.selector.quote.exact, a.color, a.note])).toEqual([
      ['x1', '长江水位', 'green', '旧笔记'],
      ['x2', '无色', 'yellow', undefined],
    ]);
    const kept = readdirSync(paths.dir).find((n) => n.startsWith('notes.v0-'));
    expect(kept && JSON.parse(readFileSync(path.join(paths.dir, kept), 'utf8'))).toEqual(v0);
    // Re-anchoring fills in the context the prototype did not keep.
    const text = '今年汛期，长江水位持续上涨。';
    await store.reanchor([{ id: 'x1', title: '旧书签', text }]);
    const [a] = await store.listAnnotations({ articleId: 'x1' });
    expect(a.selector.quote).toMatchObject({ prefix: '今年汛期，', suffix: '持续上涨。' });
    expect(a.selector.position).toMatchObject({ start: 5, end: 9 });
    expect((await NotesStore.open(data)).takeNotices()).toEqual([]); // migrated once
  });

  it('opens a file from a newer version read-only and leaves it untouched', async () => {
    const data = tempDir();
    const paths = notesPaths(data);
    mkdirSync(paths.dir, { recursive: true });
    const future = JSON.stringify({ schemaVersion: 99, revision: 3, things: [] });
    writeFileSync(paths.file, future);
    const store = await NotesStore.open(data);
    expect(store.readOnly).toBe(true);
    expect(store.takeNotices().map((n) => n.kind)).toEqual(['newer-version']);
    await expect(store.bookmarkArticle(article('a'))).rejects.toBeInstanceOf(NotesError);
    expect(readFileSync(paths.file, 'utf8')).toBe(future);
  });
});

describe('two writers at once', () => {
  it('two stores in one process (two windows) lose nothing', async () => {
    const data = tempDir();
    const [one, two] = await Promise.all([NotesStore.open(data), NotesStore.open(data)]);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).bookmarkArticle(article(`w${i}`), { tags: [i % 2 ? 'one' : 'two'] }),
      ),
    );
    const onDisk = readStore(data);
    expect(onDisk.bookmarks).toHaveLength(20);
    expect(onDisk.revision).toBe(20);
  });

  it('two processes (the app and the CLI) writing concurrently lose nothing', async () => {
    const data = tempDir();
    const script = path.join(tempDir(), 'writer.mts');
    writeFileSync(
      script,
      `import { existsSync, writeFileSync } from 'node:fs';
import { NotesStore } from ${JSON.stringify(NOTES_INDEX)};
const [dir, who, count, other] = process.argv.slice(2);
const store = await NotesStore.open(dir);
// Start writing only when both processes are up, so that their writes overlap.
writeFileSync(dir + '/ready-' + who, '');
while (!existsSync(dir + '/ready-' + other)) await new Promise((resolve) => setTimeout(resolve, 5));
const text = '共同的文章正文，' + '内容'.repeat(20);
for (let i = 0; i < Number(count); i++) {
  await store.bookmarkArticle({ id: who + '-' + i, title: who + ' ' + i }, { tags: [who] });
  await store.annotate({ article: { id: 'shared', title: '共同' }, start: i, end: i + 3, note: who + i }, text);
}
`,
    );
    const count = 15;
    await Promise.all([
      run(TSX, [script, data, 'app', String(count), 'cli']),
      run(TSX, [script, data, 'cli', String(count), 'app']),
    ]);
    const onDisk = readStore(data);
    expect(onDisk.bookmarks).toHaveLength(2 * count);
    expect(onDisk.annotations).toHaveLength(2 * count);
    expect(onDisk.revision).toBe(4 * count);
    expect(new Set(onDisk.annotations.map((a) => a.note)).size).toBe(2 * count);
    expect(existsSync(notesPaths(data).lock)).toBe(false);
  });

  it('takes over a lock left by a crashed process, and reports a lock that stays held', async () => {
    const data = tempDir();
    const paths = notesPaths(data);
    mkdirSync(paths.lock, { recursive: true });
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(paths.lock, old, old);
    const store = await NotesStore.open(data);
    await store.bookmarkArticle(article('after-crash'));
    expect(readStore(data).bookmarks).toHaveLength(1);

    mkdirSync(paths.lock); // held by someone alive: fresh mtime
    const impatient = await NotesStore.open(data, { lock: { waitMs: 200, staleMs: 60_000 } }).catch(
      (e: unknown) => e,
    );
    expect(impatient).toBeInstanceOf(NotesError);
    expect((impatient as NotesError).code).toBe('locked');
  });
});
