import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notesPaths, parseNotes } from '../../src/main/core/notes/file';
import { NotesStore, type NotesData, type StoreNotice } from '../../src/main/core/notes/index';
import { tempDir } from './helpers/tmp';

/**
 * Kill a process in the middle of notes writes, start again: the store opens (from a backup if
 * it must) and every write the killed process saw acknowledged is there. The writer
 * (helpers/notes-writer.ts) prints one line per write after the store's promise resolved.
 */

const TSX = path.resolve('node_modules/.bin/tsx');
const WRITER = path.resolve('tests/unit/helpers/notes-writer.ts');
/** proper-lockfile's shortest stale time: a lock left by a killed writer is taken over after it. */
const STALE_MS = 2000;

interface Acked {
  /** bookmark id → article id */
  bookmarks: Map<string, string>;
  /** annotation id → note */
  annotations: Map<string, string>;
}

const noneAcked = (): Acked => ({ bookmarks: new Map(), annotations: new Map() });

interface WriterRun {
  lines: string[];
  killed: boolean;
  code: number | null;
  stderr: string;
}

/**
 * Runs the writer. `killAfter`: SIGKILL it once it has acknowledged that many writes, after
 * `delayMs` (0: at once), so that the kill lands at different moments of the next write.
 * `killAt`: the writer kills itself at an exact file operation (see the helper).
 */
function runWriter(
  dataDir: string,
  prefix: string,
  count: number,
  options: { killAfter?: number; delayMs?: number; killAt?: string; staleMs?: number } = {},
): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NOTES_STALE_MS: String(options.staleMs ?? STALE_MS) };
    if (options.killAt) env.NOTES_KILL_AT = options.killAt;
    // tsx runs the script in a child node process: the writer is a grandchild. Killing only tsx
    // would leave the writer running, so it gets a process group of its own, killed as a whole.
    const child = spawn(TSX, [WRITER, dataDir, prefix, String(count)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    let stderr = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const acks = out.split('\n').filter((l) => /^(bookmark|annotation) /.test(l)).length;
      if (options.killAfter !== undefined && !killing && acks >= options.killAfter) {
        killing = true;
        const kill = (): void => {
          if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
        };
        if (options.delayMs) setTimeout(kill, options.delayMs);
        else kill();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      // A line cut off by the kill was never acknowledged.
      const lines = out.split('\n');
      if (!out.endsWith('\n')) lines.pop();
      // The writer killed (by us or by itself): tsx reports it as exit code 137 = 128 + SIGKILL.
      const killed = signal === 'SIGKILL' || code === 137;
      resolve({ lines: lines.filter(Boolean), killed, code, stderr });
    });
  });
}

function collect(run: WriterRun, into: Acked): void {
  for (const line of run.lines) {
    const [kind, id, what] = line.split(' ');
    if (kind === 'bookmark') into.bookmarks.set(id, what);
    if (kind === 'annotation') into.annotations.set(id, what);
  }
}

/** Opens the store again and checks that every acknowledged write is there, once. */
async function expectAllThere(
  dataDir: string,
  acked: Acked,
  options: { staleMs?: number } = { staleMs: STALE_MS },
): Promise<{ data: NotesData; notices: StoreNotice[] }> {
  const store = await NotesStore.open(dataDir, options.staleMs ? { lock: { staleMs: options.staleMs } } : {});
  const notices = store.takeNotices();
  expect(notices.filter((n) => n.kind === 'unrecoverable' || n.kind === 'newer-version')).toEqual([]);
  const data = await store.read();
  const bookmarks = new Map(data.bookmarks.map((b) => [b.id, b]));
  const annotations = new Map(data.annotations.map((a) => [a.id, a]));
  expect(bookmarks.size).toBe(data.bookmarks.length);
  expect(annotations.size).toBe(data.annotations.length);
  for (const [id, articleId] of acked.bookmarks) {
    const b = bookmarks.get(id);
    expect(b, `acknowledged bookmark ${id} (${articleId})`).toBeDefined();
    expect(b?.kind === 'article' && b.article.id).toBe(articleId);
    expect(b?.deleted).toBeUndefined();
  }
  for (const [id, note] of acked.annotations) {
    const a = annotations.get(id);
    expect(a, `acknowledged annotation ${id} (${note})`).toBeDefined();
    expect(a?.note).toBe(note);
    expect(a?.deleted).toBeUndefined();
  }
  // The file itself is whole (the store may have restored it from a backup).
  expect(() => parseNotes(readFileSync(notesPaths(dataDir).file, 'utf8'))).not.toThrow();
  return { data, notices };
}

function tempFiles(dataDir: string): string[] {
  const paths = notesPaths(dataDir);
  const list = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir).map((name) => path.join(dir, name)) : [];
  return [...list(paths.dir), ...list(paths.backups)].filter((f) => f.endsWith('.tmp'));
}

