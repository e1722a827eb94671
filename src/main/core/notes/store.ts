/**
 * NotesStore: the façade the service calls. Every change is a read-modify-write of the lowdb
 * file under a cross-process lock, so a window, another window and the CLI can all write and
 * none loses the others' updates. Changes made through one store can be undone in reverse order.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { Low } from 'lowdb';
import * as annotations from './annotations';
import * as bookmarks from './bookmarks';
import { NotesError } from './errors';
import { exportNotes, type ExportOptions } from './export';
import { notesPaths, NotesFileAdapter, type NotesPaths } from './file';
import { mergeImport, parseWebAnnotations } from './import-json';
import { DEFAULT_LOCK, withFileLock, type LockSettings } from './lock';
import { applyUndo, UndoStack, type EntityKind } from './undo';
import {
  emptyNotes,
  type Annotation,
  type AnnotationDraft,
  type AnnotationPatch,
  type ArticleBookmark,
  type ArticleMeta,
  type ArticleText,
  type Bookmark,
  type BookmarkPatch,
  type ImportReport,
  type ListBookmarksQuery,
  type NotesData,
  type ReanchorReport,
  type SavedSearch,
  type SearchBookmark,
  type StoreNotice,
} from './types';

export interface NotesStoreOptions {
  /** How many previous versions of the file to keep (default 10). */
  keepBackups?: number;
  now?: () => Date;
  newId?: () => string;
  lock?: Partial<LockSettings>;
}

export class NotesStore {
  private readonly db: Low<NotesData>;
  private readonly adapter: NotesFileAdapter;
  private readonly lockSettings: LockSettings;
  private readonly now: () => Date;
  private readonly newId: () => string;
  /** Serialises this process's own operations; the file lock serialises processes. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly undoStack = new UndoStack();

  private constructor(
    readonly paths: NotesPaths,
    options: NotesStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.lockSettings = { ...DEFAULT_LOCK, ...options.lock };
    this.adapter = new NotesFileAdapter(paths, { keepBackups: options.keepBackups ?? 10, now: this.now });
    this.db = new Low<NotesData>(this.adapter, emptyNotes());
  }

  /** Opens (and if needed recovers or migrates) the store in `<dataDir>/notes/`. */
  static async open(dataDir: string, options: NotesStoreOptions = {}): Promise<NotesStore> {
    const store = new NotesStore(notesPaths(dataDir), options);
    await mkdir(store.paths.dir, { recursive: true });
    await store.locked(async () => {
      await store.db.read();
      // Write a migrated file back at once, so that it is migrated (and set aside) only once.
      if (store.adapter.notices.some((n) => n.kind === 'migrated') && !store.adapter.readOnly) {
        await store.db.write();
      }
    });
    return store;
  }

  /** True when the file comes from a newer Newsstack: it can be read by that version only. */
  get readOnly(): boolean {
    return this.adapter.readOnly;
  }

