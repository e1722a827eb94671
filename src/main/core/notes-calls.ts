/**
 * The notes part of the contract: bookmarks, annotations, undo, export and import, answered by the
 * NotesStore. Articles are looked up here by id, so annotations always anchor into the core's own
 * text, never into text a renderer sent.
 */
import type { Input, Output } from '../../shared/contract';
import type { NotesChannel } from '../../shared/channels';
import type { Article, Notice } from '../../shared/types';
import { ArchiveError } from './errors';
import { EXPORT_FILE_TYPES, NotesError, NotesStore, type ArticleMeta, type StoreNotice } from './notes';

export interface NotesHost {
  dataDir: string;
  article(id: string): Promise<Article>;
  articles(): Promise<Article[]>;
  /** Shows a save dialog and writes the file; null when the user cancelled. Absent in browser mode. */
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
}

export function articleMeta(a: Article): ArticleMeta {
  return {
    id: a.id,
    title: a.title,
    ...(a.publication ? { publication: a.publication } : {}),
    ...(a.date ? { date: a.date } : {}),
    ...(a.page ? { page: a.page } : {}),
    ...('authors' in a && Array.isArray(a.authors) && a.authors.length
      ? { authors: a.authors as string[] }
      : {}),
  };
}

/**
 * NotesError codes become the contract's codes, with the store's readable message. A stale undo
 * (another window edited the item since) is the caller's request that cannot be carried out, not
 * a fault of the reader: `bad-request`, and the message says what happened.
 */
async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof NotesError)) throw error;
    const code =
      error.code === 'not-found'
        ? 'not-found'
        : error.code === 'bad-request' || error.code === 'stale-undo'
          ? 'bad-request'
          : 'internal';
    throw new ArchiveError(code, error.message);
  }
}

export function notesHandlers(
  host: NotesHost,
  store: () => Promise<NotesStore>,
): { [C in NotesChannel]: (input: Input<C>) => Promise<Output<C>> } {
  const on = <T>(work: (s: NotesStore) => Promise<T>): Promise<T> =>
    translated(async () => work(await store()));
  return {
    'notes:bookmark': (i) =>
      on(async (s) =>
        s.bookmarkArticle(articleMeta(await host.article(i.articleId)), { tags: i.tags, note: i.note }),
      ),
    'notes:saveSearch': (i) =>
      on(async (s) => {
        const saved = await s.saveSearch(
          { query: i.query, options: {} },
          { title: i.title, tags: i.tags, note: i.note },
        );
        return saved;
      }),
    'notes:updateBookmark': (i) => on((s) => s.updateBookmark(i.id, i.patch)),
    'notes:deleteBookmark': (i) => on((s) => s.deleteBookmark(i.id)),
    'notes:restoreBookmark': (i) => on((s) => s.restoreBookmark(i.id)),
    'notes:listBookmarks': (i) => on((s) => s.listBookmarks(i)),
    'notes:bookmarkOf': (i) => on((s) => s.bookmarkOf(i.articleId)),
    'notes:tags': () => on((s) => s.listTags()),
    'notes:annotate': (i) =>
      on(async (s) => {
        const article = await host.article(i.articleId);
        if (i.end > article.text.length || i.start >= i.end) {
          throw new ArchiveError('bad-request', `passage ${i.start}–${i.end} is outside the article`);
        }
        return s.annotate(
          {
            article: articleMeta(article),
            start: i.start,
            end: i.end,
            color: i.color,
            note: i.note,
            tags: i.tags,
          },
          article.text,
        );
      }),
    'notes:updateAnnotation': (i) => on((s) => s.updateAnnotation(i.id, i.patch)),
    'notes:deleteAnnotation': (i) => on((s) => s.deleteAnnotation(i.id)),
    'notes:restoreAnnotation': (i) => on((s) => s.restoreAnnotation(i.id)),
    'notes:listAnnotations': (i) => on((s) => s.listAnnotations(i)),
    'notes:undo': () =>
      on(async (s) => {
        const undone = await s.undo();
        return { undone, next: s.undoLabel };
      }),
    'notes:export': (i) =>
      on(async (s) => {
        const articles = (await host.articles()).map(articleMeta);
        const content = await s.export({
          format: i.format,
          scope: i.scope,
          articles,
          exportedAt: new Date().toISOString(),
        });
        const type = EXPORT_FILE_TYPES[i.format];
        const fileName = `newsstack-notes-${new Date().toISOString().slice(0, 10)}.${type.extension}`;
        if (i.save && host.saveFile) {
          const savedTo = await host.saveFile(fileName, content);
          return savedTo
            ? { fileName, mime: type.mime, savedTo }
            : { fileName, mime: type.mime, cancelled: true };
        }
        return { fileName, mime: type.mime, content };
      }),
    'notes:import': (i) => on((s) => s.importJson(i.content)),
  };
}

/** A store notice in words the user can act on. */
export function describeNotesNotice(n: StoreNotice): Notice {
  switch (n.kind) {
    case 'restored-from-backup':
      return {
        level: 'warning',
        message: `Your notes file could not be read (${n.reason}); the last good backup was restored. The unreadable file was kept as ${n.badFile}.`,
      };
    case 'unrecoverable':
      return {
        level: 'error',
        message: `Your notes file could not be read (${n.reason}) and no backup was usable. It was kept as ${n.badFile}; new notes start empty.`,
      };
    case 'restored-missing':
      return {
        level: 'warning',
        message: `Your notes file was missing; it was restored from ${n.backupFile}.`,
      };
    case 'migrated':
      return {
        level: 'info',
        message: `Your notes were upgraded from format ${n.from} to ${n.to}; the old file was kept.`,
      };
    case 'newer-version':
      return {
        level: 'warning',
        message: `Your notes were written by a newer version of Newsstack (format ${n.version}); they are shown read-only.`,
      };
  }
}
