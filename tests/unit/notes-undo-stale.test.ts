/**
 * Undo with two writers on one data folder (two windows, or the app and the CLI): an undo never
 * restores an item over a newer edit that the other writer made; it refuses with a clear error and
 * the other writer's edit stays.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  notesPaths,
  NotesError,
  NotesStore,
  type ArticleMeta,
  type NotesData,
} from '../../src/main/core/notes/index';
import { tempDir } from './helpers/tmp';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const NOTES_INDEX = path.resolve('src/main/core/notes/index.ts');

const flood: ArticleMeta = { id: 'f1', title: '长江防汛', date: '2024-07-02' };
const traffic: ArticleMeta = { id: 't1', title: '春运交通', date: '2024-01-20' };
const TEXT = '据悉，长江水位上涨，防汛形势严峻。\n\n各部门严阵以待。';

function onDisk(data: string): NotesData {
  return JSON.parse(readFileSync(notesPaths(data).file, 'utf8')) as NotesData;
}

async function refusal(work: Promise<unknown>): Promise<NotesError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotesError);
  return error as NotesError;
}

describe('undo with two writers', () => {
  it('refuses to undo an edit that another window has edited since, and keeps that edit', async () => {
    const data = tempDir();
    const [mine, theirs] = await Promise.all([NotesStore.open(data), NotesStore.open(data)]);
    const a = await mine.annotate({ article: flood, start: 3, end: 9, note: '原笔记' }, TEXT);
    await mine.updateAnnotation(a.id, { note: '我的修改' });
    await theirs.updateAnnotation(a.id, { note: '另一个窗口的修改', color: 'green' });

    const error = await refusal(mine.undo());
    expect(error.code).toBe('stale-undo');
    expect(error.message).toMatch(/edit annotation.*changed in another window or process/);
    expect(onDisk(data).annotations[0]).toMatchObject({ note: '另一个窗口的修改', color: 'green' });
    // The refused step is dropped; the next one (the creation) is checked the same way.
    expect(mine.undoLabel).toBe('annotate');
    expect((await refusal(mine.undo())).code).toBe('stale-undo');
    expect(onDisk(data).annotations[0]).toMatchObject({ note: '另一个窗口的修改' });
    expect(onDisk(data).annotations[0].deleted).toBeUndefined();
  });

  it('refuses to bring back a bookmark that another window deleted, or to delete one it restored', async () => {
    const data = tempDir();
    const [mine, theirs] = await Promise.all([NotesStore.open(data), NotesStore.open(data)]);
    const b = await mine.bookmarkArticle(flood, { note: '书签' });
    await mine.updateBookmark(b.id, { tags: ['防汛'] });
    await theirs.deleteBookmark(b.id);
    expect((await refusal(mine.undo())).code).toBe('stale-undo');
    expect(onDisk(data).bookmarks[0].deleted).toBeDefined();
    expect(onDisk(data).bookmarks[0].tags).toEqual(['防汛']);
  });

  it('still undoes when the other window changed other items, or only re-anchored this one', async () => {
    const data = tempDir();
    const [mine, theirs] = await Promise.all([NotesStore.open(data), NotesStore.open(data)]);
    const a = await mine.annotate({ article: flood, start: 3, end: 9, note: '原笔记' }, TEXT);
    await mine.updateAnnotation(a.id, { note: '我的修改', color: 'blue' });
    await theirs.bookmarkArticle(traffic, { note: '别的书签' });
    await theirs.annotate({ article: traffic, start: 0, end: 2 }, '春运开始');
    // A re-import elsewhere re-anchors the passage: no edit of the user's, so undo may go on.
    await theirs.reanchor([{ ...flood, text: `前言。${TEXT}` }]);
    expect(onDisk(data).annotations[0].selector.position.start).toBe(6);

    expect(await mine.undo()).toBe('edit annotation');
    expect(onDisk(data).annotations[0]).toMatchObject({ note: '原笔记', color: 'yellow' });
    // Undo reverts the user's edit only: the passage stays where the re-anchoring found it.
    expect(onDisk(data).annotations[0].selector.position.start).toBe(6);
    expect(await mine.undo()).toBe('annotate');
    expect(onDisk(data).annotations[0].deleted).toBeDefined();
    expect(onDisk(data).bookmarks.map((b) => b.note)).toEqual(['别的书签']);
    expect(onDisk(data).annotations).toHaveLength(2);
  });

  it('undoes several steps on one item in a row, and redoes nothing after a refusal', async () => {
    const data = tempDir();
    const [mine, theirs] = await Promise.all([NotesStore.open(data), NotesStore.open(data)]);
    const b = await mine.bookmarkArticle(flood, { note: '一' });
    await mine.updateBookmark(b.id, { note: '二' });
    await mine.updateBookmark(b.id, { note: '三' });
    expect(await mine.undo()).toBe('edit bookmark');
    expect(onDisk(data).bookmarks[0].note).toBe('二');
    await theirs.updateBookmark(b.id, { note: '别人改的' });
    expect((await refusal(mine.undo())).code).toBe('stale-undo');
    expect(onDisk(data).bookmarks[0].note).toBe('别人改的');
  });

  it('refuses an undo over an edit made by another process', async () => {
    const data = tempDir();
    const mine = await NotesStore.open(data);
    const a = await mine.annotate({ article: flood, start: 3, end: 9, note: '原笔记' }, TEXT);
    await mine.updateAnnotation(a.id, { note: '我的修改' });
    const script = path.join(tempDir(), 'edit.mts');
    writeFileSync(
      script,
      `import { NotesStore } from ${JSON.stringify(NOTES_INDEX)};
const [dir, id] = process.argv.slice(2);
const store = await NotesStore.open(dir);
await store.updateAnnotation(id, { note: '命令行的修改' });
`,
    );
    await run(TSX, [script, data, a.id]);
    expect((await refusal(mine.undo())).code).toBe('stale-undo');
    expect(onDisk(data).annotations[0].note).toBe('命令行的修改');
  });
});