  /** Notices for the UI (recovered from a backup, migrated…); each is returned once. */
  takeNotices(): StoreNotice[] {
    return this.adapter.notices.splice(0);
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() =>
      withFileLock(this.paths.file, this.paths.lock, this.lockSettings, work),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The current data, re-read from disk (another process may have written). */
  read(): Promise<NotesData> {
    return this.locked(async () => {
      await this.db.read();
      return structuredClone(this.db.data);
    });
  }

  /**
   * Re-reads, applies `change`, writes if it changed anything; `undo` names the entity for undo.
   * `written` sees the data as written, still under the lock.
   */
  private mutate<T>(
    change: (data: NotesData, ctx: bookmarks.OpContext) => T,
    undo?: { label: string; kind: EntityKind; id: (result: T) => string },
    allowShrink = false,
    written?: (data: NotesData) => void,
  ): Promise<T> {
    return this.locked(async () => {
      await this.db.read();
      const before = JSON.stringify(this.db.data);
      const ctx = { now: this.now().toISOString(), newId: this.newId };
      const result = change(this.db.data, ctx);
      if (JSON.stringify(this.db.data) !== before) {
        if (this.readOnly) throw new NotesError('read-only', 'the notes store is read-only');
        this.db.data.revision++;
        this.adapter.allowShrink = allowShrink;
        try {
          await this.db.write();
        } finally {
          this.adapter.allowShrink = false;
        }
        const after = this.adapter.lastWritten ?? this.db.data;
        if (undo) {
          this.undoStack.record(
            undo.label,
            undo.kind,
            undo.id(result),
            JSON.parse(before) as NotesData,
            after,
          );
        }
        written?.(after);
      }
      return structuredClone(result);
    });
  }

  /** What `undo` would revert, for the menu ("Undo delete annotation"), or null. */
  get undoLabel(): string | null {
    return this.undoStack.label;
  }

  /**
   * Reverts the last change made through this store: the entity gets its earlier state back (a
   * created one is deleted, softly). Returns the label of what was undone, or null.
   *
   * When another window or process has edited the entity since, undoing would overwrite that
   * newer edit: it throws NotesError `stale-undo` and changes nothing. The refused step is dropped
   * (it can never apply again), so the next undo goes on with the step before it.
   */
  async undo(): Promise<string | null> {
    const entry = this.undoStack.pop();
    if (!entry) return null;
    await this.mutate(
      (data, ctx) => applyUndo(entry, data, ctx),
      undefined,
      false,
      (written) => this.undoStack.undid(entry, written),
    );
    return entry.label;
  }

  // Bookmarks

  bookmarkArticle(
    article: ArticleMeta,
    options: { tags?: string[]; note?: string } = {},
  ): Promise<ArticleBookmark> {
    return this.mutate((d, c) => bookmarks.bookmarkArticle(d, c, article, options), {
      label: 'bookmark',
      kind: 'bookmark',
      id: (b) => b.id,
    });
  }

  saveSearch(
    search: SavedSearch,
    options: { title?: string; tags?: string[]; note?: string } = {},
  ): Promise<SearchBookmark> {
    return this.mutate((d, c) => bookmarks.saveSearch(d, c, search, options), {
      label: 'save search',
      kind: 'bookmark',
      id: (b) => b.id,
    });
  }

  updateBookmark(id: string, patch: BookmarkPatch): Promise<Bookmark> {
    return this.mutate((d, c) => bookmarks.updateBookmark(d, c, id, patch), {
      label: 'edit bookmark',
      kind: 'bookmark',
      id: () => id,
    });
  }

  deleteBookmark(id: string): Promise<Bookmark> {
    return this.mutate((d, c) => bookmarks.deleteBookmark(d, c, id), {
      label: 'delete bookmark',
      kind: 'bookmark',
      id: () => id,
    });
  }

  restoreBookmark(id: string): Promise<Bookmark> {
    return this.mutate((d, c) => bookmarks.restoreBookmark(d, c, id), {
      label: 'restore bookmark',
      kind: 'bookmark',
      id: () => id,
    });
  }

  async listBookmarks(query: ListBookmarksQuery = {}): Promise<Bookmark[]> {
    return bookmarks.listBookmarks(await this.read(), query);
  }

  /** The live bookmark of an article, or null (for the star in the article view). */
  async bookmarkOf(articleId: string): Promise<ArticleBookmark | null> {
    const data = await this.read();
    return (
      data.bookmarks.find(
        (b): b is ArticleBookmark => b.kind === 'article' && !b.deleted && b.article.id === articleId,
      ) ?? null
    );
  }

  async listTags(): Promise<{ tag: string; count: number }[]> {
    return bookmarks.listTags(await this.read());
  }

  /**
   * Runs a saved search again through `run` (the service's search) and remembers when and how
   * many hits it found, so the list can show "12 hits last time".
   */
  async rerunSavedSearch<R extends { total: number }>(
    id: string,
    run: (search: SavedSearch) => Promise<R>,
  ): Promise<R> {
    const saved = (await this.read()).bookmarks.find((b) => b.id === id);
    if (!saved || saved.kind !== 'search') throw new NotesError('not-found', `no saved search ${id}`);
    const result = await run(structuredClone(saved.search));
    await this.mutate((data, ctx) => {
      const b = data.bookmarks.find((x) => x.id === id);
      if (b?.kind === 'search') b.lastRun = { at: ctx.now, total: result.total };
    });
    return result;
  }

  // Annotations

  /** Highlights [draft.start, draft.end) of `text`, the article text the reader shows. */
  annotate(draft: AnnotationDraft, text: string): Promise<Annotation> {
    return this.mutate((d, c) => annotations.createAnnotation(d, c, draft, text), {
      label: 'annotate',
      kind: 'annotation',
      id: (a) => a.id,
    });
  }

  updateAnnotation(id: string, patch: AnnotationPatch): Promise<Annotation> {
    return this.mutate((d, c) => annotations.updateAnnotation(d, c, id, patch), {
      label: 'edit annotation',
      kind: 'annotation',
      id: () => id,
    });
  }

  deleteAnnotation(id: string): Promise<Annotation> {
    return this.mutate((d, c) => annotations.deleteAnnotation(d, c, id), {
      label: 'delete annotation',
      kind: 'annotation',
      id: () => id,
    });
  }

  restoreAnnotation(id: string): Promise<Annotation> {
    return this.mutate((d, c) => annotations.restoreAnnotation(d, c, id), {
      label: 'restore annotation',
      kind: 'annotation',
      id: () => id,
    });
  }

  async listAnnotations(query: annotations.ListAnnotationsQuery = {}): Promise<Annotation[]> {
    return annotations.listAnnotations(await this.read(), query);
  }

  /** Re-anchors every annotation after an import or re-import (see annotations.reanchorAnnotations). */
  async reanchor(
    articles: readonly ArticleText[],
    options: annotations.ReanchorOptions = {},
  ): Promise<ReanchorReport> {
    const r = await this.mutate((data, ctx) =>
      annotations.reanchorAnnotations(data, ctx.now, articles, options),
    );
    return { checked: r.checked, anchored: r.anchored, moved: r.moved, orphaned: r.orphaned };
  }

  // Export and import

  async export(options: ExportOptions): Promise<string> {
    return exportNotes(await this.read(), options);
  }

  /**
   * Imports a Web Annotation JSON export; items already present are not duplicated, and a stored
   * item is replaced only by a newer one with real timestamps (the report lists what was kept).
   */
  importJson(text: string): Promise<ImportReport> {
    const parsed = parseWebAnnotations(text);
    return this.mutate((data, ctx) => mergeImport(data, parsed, ctx.now));
  }

  /** Removes soft-deleted items deleted before `before` (ISO time) for good. Returns how many. */
  purgeDeleted(before: string): Promise<number> {
    // Undo entries may then point at purged items; undoing those finds nothing and does nothing.
    return this.mutate(
      (data) => {
        const count = data.bookmarks.length + data.annotations.length;
        data.bookmarks = data.bookmarks.filter((b) => !b.deleted || b.deleted >= before);
        data.annotations = data.annotations.filter((a) => !a.deleted || a.deleted >= before);
        return count - data.bookmarks.length - data.annotations.length;
      },
      undefined,
      true,
    );
  }
}
