/**
 * Import never lets an impossible timestamp decide: an imported item with a time that is not a
 * time, lies in the future or before 1970 never replaces what the user has, and the report says
 * which items were kept and why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTime, FUTURE_TOLERANCE_MS } from '../../src/main/core/notes/times';
import { notesPaths, NotesStore, type ArticleMeta, type NotesData } from '../../src/main/core/notes/index';
import { tempDir } from './helpers/tmp';

const flood: ArticleMeta = { id: 'f1', title: '长江防汛', publication: '万州日报', date: '2024-07-02' };
const traffic: ArticleMeta = { id: 't1', title: '春运交通', publication: '涪陵日报', date: '2024-01-20' };
const TEXT = '据悉，长江水位上涨，防汛形势严峻。\n\n各部门严阵以待。';

interface Item {
  id: string;
  created: string;
  modified: string;
  body?: { value: string; purpose: string }[];
  motivation: string;
}

/** A store with a bookmark and an annotation, and its own JSON export to tamper with. */
async function setUp(): Promise<{
  store: NotesStore;
  data: string;
  items: Item[];
  ids: { b: string; a: string };
}> {
  const data = tempDir();
  const store = await NotesStore.open(data);
  const b = await store.bookmarkArticle(flood, { note: '我的书签笔记', tags: ['防汛'] });
  const a = await store.annotate({ article: flood, start: 3, end: 9, note: '我的批注' }, TEXT);
  const exported = JSON.parse(await store.export({ format: 'json' })) as { first: { items: Item[] } };
  return { store, data, items: exported.first.items, ids: { b: b.id, a: a.id } };
}

/** The same items as an import file, with a new note and the given timestamps. */
function tampered(items: readonly Item[], times: Partial<Pick<Item, 'created' | 'modified'>>): string {
  return JSON.stringify(
    items.map((item) => ({
      ...item,
      ...times,
      body: [{ type: 'TextualBody', value: '导入的内容', purpose: 'commenting' }],
    })),
  );
}

const notesOf = async (store: NotesStore) => ({
  bookmark: (await store.listBookmarks())[0]?.note,
  annotation: (await store.listAnnotations())[0]?.note,
});

describe('import with impossible timestamps', () => {
  it('a far-future modified time never replaces a stored note; the report says what was kept and why', async () => {
    const { store, items, ids } = await setUp();
    const report = await store.importJson(tampered(items, { modified: '9999-12-31T23:59:59.000Z' }));
    expect(await notesOf(store)).toEqual({ bookmark: '我的书签笔记', annotation: '我的批注' });
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 2, skipped: 0 });
    expect(report.kept).toEqual(
      expect.arrayContaining([
        {
          kind: 'bookmark',
          id: ids.b,
          importedId: ids.b,
          item: 'imported',
          field: 'modified',
          value: '9999-12-31T23:59:59.000Z',
          problem: 'in-the-future',
        },
        expect.objectContaining({
          kind: 'annotation',
          id: ids.a,
          field: 'modified',
          problem: 'in-the-future',
        }),
      ]),
    );
    expect(report.kept).toHaveLength(2);
  });

  it.each([
    ['not a time at all', { modified: 'yesterday' }, 'not-a-time'],
    ['an impossible date', { modified: '2024-02-30T10:00:00Z' }, 'not-a-time'],
    ['an impossible hour', { modified: '2024-03-01T25:00:00Z' }, 'not-a-time'],
    ['before 1970', { modified: '1969-12-31T23:59:59Z' }, 'before-1970'],
    ['a creation time in the future', { created: '3000-01-01T00:00:00Z' }, 'in-the-future'],
  ] as const)('%s: the stored item is kept', async (_name, times, problem) => {
    const { store, items } = await setUp();
    // A valid modified time that is certainly newer, unless the case replaces it.
    const newer = { modified: new Date(Date.now() + 60_000).toISOString(), ...times };
    const report = await store.importJson(tampered(items, newer));
    expect(await notesOf(store)).toEqual({ bookmark: '我的书签笔记', annotation: '我的批注' });
    expect(report.updated).toBe(0);
    expect(report.kept?.map((k) => k.problem)).toEqual([problem, problem]);
  });

  it('a valid newer time still wins, also with another time zone and a small clock skew', async () => {
    const { store, items } = await setUp();
    const skewed = new Date(Date.now() + 10 * 60_000).toISOString().replace('Z', '+00:00');
    const report = await store.importJson(tampered(items, { modified: skewed }));
    expect(report).toMatchObject({ updated: 2, unchanged: 0 });
    expect(report.kept).toBeUndefined();
    expect(await notesOf(store)).toEqual({ bookmark: '导入的内容', annotation: '导入的内容' });
  });

  it('times are compared as times, not as text', async () => {
    const { store, items } = await setUp();
    const stored = (await store.listBookmarks())[0].modified;
    // One hour before the stored time, written in +08:00: as text it sorts after the stored time.
    const earlier = new Date(Date.parse(stored) - 3_600_000);
    const local = new Date(earlier.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d+Z$/, '+08:00');
    expect(local > stored).toBe(true);
    const report = await store.importJson(tampered(items.slice(0, 1), { modified: local }));
    expect(report).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await notesOf(store)).toMatchObject({ bookmark: '我的书签笔记' });
  });

  it('a new item with an impossible time is added with the import time, and the report says so', async () => {
    const { store, items } = await setUp();
    const other = await NotesStore.open(tempDir());
    await other.bookmarkArticle(traffic, { note: '别处的书签' });
    const foreign = JSON.parse(await other.export({ format: 'json' })) as { first: { items: Item[] } };
    const before = Date.now();
    const report = await store.importJson(
      JSON.stringify([{ ...foreign.first.items[0], modified: '9999-01-01T00:00:00Z' }, ...items]),
    );
    expect(report).toMatchObject({ added: 1, updated: 0, unchanged: 2 });
    const added = (await store.listBookmarks()).find((b) => b.kind === 'article' && b.article.id === 't1');
    expect(added?.note).toBe('别处的书签');
    expect(Date.parse(added?.modified ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(added?.modified ?? '')).toBeLessThanOrEqual(Date.now() + 1000);
    expect(report.repaired).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        field: 'modified',
        value: '9999-01-01T00:00:00Z',
        problem: 'in-the-future',
      }),
    ]);
  });

  it('a stored item whose own time is impossible is not replaced on a comparison with it', async () => {
    const { store, data, items, ids } = await setUp();
    // As an import before this check could have left it.
    const file = notesPaths(data).file;
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as NotesData;
    onDisk.bookmarks[0].modified = '9999-12-31T23:59:59.000Z';
    writeFileSync(file, JSON.stringify(onDisk));
    const report = await store.importJson(
      tampered(items.slice(0, 1), { modified: new Date(Date.now() + 60_000).toISOString() }),
    );
    expect(await notesOf(store)).toMatchObject({ bookmark: '我的书签笔记' });
    expect(report.kept).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        id: ids.b,
        item: 'stored',
        field: 'modified',
        problem: 'in-the-future',
      }),
    ]);
  });
});

