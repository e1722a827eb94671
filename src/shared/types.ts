/** Data shapes that cross the boundary between the core and the renderer. */

/** Where an article came from: a file relative to its archive folder and 1-based inclusive lines. */
export interface SourceRef {
  file: string;
  lineStart: number;
  lineEnd: number;
}

export interface ArticleSummary {
  id: string;
  title: string;
  publication?: string;
  date?: string;
  page?: string;
  source: SourceRef;
}

export interface Article extends ArticleSummary {
  /** Paragraphs of the article, in reading order. */
  paragraphs: string[];
  /** The paragraphs joined by blank lines: the text that highlight ranges refer to. */
  text: string;
}

/** Half-open character range [start, end) into a string. */
export type Range = [number, number];

export interface ArticleView extends Article {
  /** The articles before and after this one on the same page, in reading order. */
  previousId?: string;
  nextId?: string;
  /** Ranges of `text` that match the query passed with the request. */
  highlights: Range[];
  /** Ranges of `title` that match the query passed with the request. */
  titleHighlights: Range[];
}

export interface SearchHit {
  id: string;
  title: string;
  publication?: string;
  date?: string;
  page?: string;
  source: SourceRef;
  score: number;
  /** A short excerpt around the first match, whitespace collapsed. */
  snippet: string;
  /** Ranges of `snippet` that match the query. */
  highlights: Range[];
  /** Ranges of `title` that match the query. */
  titleHighlights: Range[];
}

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
}

export interface ArchiveInfo {
  archiveDirs: string[];
  dataDir: string;
  articleCount: number;
  fileCount: number;
  problems: ImportProblem[];
  /** Messages for the user about the data folder (restored files and the like). */
  notices: Notice[];
}

export interface ImportProblem {
  file: string;
  message: string;
}

/** Error shape that crosses every boundary: a code the UI can translate and a readable message. */
export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
}

export type ErrorCode = 'bad-request' | 'not-found' | 'unreadable-archive' | 'unauthorized' | 'internal';

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** One level of the browse tree: publications, then dates, then pages with their articles. */
export type BrowseResult =
  | {
      level: 'publications';
      items: { publication: string | null; count: number; firstDate?: string; lastDate?: string }[];
    }
  | {
      level: 'dates';
      publication: string | null;
      items: { date: string | null; count: number; pages: number }[];
    }
  | {
      level: 'pages';
      publication: string | null;
      date: string | null;
      pages: { page: string | null; articles: ArticleSummary[] }[];
    };

export interface RevealResult {
  /** Absolute path of the page file. */
  path: string;
  /** Whether the host could show it in the file manager. */
  revealed: boolean;
}

/** Something the user should know about, shown once (a restored settings file, a skipped page …). */
export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}
