/**
 * Zod schemas for the notes store (schema version 1). Depends on zod only, so that it can be
 * moved to or re-exported from src/shared without pulling Node code into the renderer.
 */
import { z } from 'zod';

export const NOTES_SCHEMA_VERSION = 1;

/** Named highlight colours; the renderer maps them to theme-aware CSS. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const HighlightColorSchema = z.enum(HIGHLIGHT_COLORS);

const IsoTime = z.string().min(1).max(40);
const Tag = z.string().trim().min(1).max(100);

/** What notes remember about an article, so that lists and exports work without the archive. */
export const ArticleMetaSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().max(2000),
  publication: z.string().max(500).optional(),
  /** YYYY-MM-DD when known. */
  date: z.string().max(40).optional(),
  page: z.string().max(100).optional(),
  authors: z.array(z.string().max(200)).max(50).optional(),
});

/** W3C Web Annotation TextQuoteSelector: the quoted passage with some context either side. */
export const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(100_000),
  prefix: z.string().max(1000).default(''),
  suffix: z.string().max(1000).default(''),
});

/** W3C Web Annotation TextPositionSelector: half-open [start, end) offsets into the article text. */
export const TextPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .refine((s) => s.end >= s.start, { message: 'end before start' });

export const SelectorSchema = z.union([TextQuoteSelectorSchema, TextPositionSelectorSchema]);

const BookmarkBase = {
  id: z.string().min(1).max(200),
  tags: z.array(Tag).max(100).default([]),
  note: z.string().max(100_000).optional(),
  created: IsoTime,
  modified: IsoTime,
  /** Set when deleted: deletions are soft so that they can be undone. */
  deleted: IsoTime.optional(),
};

export const ArticleBookmarkSchema = z.object({
  ...BookmarkBase,
  kind: z.literal('article'),
  article: ArticleMetaSchema,
});

/** Search options are kept as plain JSON: the search contract may grow without a migration here. */
export const SavedSearchSchema = z.object({
  query: z.string().max(1000),
  options: z.record(z.string(), z.json()).default({}),
});

export const SearchBookmarkSchema = z.object({
  ...BookmarkBase,
  kind: z.literal('search'),
  /** A name for the list; defaults to the query. */
  title: z.string().max(2000),
  search: SavedSearchSchema,
  lastRun: z.object({ at: IsoTime, total: z.number().int().min(0) }).optional(),
});

export const BookmarkSchema = z.discriminatedUnion('kind', [ArticleBookmarkSchema, SearchBookmarkSchema]);

export const AnchorStatusSchema = z.object({
  status: z.enum(['anchored', 'orphaned']),
  /** How the last re-anchoring found the passage. */
  method: z.enum(['created', 'position', 'exact', 'normalized', 'fuzzy', 'moved']).optional(),
  checked: IsoTime.optional(),
  /** Article ids the annotation lived in before a re-split moved it. */
  previousArticleIds: z.array(z.string().max(200)).max(100).optional(),
});

export const AnnotationSchema = z.object({
  id: z.string().min(1).max(200),
  article: ArticleMetaSchema,
  selector: z.object({ quote: TextQuoteSelectorSchema, position: TextPositionSelectorSchema }),
  color: HighlightColorSchema.default('yellow'),
  note: z.string().max(100_000).optional(),
  tags: z.array(Tag).max(100).default([]),
  created: IsoTime,
  modified: IsoTime,
  deleted: IsoTime.optional(),
  anchor: AnchorStatusSchema.default({ status: 'anchored' }),
});

export const NotesDataSchema = z.object({
  schemaVersion: z.literal(NOTES_SCHEMA_VERSION),
  /** Incremented by every write; names backups and lets a window see that another one wrote. */
  revision: z.number().int().min(0),
  bookmarks: z.array(BookmarkSchema),
  annotations: z.array(AnnotationSchema),
});

/** Inputs from the renderer or an HTTP client (validated at the boundary, then trusted). */
export const AnnotationDraftSchema = z
  .object({
    article: ArticleMetaSchema,
    /** Offsets into the article text; the quote and its context are taken from `text`. */
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    color: HighlightColorSchema.optional(),
    note: z.string().max(100_000).optional(),
    tags: z.array(Tag).max(100).optional(),
  })
  .strict();

export const AnnotationPatchSchema = z
  .object({
    color: HighlightColorSchema.optional(),
    note: z.string().max(100_000).nullable().optional(),
    tags: z.array(Tag).max(100).optional(),
  })
  .strict();

export const BookmarkPatchSchema = z
  .object({
    tags: z.array(Tag).max(100).optional(),
    note: z.string().max(100_000).nullable().optional(),
    title: z.string().max(2000).optional(),
  })
  .strict();

export const ExportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('tag'), tag: Tag }).strict(),
  z.object({ kind: z.literal('articles'), ids: z.array(z.string().max(200)).max(100_000) }).strict(),
  z.object({ kind: z.literal('annotations'), ids: z.array(z.string().max(200)).max(100_000) }).strict(),
]);

/** md, json, csv and html export the notes; ris, bibtex and csl cite the noted articles. */
export const ExportFormatSchema = z.enum(['md', 'json', 'csv', 'html', 'ris', 'bibtex', 'csl']);

export const ListBookmarksQuerySchema = z
  .object({
    kind: z.enum(['article', 'search']).optional(),
    tag: Tag.optional(),
    text: z.string().max(1000).optional(),
    sort: z.enum(['added', 'articleDate']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
  })
  .strict();
