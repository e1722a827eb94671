/**
 * A child process for the notes fault tests: opens the NotesStore in a data folder and adds
 * bookmarks and annotations in a loop, printing one line per write once the store has
 * acknowledged it (the promise resolved):
 *
 *   open <notices as JSON>
 *   bookmark <bookmark id> <article id>
 *   annotation <annotation id> <note>
 *
 * Usage: tsx notes-writer.ts DATA_DIR PREFIX COUNT
 *
 * NOTES_STALE_MS: how soon a lock left by a killed process counts as abandoned (default: the
 * store's own). NOTES_KILL_AT=<point>:<n> makes the process SIGKILL itself at an exact moment of
 * the n-th such file operation (counted across all writes), so that the tests can crash it inside
 * a write deterministically as well as at random moments:
 *   before-rename:n  a temporary file is written and synced, not yet renamed into place
 *   after-rename:n   the n-th rename happened, nothing after it (e.g. no backup yet)
 *   half-write:n     half of the n-th new file's text is written, then the process dies
 *   before-copy:n    before copying a file into backups/
 *   before-unlink:n  before removing an old backup or temporary file
 */
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { NotesStore } from '../../../src/main/core/notes/index';

const [dataDir, prefix, countArg] = process.argv.slice(2);
if (!dataDir || !prefix || !countArg) {
  process.stderr.write('usage: notes-writer DATA_DIR PREFIX COUNT\n');
  process.exit(2);
}

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is not delivered synchronously everywhere; never go on writing.
  for (;;) {
    /* wait to be killed */
  }
}

type AsyncFn = (...args: unknown[]) => Promise<unknown>;

/** Wraps the fs/promises functions the store uses so that the process dies at the chosen moment. */
function armKill(spec: string): void {
  const [point, nth] = spec.split(':');
  const target = Number(nth);
  if (!point || !Number.isInteger(target) || target < 1) throw new Error(`bad NOTES_KILL_AT ${spec}`);
  const counts = new Map<string, number>();
  const hit = (kind: string): boolean => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    return n === target;
  };
  // The store imports named functions from node:fs/promises; patching the module object and
  // syncing the builtin ESM exports reaches those bindings too.
  const fs = fsp as unknown as Record<string, AsyncFn>;
  const wrap = (name: string, around: (original: AsyncFn) => AsyncFn): void => {
    fs[name] = around(fs[name].bind(fsp));
  };
  if (point === 'before-rename' || point === 'after-rename') {
    wrap('rename', (original) => async (...args) => {
      const now = hit('rename');
      if (now && point === 'before-rename') die();
      const result = await original(...args);
      if (now) die();
      return result;
    });
  } else if (point === 'half-write') {
    wrap('open', (original) => async (...args) => {
      const handle = (await original(...args)) as fsp.FileHandle;
      if (typeof args[1] === 'number' && hit('open-new')) {
        const writeFile = handle.writeFile.bind(handle);
        handle.writeFile = async (data: unknown) => {
          const text = String(data);
          await writeFile(text.slice(0, Math.floor(text.length / 2)), 'utf8');
          await handle.sync();
          die();
        };
      }
      return handle;
    });
  } else if (point === 'before-copy') {
    wrap(
      'copyFile',
      (original) =>
        async (...args) =>
          hit('copy') ? die() : original(...args),
    );
  } else if (point === 'before-unlink') {
    wrap(
      'unlink',
      (original) =>
        async (...args) =>
          hit('unlink') ? die() : original(...args),
    );
  } else {
    throw new Error(`unknown kill point ${point}`);
  }
  syncBuiltinESMExports();
}

if (process.env.NOTES_KILL_AT) armKill(process.env.NOTES_KILL_AT);

const staleMs = Number(process.env.NOTES_STALE_MS ?? 0);
const store = await NotesStore.open(dataDir, staleMs > 0 ? { lock: { staleMs } } : {});
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
say(`open ${JSON.stringify(store.takeNotices())}`);

const text = `${prefix}的文章正文，${'报道的内容'.repeat(30)}`;
for (let i = 0; i < Number(countArg); i++) {
  const articleId = `${prefix}-b${i}`;
  const bookmark = await store.bookmarkArticle(
    { id: articleId, title: `${prefix} 第${i}篇`, date: '2024-03-01' },
    { tags: [prefix], note: `${prefix} 书签 ${i}` },
  );
  say(`bookmark ${bookmark.id} ${articleId}`);
  const note = `${prefix}-n${i}`;
  const annotation = await store.annotate(
    { article: { id: `${prefix}-a`, title: `${prefix} 批注文章` }, start: i % 40, end: (i % 40) + 5, note },
    text,
  );
  say(`annotation ${annotation.id} ${note}`);
}
say('done');