describe('notes survive a process killed while writing', () => {
  it('SIGKILL at several moments, then start again: no acknowledged bookmark or annotation is lost', async () => {
    const data = tempDir();
    const acked = noneAcked();
    // Kill after k acknowledged writes, at once or a moment later, so that the kill falls into
    // different phases of the next write (lock, read, temporary file, rename, backup, pruning).
    const moments = [
      { killAfter: 1, delayMs: 0 },
      { killAfter: 2, delayMs: 1 },
      { killAfter: 5, delayMs: 3 },
      { killAfter: 8, delayMs: 0 },
      { killAfter: 11, delayMs: 7 },
      { killAfter: 3, delayMs: 15 },
    ];
    for (const [round, moment] of moments.entries()) {
      const run = await runWriter(data, `r${round}`, 40, moment);
      expect(run.killed, run.stderr).toBe(true);
      collect(run, acked);
      await expectAllThere(data, acked);
    }
    expect(acked.bookmarks.size + acked.annotations.size).toBeGreaterThanOrEqual(30);

    // A writer that runs to the end after all those crashes.
    const last = await runWriter(data, 'last', 5);
    expect(last.code, last.stderr).toBe(0);
    expect(last.lines.at(-1)).toBe('done');
    collect(last, acked);
    await expectAllThere(data, acked);
  }, 180_000);

  it('the app opens with its default lock settings after a writer died holding the lock', async () => {
    const data = tempDir();
    const acked = noneAcked();
    // Killed inside its second write (a temporary file written, not yet renamed): the lock stays.
    const run = await runWriter(data, 'default', 40, { killAt: 'before-rename:3', staleMs: 10_000 });
    expect(run.killed).toBe(true);
    expect(existsSync(notesPaths(data).lock)).toBe(true);
    collect(run, acked);
    expect(acked.bookmarks.size).toBe(1);
    await expectAllThere(data, acked, {});
  }, 60_000);

  it('a writer killing itself at exact points inside a write loses nothing and leaves a store that opens', async () => {
    const data = tempDir();
    const acked = noneAcked();
    // Two renames per write (the file, then its backup); one new file per rename.
    const points = [
      'after-rename:3', // the second write's file is in place, its backup is not
      'before-copy:1', // that unbacked version is being copied to backups/ by the next writer
      'half-write:1', // the first new file is half written (a temporary file is left)
      'half-write:4', // a backup is half written
      'before-rename:3', // a complete temporary file never renamed into place
      'before-rename:4', // the file is in place, its complete backup is not renamed
      'after-rename:6',
      'before-unlink:1', // old backups are being pruned
    ];
    for (const [round, point] of points.entries()) {
      const run = await runWriter(data, `p${round}`, 12, { killAt: point });
      expect(run.killed, `${point} should have been reached: ${run.lines.join(' | ')} ${run.stderr}`).toBe(
        true,
      );
      collect(run, acked);
      await expectAllThere(data, acked);
    }
    const last = await runWriter(data, 'last', 3);
    expect(last.code, last.stderr).toBe(0);
    collect(last, acked);
    const { data: notes } = await expectAllThere(data, acked);
    expect(notes.bookmarks.length).toBeGreaterThanOrEqual(acked.bookmarks.size);
  }, 180_000);

  it('a notes file torn after the crash is restored from the newest backup with every acknowledged write', async () => {
    const data = tempDir();
    const acked = noneAcked();
    const run = await runWriter(data, 'torn', 40, { killAfter: 6, delayMs: 2 });
    collect(run, acked);
    // As a file system without atomic rename might leave it: half of the file.
    const file = notesPaths(data).file;
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    const first = await expectAllThere(data, acked);
    expect(first.notices.map((n) => n.kind)).toEqual(['restored-from-backup']);

    // And garbage instead of JSON, after more writes.
    const more = await runWriter(data, 'garbage', 40, { killAfter: 4 });
    collect(more, acked);
    writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22]));
    const second = await expectAllThere(data, acked);
    expect(second.notices.map((n) => n.kind)).toEqual(['restored-from-backup']);
  }, 120_000);

  it('temporary files left by killed writers are cleared once they are old', async () => {
    const data = tempDir();
    const acked = noneAcked();
    for (const point of ['half-write:1', 'half-write:2', 'before-rename:3', 'before-rename:2']) {
      const run = await runWriter(data, point.replace(/\W/g, ''), 5, { killAt: point });
      expect(run.killed).toBe(true);
      collect(run, acked);
    }
    expect(tempFiles(data).length).toBeGreaterThanOrEqual(3);
    // An hour later (by the store's clock), the next write clears what the crashes left.
    const later = await NotesStore.open(data, {
      lock: { staleMs: STALE_MS },
      now: () => new Date(Date.now() + 3_600_000),
    });
    await later.bookmarkArticle({ id: 'an-hour-later', title: '一小时后' });
    expect(tempFiles(data)).toEqual([]);
    await expectAllThere(data, acked);
  }, 120_000);
});
