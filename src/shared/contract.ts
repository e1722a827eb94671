/**
 * The one contract between the core and its hosts (Electron IPC, browser mode over HTTP, the
 * renderer client). Adding a call means adding one entry here plus its handler in the service.
 */
import { z } from 'zod';
import type { Channel } from './channels';
import type { CorrectionsImportReport } from './corrections-types';
import { CITATION_FORMATS } from './citation-formats';
import {
  AnnotationPatchSchema,
  BookmarkPatchSchema,
  ExportFormatSchema,
  ExportScopeSchema,
  HighlightColorSchema,
  ListBookmarksQuerySchema,
} from './notes-schema';
import type { Annotation, ArticleBookmark, Bookmark, ImportReport, SearchBookmark } from './notes-types';
import { SettingsPatchSchema, type Settings } from './settings';
import type { Metric, MetricRow } from './metrics-types';
import {
  MAX_QUERY_LENGTH,
  type ConcordanceLine,
  type SearchResultEx,
  type Suggestion,
  type TrendGranularity,
  type TrendPoint,
} from './search-types';
import type {
  ArchiveInfo,
  ArticleSummary,
  ArticleView,
  BrowseResult,
  PageFile,
  RevealResult,
  ServerConnection,
  ServerImportJob,
  TeamNote,
} from './types';

declare const outputBrand: unique symbol;
interface Call<I extends z.ZodType, O> {
  input: I;
  readonly [outputBrand]?: O;
}
function call<O>() {
  return <I extends z.ZodType>(input: I): Call<I, O> => ({ input });
}

const Id = z.string().min(1).max(200);
const Tags = z.array(z.string().trim().min(1).max(100)).max(100);

export interface ExportResult {
  fileName: string;
  mime: string;
  /** The exported text, unless the host saved it to a file of the user's choice. */
  content?: string;
  savedTo?: string;
  cancelled?: boolean;
}

/** Bookmarks, annotations and notes export. The service looks articles up by id: the renderer never sends text. */
function notesCalls() {
  return {
    'notes:bookmark': call<ArticleBookmark>()(
      z.object({ articleId: Id, tags: Tags.optional(), note: z.string().max(100_000).optional() }).strict(),
    ),
    'notes:saveSearch': call<SearchBookmark>()(
      z
        .object({
          query: z.string().min(1).max(MAX_QUERY_LENGTH),
          title: z.string().max(2000).optional(),
          tags: Tags.optional(),
          note: z.string().max(100_000).optional(),
        })
        .strict(),
    ),
    'notes:updateBookmark': call<Bookmark>()(z.object({ id: Id, patch: BookmarkPatchSchema }).strict()),
    'notes:deleteBookmark': call<Bookmark>()(z.object({ id: Id }).strict()),
    'notes:restoreBookmark': call<Bookmark>()(z.object({ id: Id }).strict()),
    'notes:listBookmarks': call<Bookmark[]>()(ListBookmarksQuerySchema),
    'notes:bookmarkOf': call<ArticleBookmark | null>()(z.object({ articleId: Id }).strict()),
    'notes:tags': call<{ tag: string; count: number }[]>()(z.object({}).strict()),
    'notes:annotate': call<Annotation>()(
      z
        .object({
          articleId: Id,
          start: z.number().int().min(0),
          end: z.number().int().min(1),
          color: HighlightColorSchema.optional(),
          note: z.string().max(100_000).optional(),
          tags: Tags.optional(),
        })
        .strict(),
    ),
    'notes:updateAnnotation': call<Annotation>()(z.object({ id: Id, patch: AnnotationPatchSchema }).strict()),
    'notes:deleteAnnotation': call<Annotation>()(z.object({ id: Id }).strict()),
    'notes:restoreAnnotation': call<Annotation>()(z.object({ id: Id }).strict()),
    'notes:listAnnotations': call<Annotation[]>()(
      z
        .object({
          articleId: Id.optional(),
          status: z.enum(['anchored', 'orphaned']).optional(),
          tag: z.string().max(100).optional(),
        })
        .strict(),
    ),
    'notes:undo': call<{ undone: string | null; next: string | null }>()(z.object({}).strict()),
    'notes:export': call<ExportResult>()(
      z
        .object({
          format: ExportFormatSchema,
          scope: ExportScopeSchema.optional(),
          /** Ask the host for a save dialog (desktop); otherwise the content comes back. */
          save: z.boolean().optional(),
        })
        .strict(),
    ),
    'notes:import': call<ImportReport>()(z.object({ content: z.string().max(30_000_000) }).strict()),
  } as const;
}

