/**
 * Bookmarks of articles and saved searches: pure operations on the store's data. Deletion is
 * soft (a `deleted` time) so that it can be undone and so that no writer ever shrinks the file.
 */
import { NotesError } from './errors';
import type {
  ArticleBookmark,
  ArticleMeta,
  Bookmark,
  BookmarkPatch,
  ListBookmarksQuery,
  NotesData,
  SavedSearch,
  SearchBookmark,
} from './types';

/** The clock and id source of one operation, passed in so that tests and merges are deterministic. */
export interface OpContext {
  now: string;
  newId: () => string;
}

/** Only the metadata fields: callers may pass a whole Article with its text and paragraphs. */
export function pickArticleMeta(article: ArticleMeta): ArticleMeta {
  const { id, title, publication, date, page, authors } = article;
  return {
    id,
    title,
    ...(publication ? { publication } : {}),
    ...(date ? { date } : {}),
    ...(page ? { page } : {}),
    ...(authors?.length ? { authors: [...authors] } : {}),
  };
}

export function normalizeTags(tags: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  for (const tag of tags ?? []) {
    const t = tag.normalize('NFC').trim().replace(/\s+/gu, ' ');
    if (t) seen.add(t);
  }
  return [...seen];
}

function findBookmark(data: NotesData, id: string): Bookmark {
  const found = data.bookmarks.find((b) => b.id === id);
  if (!found) throw new NotesError('not-found', `no bookmark ${id}`);
  return found;
}

/** Bookmarks an article, or updates its bookmark: one bookmark per article. */
export function bookmarkArticle(
  data: NotesData,
  ctx: OpContext,
  article: ArticleMeta,
  options: { tags?: string[]; note?: string } = {},
): ArticleBookmark {
  const existing = data.bookmarks.find(
    (b): b is ArticleBookmark => b.kind === 'article' && b.article.id === article.id,
  );
  if (existing) {
    existing.article = pickArticleMeta(article);
    return reuseBookmark(existing, options, ctx.now);
  }
  const bookmark: ArticleBookmark = {
    id: ctx.newId(),
    kind: 'article',
    article: pickArticleMeta(article),
    tags: normalizeTags(options.tags),
    ...(options.note ? { note: options.note } : {}),
    created: ctx.now,
    modified: ctx.now,
  };
  data.bookmarks.push(bookmark);
  return bookmark;
}

/** A stable key for a saved search, so the same query and options are saved once. */
export function searchKey(search: SavedSearch): string {
  const options = Object.keys(search.options)
    .sort()
    .map((k) => [k, search.options[k]]);
  return JSON.stringify([search.query.trim(), options]);
}

export function saveSearch(
  data: NotesData,
  ctx: OpContext,
  search: SavedSearch,
  options: { title?: string; tags?: string[]; note?: string } = {},
): SearchBookmark {
  const key = searchKey(search);
  const existing = data.bookmarks.find(
    (b): b is SearchBookmark => b.kind === 'search' && searchKey(b.search) === key,
  );
  if (existing) {
    if (options.title) existing.title = options.title;
    return reuseBookmark(existing, options, ctx.now);
  }
  const bookmark: SearchBookmark = {
    id: ctx.newId(),
    kind: 'search',
    title: options.title || search.query,
    search: { query: search.query, options: { ...search.options } },
    tags: normalizeTags(options.tags),
    ...(options.note ? { note: options.note } : {}),
    created: ctx.now,
    modified: ctx.now,
  };
  data.bookmarks.push(bookmark);
  return bookmark;
}

/** Sets or clears a note: an empty note is no note. */
export function setNote(target: { note?: string }, note: string | null): void {
  if (note) target.note = note;
  else delete target.note;
}

/** Bookmarking something already bookmarked brings it back (if deleted) with the new tags and note. */
function reuseBookmark<B extends Bookmark>(
  existing: B,
  options: { tags?: string[]; note?: string },
  now: string,
): B {
  if (options.tags) existing.tags = normalizeTags(options.tags);
  if (options.note !== undefined) setNote(existing, options.note);
  return markRestored(existing, now);
}

interface SoftDeletable {
  deleted?: string;
  modified: string;
}

/** Deletes are soft (kept with a time) so that they can be undone and the file never shrinks. */
export function markDeleted<T extends SoftDeletable>(item: T, now: string): T {
  item.deleted ??= now;
  item.modified = now;
  return item;
}

export function markRestored<T extends SoftDeletable>(item: T, now: string): T {
  delete item.deleted;
  item.modified = now;
  return item;
}

export function updateBookmark(data: NotesData, ctx: OpContext, id: string, patch: BookmarkPatch): Bookmark {
  const bookmark = findBookmark(data, id);
  if (patch.tags) bookmark.tags = normalizeTags(patch.tags);
  if (patch.note !== undefined) setNote(bookmark, patch.note);
  if (patch.title !== undefined) {
    if (bookmark.kind !== 'search')
      throw new NotesError('bad-request', 'only a saved search has its own title');
    bookmark.title = patch.title || bookmark.search.query;
  }
  bookmark.modified = ctx.now;
  return bookmark;
}

export function deleteBookmark(data: NotesData, ctx: OpContext, id: string): Bookmark {
  return markDeleted(findBookmark(data, id), ctx.now);
}

export function restoreBookmark(data: NotesData, ctx: OpContext, id: string): Bookmark {
  return markRestored(findBookmark(data, id), ctx.now);
}

/** Case- and width-insensitive form for filtering by text. */
export function foldForFilter(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

function bookmarkHaystack(b: Bookmark): string {
  const parts =
    b.kind === 'article'
      ? [b.article.title, b.article.publication, b.article.date, ...(b.article.authors ?? [])]
      : [b.title, b.search.query];
  return foldForFilter([...parts, b.note, ...b.tags].filter(Boolean).join('\u0000'));
}

function articleDate(b: Bookmark): string {
  return b.kind === 'article' ? (b.article.date ?? '') : '';
}

/**
 * Live bookmarks filtered by kind, tag (exact) and text (in title, note, tags, query), sorted by
 * when they were added or by the article's date (bookmarks without a date last), newest first.
 */
export function listBookmarks(data: NotesData, query: ListBookmarksQuery = {}): Bookmark[] {
  const text = query.text ? foldForFilter(query.text) : '';
  const tag = query.tag?.trim();
  const found = data.bookmarks.filter(
    (b) =>
      !b.deleted &&
      (!query.kind || b.kind === query.kind) &&
      (!tag || b.tags.includes(tag)) &&
      (!text || bookmarkHaystack(b).includes(text)),
  );
  const sign = query.order === 'asc' ? 1 : -1;
  const byAdded = (a: Bookmark, b: Bookmark): number =>
    sign * (a.created < b.created ? -1 : a.created > b.created ? 1 : 0);
  if (query.sort === 'articleDate') {
    return found.sort((a, b) => {
      const da = articleDate(a);
      const db = articleDate(b);
      if (da === db) return byAdded(a, b);
      if (!da || !db) return da ? -1 : 1;
      return sign * (da < db ? -1 : 1);
    });
  }
  return found.sort(byAdded);
}

/** Every tag in use by live bookmarks and annotations, with how often, most used first. */
export function listTags(data: NotesData): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of [...data.bookmarks, ...data.annotations]) {
    if (item.deleted) continue;
    for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'zh'));
}
