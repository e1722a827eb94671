import { describe, expect, it } from 'vitest';
import { NotesError, NotesStore, type ArticleMeta } from '../../src/main/core/notes/index';
import { tempDir } from './helpers/tmp';

function fakeClock(start = Date.UTC(2026, 0, 1)): () => Date {
  let t = start;
  return () => new Date((t += 60_000));
}

const flood: ArticleMeta = {
  id: 'f1',
  title: '全力做好防汛抗旱工作',
  publication: '万州日报',
  date: '2024-07-02',
  page: '1',
};
const traffic: ArticleMeta = {
  id: 't1',
  title: '春运交通安排出炉',
  publication: '涪陵日报',
  date: '2024-01-20',
  page: '2',
};
const undated: ArticleMeta = { id: 'u1', title: '没有日期的文章' };

describe('bookmarks', () => {
  it('adds, updates and removes (softly) a bookmark per article', async () => {
    const store = await NotesStore.open(tempDir(), { now: fakeClock() });
    const b = await store.bookmarkArticle(flood, { tags: ['防汛', ' 防汛 ', '民生'], note: '值得细读' });
    expect(b).toMatchObject({ kind: 'article', tags: ['防汛', '民生'], note: '值得细读', article: flood });
    // Bookmarking the same article again updates it instead of adding another.
    const again = await store.bookmarkArticle(
      { ...flood, title: '全力做好防汛抗旱工作（更新）' },
      { tags: ['汛期'] },
    );
    expect(again.id).toBe(b.id);
    expect(again.tags).toEqual(['汛期']);
    expect(again.note).toBe('值得细读');
    expect(await store.listBookmarks()).toHaveLength(1);

    const edited = await store.updateBookmark(b.id, { note: null, tags: ['防汛'] });
    expect(edited.note).toBeUndefined();
    expect((await store.bookmarkOf('f1'))?.tags).toEqual(['防汛']);

    await store.deleteBookmark(b.id);
    expect(await store.listBookmarks()).toEqual([]);
    expect(await store.bookmarkOf('f1')).toBeNull();
    await store.restoreBookmark(b.id);
    expect(await store.listBookmarks()).toHaveLength(1);
    await expect(store.updateBookmark('nope', { note: 'x' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('does not keep whole articles: only their metadata', async () => {
    const store = await NotesStore.open(tempDir());
    const full = {
      ...flood,
      text: '正文'.repeat(100),
      paragraphs: ['正文'],
      source: { file: 'a.txt', lineStart: 1, lineEnd: 2 },
    };
    const b = await store.bookmarkArticle(full);
    expect(b.kind === 'article' && Object.keys(b.article).sort()).toEqual([
      'date',
      'id',
      'page',
      'publication',
      'title',
    ]);
  });

  it('lists by tag and text, sorted by date added or by article date', async () => {
    const store = await NotesStore.open(tempDir(), { now: fakeClock() });
    await store.bookmarkArticle(traffic, { tags: ['交通'] });
    await store.bookmarkArticle(undated, { note: 'ＡＢＣ 全角笔记' });
    await store.bookmarkArticle(flood, { tags: ['防汛', '民生'] });
    await store.saveSearch({ query: '防汛', options: { limit: 50 } }, { tags: ['防汛'] });

    const ids = (list: { kind: string; id: string; article?: ArticleMeta; title?: string }[]) =>
      list.map((b) => (b.kind === 'article' ? (b.article as ArticleMeta).id : `search:${b.title}`));
    expect(ids(await store.listBookmarks())).toEqual(['search:防汛', 'f1', 'u1', 't1']);
    expect(ids(await store.listBookmarks({ order: 'asc' }))).toEqual(['t1', 'u1', 'f1', 'search:防汛']);
    expect(ids(await store.listBookmarks({ kind: 'article', sort: 'articleDate' }))).toEqual([
      'f1',
      't1',
      'u1',
    ]);
    expect(ids(await store.listBookmarks({ kind: 'article', sort: 'articleDate', order: 'asc' }))).toEqual([
      't1',
      'f1',
      'u1',
    ]);
    expect(ids(await store.listBookmarks({ tag: '防汛' }))).toEqual(['search:防汛', 'f1']);
    expect(ids(await store.listBookmarks({ text: '春运' }))).toEqual(['t1']);
    expect(ids(await store.listBookmarks({ text: 'abc' }))).toEqual(['u1']); // width and case folded
    expect(ids(await store.listBookmarks({ text: '涪陵' }))).toEqual(['t1']); // publication
    expect(await store.listTags()).toEqual([
      { tag: '防汛', count: 2 },
      { tag: '交通', count: 1 },
      { tag: '民生', count: 1 },
    ]);
  });

  it('saves a search once and re-runs it, remembering how many hits it had', async () => {
    const store = await NotesStore.open(tempDir(), { now: fakeClock() });
    const saved = await store.saveSearch({
      query: '长江 水位',
      options: { limit: 20, publication: '万州日报' },
    });
    const same = await store.saveSearch(
      { query: '长江 水位', options: { publication: '万州日报', limit: 20 } },
      { title: '水位' },
    );
    expect(same.id).toBe(saved.id);
    expect(same.title).toBe('水位');
    const seen: unknown[] = [];
    const result = await store.rerunSavedSearch(saved.id, async (search) => {
      seen.push(search);
      return { total: 7, hits: [] };
    });
    expect(result.total).toBe(7);
    expect(seen).toEqual([{ query: '长江 水位', options: { limit: 20, publication: '万州日报' } }]);
    const [listed] = await store.listBookmarks({ kind: 'search' });
    expect(listed.kind === 'search' && listed.lastRun?.total).toBe(7);
    await expect(
      store.updateBookmark((await store.bookmarkArticle(flood)).id, { title: 'x' }),
    ).rejects.toBeInstanceOf(NotesError);
  });
});

describe('annotations', () => {
  const text = '第一段，记者报道了长江水位的变化。\n\n第二段：全区已启动防汛四级应急响应。';
  const range = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

  it('creates with a colour and a note, edits, deletes, and restores', async () => {
    const store = await NotesStore.open(tempDir(), { now: fakeClock() });
    const a = await store.annotate(
      { article: flood, ...range('长江水位'), color: 'green', note: '核对数据' },
      text,
    );
    expect(a).toMatchObject({
      color: 'green',
      note: '核对数据',
      selector: {
        quote: {
          exact: '长江水位',
          prefix: '第一段，记者报道了',
          suffix: '的变化。\n\n第二段：全区已启动防汛四级应急响应。',
        },
      },
      anchor: { status: 'anchored' },
    });
    const b = await store.annotate({ article: flood, ...range('防汛四级应急响应') }, text);
    expect(b.color).toBe('yellow');
    expect((await store.listAnnotations({ articleId: 'f1' })).map((x) => x.selector.quote.exact)).toEqual([
      '长江水位',
      '防汛四级应急响应',
    ]);

    const edited = await store.updateAnnotation(a.id, { color: 'pink', note: null, tags: ['数据'] });
    expect(edited).toMatchObject({ color: 'pink', tags: ['数据'] });
    expect(edited.note).toBeUndefined();

    await store.deleteAnnotation(b.id);
    expect((await store.listAnnotations()).map((x) => x.id)).toEqual([a.id]);
    expect(await store.listAnnotations({ includeDeleted: true })).toHaveLength(2);
    await store.restoreAnnotation(b.id);
    expect(await store.listAnnotations()).toHaveLength(2);

    await expect(store.annotate({ article: flood, start: 5, end: 5000 }, text)).rejects.toMatchObject({
      code: 'bad-request',
    });
  });

  it('undoes creation, edits and deletion in reverse order', async () => {
    const store = await NotesStore.open(tempDir(), { now: fakeClock() });
    expect(await store.undo()).toBeNull();
    const a = await store.annotate({ article: flood, ...range('长江水位'), note: '原笔记' }, text);
    await store.updateAnnotation(a.id, { note: '改过的笔记', color: 'blue' });
    await store.deleteAnnotation(a.id);
    expect(await store.listAnnotations()).toEqual([]);

    expect(store.undoLabel).toBe('delete annotation');
    expect(await store.undo()).toBe('delete annotation');
    expect((await store.listAnnotations())[0]).toMatchObject({ note: '改过的笔记', color: 'blue' });
    expect(await store.undo()).toBe('edit annotation');
    expect((await store.listAnnotations())[0]).toMatchObject({ note: '原笔记', color: 'yellow' });
    expect(await store.undo()).toBe('annotate');
    expect(await store.listAnnotations()).toEqual([]);
    // Undoing a creation deletes softly: the item is still in the file.
    expect((await store.read()).annotations).toHaveLength(1);

    const b = await store.bookmarkArticle(traffic, { note: '书签' });
    await store.deleteBookmark(b.id);
    await store.undo();
    expect((await store.listBookmarks()).map((x) => x.note)).toEqual(['书签']);
  });

  it('purges deleted items for good only when asked', async () => {
    const store = await NotesStore.open(tempDir(), { now: fakeClock() });
    const a = await store.annotate({ article: flood, ...range('长江水位') }, text);
    await store.annotate({ article: flood, ...range('防汛') }, text);
    await store.deleteAnnotation(a.id);
    expect(await store.purgeDeleted('2000-01-01T00:00:00.000Z')).toBe(0);
    expect(await store.purgeDeleted('2100-01-01T00:00:00.000Z')).toBe(1);
    expect((await store.read()).annotations).toHaveLength(1);
    // The guard against shrinking is back on afterwards.
    await store.bookmarkArticle(flood);
    expect((await store.read()).bookmarks).toHaveLength(1);
  });
});