export const contract = {
  'archive:info': call<ArchiveInfo>()(z.object({}).strict()),
  'articles:list': call<ArticleSummary[]>()(z.object({}).strict()),
  'articles:get': call<ArticleView>()(
    z
      .object({
        id: z.string().min(1).max(200),
        query: z.string().max(MAX_QUERY_LENGTH).optional(),
      })
      .strict(),
  ),
  'search:query': call<SearchResultEx>()(
    z
      .object({
        query: z.string().max(MAX_QUERY_LENGTH),
        limit: z.number().int().min(1).max(10000).optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
        sort: z.enum(['relevance', 'newest', 'oldest']).optional(),
      })
      .strict(),
  ),
  /** The hits of a query (best first unless sorted, up to `limit`, default 1000) as a citation file. */
  'search:cite': call<ExportResult>()(
    z
      .object({
        query: z.string().min(1).max(MAX_QUERY_LENGTH),
        format: z.enum(CITATION_FORMATS),
        limit: z.number().int().min(1).max(10000).optional(),
        sort: z.enum(['relevance', 'newest', 'oldest']).optional(),
        /** Ask the host for a save dialog (desktop); otherwise the content comes back. */
        save: z.boolean().optional(),
      })
      .strict(),
  ),
  /** How often each query (up to five) occurs per year, month or day, normalised by the archive. */
  'search:trends': call<{ by: TrendGranularity; series: { query: string; points: TrendPoint[] }[] }>()(
    z
      .object({
        queries: z.array(z.string().min(1).max(MAX_QUERY_LENGTH)).min(1).max(5),
        by: z.enum(['year', 'month', 'day']).optional(),
      })
      .strict(),
  ),
  /** Words that occur near the query's terms far more often than in the archive at large. */
  'search:collocates': call<{
    contexts: number;
    terms: { term: string; contexts: number; articles: number; lift: number }[];
  }>()(
    z
      .object({
        query: z.string().min(1).max(MAX_QUERY_LENGTH),
        width: z.number().int().min(1).max(50).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  ),
  /** Keyword in context: every occurrence of the query's terms, sorted, up to `limit` lines. */
  'search:concordance': call<{ total: number; lines: ConcordanceLine[] }>()(
    z
      .object({
        query: z.string().min(1).max(MAX_QUERY_LENGTH),
        sort: z.enum(['left', 'right', 'date', 'paper', 'article']).optional(),
        width: z.number().int().min(1).max(200).optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
  ),
  'search:suggest': call<Suggestion[]>()(
    z.object({ prefix: z.string().max(200), limit: z.number().int().min(1).max(50).optional() }).strict(),
  ),
  'archive:reimport': call<ArchiveInfo>()(z.object({}).strict()),
  'archive:setFolders': call<ArchiveInfo>()(
    z.object({ dirs: z.array(z.string().min(1).max(4096)).max(100) }).strict(),
  ),
  'archive:relocateFolder': call<ArchiveInfo>()(
    z.object({ from: z.string().min(1).max(4096), to: z.string().min(1).max(4096) }).strict(),
  ),
  'archive:chooseFolder': call<{ dir: string | null }>()(z.object({}).strict()),
  'server:connect': call<ArchiveInfo>()(
    z
      .object({
        url: z.string().min(1).max(2000),
        name: z.string().min(1).max(64),
        password: z.string().min(1).max(1024),
      })
      .strict(),
  ),
  'server:disconnect': call<ArchiveInfo>()(z.object({}).strict()),
  /** The team's notes on an article of the open server archive (none without one). */
  'server:teamNotes': call<TeamNote[]>()(z.object({ articleId: z.string().min(1).max(200) }).strict()),
  /** The server whose archive is open, if any. */
  'server:connection': call<ServerConnection | null>()(z.object({}).strict()),
  /**
   * Uploads the page files of a folder on this computer to the open server archive, and starts
   * their import there (editors and admins): answers with the job once it has started.
   */
  'server:upload': call<ServerImportJob>()(
    z.object({ dir: z.string().min(1).max(4096), label: z.string().max(200).optional() }).strict(),
  ),
  /** The open server's import jobs, newest first (editors and admins). */
  'server:jobs': call<ServerImportJob[]>()(z.object({}).strict()),
  /** Runs a failed or interrupted import job of the open server again, as a new job. */
  'server:retryJob': call<ServerImportJob>()(z.object({ id: z.number().int().min(1) }).strict()),
  /** Shares a note on an article of the open server archive with the team (editors and admins). */
  'server:shareNote': call<TeamNote>()(
    z
      .object({
        articleId: z.string().min(1).max(200),
        quote: z.string().max(10_000),
        note: z.string().max(100_000),
      })
      .strict(),
  ),
  'articles:correct': call<ArticleView>()(
    z
      .object({
        id: z.string().min(1).max(200),
        correction: z
          .object({
            publication: z.string().max(500).nullable().optional(),
            date: z
              .string()
              .regex(/^\d{4}-\d{2}-\d{2}$/u, 'a date is written YYYY-MM-DD')
              .nullable()
              .optional(),
            page: z.string().max(100).nullable().optional(),
            title: z.string().min(1).max(2000).optional(),
          })
          .strict(),
      })
      .strict(),
  ),
  'articles:correctText': call<ArticleView>()(
    z
      .object({
        id: z.string().min(1).max(200),
        /** The whole corrected text; null goes back to the text as printed. */
        text: z.string().max(2_000_000).nullable(),
        note: z.string().max(2000).optional(),
      })
      .strict(),
  ),
  'articles:pageFile': call<PageFile>()(z.object({ id: z.string().min(1).max(200) }).strict()),
  'corrections:export': call<ExportResult>()(z.object({ save: z.boolean().optional() }).strict()),
  'corrections:import': call<CorrectionsImportReport>()(
    z.object({ content: z.string().max(100_000_000) }).strict(),
  ),
  'metrics:article': call<Metric[]>()(z.object({ id: z.string().min(1).max(200) }).strict()),
  'metrics:explore': call<MetricRow[]>()(
    z
      .object({
        label: z.string().min(1).max(200),
        kinds: z.array(z.string().max(40)).max(20).optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
  ),
  'browse:list': call<BrowseResult>()(
    z
      .object({
        publication: z.string().max(200).nullable().optional(),
        date: z.string().max(40).nullable().optional(),
      })
      .strict(),
  ),
  'articles:reveal': call<RevealResult>()(z.object({ id: z.string().min(1).max(200) }).strict()),
  'settings:get': call<Settings>()(z.object({}).strict()),
  'settings:update': call<Settings>()(SettingsPatchSchema),
  'tasks:cancel': call<{ cancelled: boolean }>()(
    z.object({ task: z.enum(['import', 'index', 'export']) }).strict(),
  ),
  ...notesCalls(),
} satisfies Record<Channel, Call<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C] extends Call<z.ZodType, infer O> ? O : never;

/** What every host offers the renderer: one async function per channel. */
export type ArchiveApi = { [C in Channel]: (input: Input<C>) => Promise<Output<C>> };

/** Validates an argument that arrived from outside the core; throws a ZodError when it is wrong. */
export function parseInput<C extends Channel>(channel: C, input: unknown): Input<C> {
  return contract[channel].input.parse(input ?? {}) as Input<C>;
}
