/**
 * Types of the notes store, inferred from the zod schemas (type-only imports: no runtime code).
 */
import type { z } from 'zod';
import type {
  AnchorStatusSchema,
  AnnotationDraftSchema,
  AnnotationPatchSchema,
  AnnotationSchema,
  ArticleBookmarkSchema,
  ArticleMetaSchema,
  BookmarkPatchSchema,
  BookmarkSchema,
  ExportFormatSchema,
  ExportScopeSchema,
  HighlightColorSchema,
  ListBookmarksQuerySchema,
  NotesDataSchema,
  SavedSearchSchema,
  SearchBookmarkSchema,
  SelectorSchema,
  TextPositionSelectorSchema,
  TextQuoteSelectorSchema,
} from './notes-schema';

export type HighlightColor = z.infer<typeof HighlightColorSchema>;
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;
export type Selector = z.infer<typeof SelectorSchema>;
export type ArticleBookmark = z.infer<typeof ArticleBookmarkSchema>;
export type SavedSearch = z.infer<typeof SavedSearchSchema>;
export type SearchBookmark = z.infer<typeof SearchBookmarkSchema>;
export type Bookmark = z.infer<typeof BookmarkSchema>;
export type AnchorStatus = z.infer<typeof AnchorStatusSchema>;
export type Annotation = z.infer<typeof AnnotationSchema>;
export type NotesData = z.infer<typeof NotesDataSchema>;
export type AnnotationDraft = z.infer<typeof AnnotationDraftSchema>;
export type AnnotationPatch = z.infer<typeof AnnotationPatchSchema>;
export type BookmarkPatch = z.infer<typeof BookmarkPatchSchema>;
export type ExportScope = z.infer<typeof ExportScopeSchema>;
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
export type ListBookmarksQuery = z.infer<typeof ListBookmarksQuerySchema>;

/** An article as the notes code needs it: its metadata and, when re-anchoring, its text. */
export interface ArticleText extends ArticleMeta {
  /** Paragraphs joined by '\n\n': the text that annotation offsets refer to. */
  text: string;
}

/** Something the UI should tell the user about the store (shown once, e.g. as a banner). */
export type StoreNotice =
  | {
      kind: 'restored-from-backup';
      /** Where the unreadable file was moved to. */
      badFile: string;
      backupFile: string;
      reason: string;
    }
  | { kind: 'unrecoverable'; badFile: string; reason: string }
  | { kind: 'restored-missing'; backupFile: string }
  | { kind: 'migrated'; from: number; to: number }
  | { kind: 'newer-version'; version: number; reason: string };

/** The result of re-anchoring a batch of annotations. */
export interface ReanchorReport {
  checked: number;
  anchored: number;
  moved: number;
  orphaned: number;
}

/** Why a timestamp of an imported (or stored) note cannot be trusted. */
export type TimeProblem = 'not-a-time' | 'in-the-future' | 'before-1970';

/** An item of an import file that matched a stored item, which was kept because of a bad timestamp. */
export interface ImportKept {
  kind: 'bookmark' | 'annotation';
  /** The stored item that was kept, unchanged. */
  id: string;
  /** The imported item's id (another one when it matched by what it points at). */
  importedId: string;
  /** Whose timestamp could not be trusted: the imported item's, or the stored item's own. */
  item: 'imported' | 'stored';
  field: 'created' | 'modified';
  value: string;
  problem: TimeProblem;
}

/** A new item that was added with the import's time in place of a timestamp it could not keep. */
export interface ImportRepaired {
  kind: 'bookmark' | 'annotation';
  id: string;
  field: 'created' | 'modified';
  value: string;
  problem: TimeProblem;
  /** The time it got instead (the import's time; `created` gets the item's `modified` if that is good). */
  replacedBy: string;
}

/**
 * What a notes import did. `kept` and `repaired` are present only when something was (kept items
 * are counted in `unchanged`, repaired ones in `added`).
 */
export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  kept?: ImportKept[];
  repaired?: ImportRepaired[];
}

export type NotesErrorCode =
  'not-found' | 'bad-request' | 'read-only' | 'locked' | 'would-shrink' | 'unreadable-import';

/** A fresh, empty store (a new object each time: callers mutate it). */
export function emptyNotes(): NotesData {
  return { schemaVersion: 1, revision: 0, bookmarks: [], annotations: [] };
}