describe('checkTime', () => {
  const now = Date.UTC(2026, 5, 1, 12);

  it('property: every time from 1970 to now is accepted as itself, in UTC or with an offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: now }), fc.integer({ min: -12, max: 14 }), (ms, hours) => {
        expect(checkTime(new Date(ms).toISOString(), now)).toEqual({ ms });
        const shifted = new Date(ms + hours * 3_600_000).toISOString().slice(0, 23);
        const sign = hours < 0 ? '-' : '+';
        const offset = `${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
        expect(checkTime(`${shifted}${offset}`, now)).toEqual({ ms });
      }),
    );
  });

  it('property: any text gives a time in range or a reason, never an exception', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = checkTime(text, now);
        if ('ms' in result) {
          expect(result.ms).toBeGreaterThanOrEqual(0);
          expect(result.ms).toBeLessThanOrEqual(now + FUTURE_TOLERANCE_MS);
        } else expect(['not-a-time', 'in-the-future', 'before-1970']).toContain(result.problem);
      }),
    );
  });

  it('names the problem', () => {
    expect(checkTime('9999-12-31T23:59:59.000Z', now)).toEqual({ problem: 'in-the-future' });
    expect(checkTime(new Date(now + FUTURE_TOLERANCE_MS + 1).toISOString(), now)).toEqual({
      problem: 'in-the-future',
    });
    expect(checkTime(new Date(now + FUTURE_TOLERANCE_MS).toISOString(), now)).toEqual({
      ms: now + FUTURE_TOLERANCE_MS,
    });
    expect(checkTime('1969-12-31T23:59:59.999Z', now)).toEqual({ problem: 'before-1970' });
    expect(checkTime('1970-01-01T00:00:00Z', now)).toEqual({ ms: 0 });
    expect(checkTime('2023-02-29', now)).toEqual({ problem: 'not-a-time' });
    expect(checkTime('2024-02-29', now)).toEqual({ ms: Date.UTC(2024, 1, 29) });
    expect(checkTime('2024-01-01T12:00:00.123456+08:00', now)).toEqual({
      ms: Date.UTC(2024, 0, 1, 4, 0, 0, 123),
    });
    for (const bad of [
      '',
      'yesterday',
      '2024-13-01',
      '2024-01-01T24:00:00Z',
      '2024-01-01T12:60:00Z',
      '1e12',
      '+275760-09-13T00:00:00Z',
    ])
      expect(checkTime(bad, now)).toEqual({ problem: 'not-a-time' });
  });
});
