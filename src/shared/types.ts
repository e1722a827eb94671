/** Data shapes that cross the boundary between the core and the renderer. */

/** Where an article came from: a file relative to its archive folder and 1-based inclusive lines. */
export interface SourceRef {
  file: string;
  lineStart: number;
  lineEnd: number;
}

/** Where on a page image an article was printed (PDF pages): boxes as fractions of the page, from the top left. */
export interface PageRegion {
  /** 1-based page of the file. */
  page: number;
  boxes: [number, number, number, number][];
}

/** A page file as the reader shows it beside an article (a PDF page). */
export interface PageFile {
  fileName: string;
  mime: string;
  /** The file's bytes, base64. */
  data: string;
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
  /** 引题: the line printed above the title. */
  kicker?: string;
  /** 副题: the line printed under the title. */
  subtitle?: string;
  /** True when the page printed no headline and the title was made from the first sentence. */
  untitled?: boolean;
  /** Box the article was printed in (相关新闻). */
  column?: string;
  /** The byline as printed: 本报记者 黄虹, 本报讯(记者 熊辉), 王彩艳 杨敏 图片由…提供. */
  byline?: string;
  authors?: string[];
  /** Section subheads inside the article, each with the index of the first paragraph under it. */
  sections?: ArticleSection[];
  /** Photo captions and picture credits printed with the article. */
  captions?: string[];
  /** Keywords the page gave the article (a Markdown file's front matter `tags`). */
  tags?: string[];
  /** Fields the user corrected (publication, date, page, title, text); see applyCorrections. */
  corrected?: CorrectableField[];
  /** Where the article was printed on its PDF page, for the page image beside it. */
  region?: PageRegion;
  /** The text as printed, when the user corrected it (`text` is then the corrected text). */
  originalText?: string;
}

export interface ArticleSection {
  title: string;
  paragraph: number;
}

export type CorrectableField = 'publication' | 'date' | 'page' | 'title' | 'text';

/** One edit of an article's text by the user. */
export interface TextRevision {
  /** The whole text after the edit; null when the edit went back to the text as printed. */
  text: string | null;
  /** When it was made (ISO 8601). */
  at: string;
  /** What the user said about it (source checked, e.g. "对照原版 PDF"). */
  note?: string;
}

/** The user's corrections of one article; null clears a field the import filled in wrongly. */
export interface ArticleCorrection {
  publication?: string | null;
  date?: string | null;
  page?: string | null;
  title?: string;
  /** Edits of the text, oldest first; the last one is the text the reader shows. */
  textHistory?: TextRevision[];
}

/** Progress of a long import, streamed to the UI. */
export interface ImportProgress {
  phase: 'discover' | 'read' | 'done';
  /** Files handled so far (discover: found so far). */
  done: number;
  /** Files to handle (0 while discovering). */
  total: number;
  /** The file being handled, relative to its archive folder. */
  file?: string;
}

/** What the import made of one page file. */
export interface ImportFileReport {
  /** Archive folder the file was found in. */
  root: string;
  /** Path relative to that folder, forward slashes. */
  file: string;
  /** new, changed, unchanged (not re-read or re-parsed), or failed (no articles from it). */
  status: 'new' | 'changed' | 'unchanged' | 'failed';
  format?: 'text' | 'markdown' | 'html' | 'table' | 'pdf';
  encoding?: string;
  /** How the page was read: markdown, blocks (one paragraph per line), spaced, wrapped (OCR). */
  layout?: string;
  articles: number;
  warnings: string[];
  errors: string[];
}

/** A file or folder the import did not read, and why. */
export interface ImportSkipped {
  root: string;
  file: string;
  reason: string;
}

export interface ImportReport {
  roots: string[];
  files: ImportFileReport[];
  skipped: ImportSkipped[];
  /** Files that were in the previous import and are gone now; their articles were dropped. */
  removed: string[];
  /** Metadata files (sidecars, manifests) that were read. */
  metadataFiles: string[];
  cancelled: boolean;
  totals: { files: number; articles: number; skipped: number; failed: number; warnings: number };
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
  /** The user's edits of the text, oldest first (see TextRevision); absent when never edited. */
  textHistory?: TextRevision[];
  /** Ranges of `originalText` that match the query, when the text was corrected. */
  originalHighlights?: Range[];
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

/** A newsroom server's archive opened in the app instead of local folders. */
export interface ServerConnection {
  url: string;
  user: string;
  role: string;
}

/**
 * An import job of a newsroom server: pages from a folder on the server, or uploaded into it.
 * States: queued, receiving (an upload taking files), running, done, failed, interrupted (its
 * server stopped; it can be run again).
 */
export interface ServerImportJob {
  id: number;
  kind: 'folder' | 'upload';
  /** The folder on the server (folder jobs only). */
  folder?: string;
  label: string;
  /** Who started it (null once that user is deleted). */
  user: string | null;
  state: 'queued' | 'receiving' | 'running' | 'done' | 'failed' | 'interrupted';
  /** Page files read of those found (while receiving: files expected, when the client said). */
  done: number;
  total: number;
  /** Upload jobs: files and bytes received. */
  received: number;
  receivedBytes: number;
  /** Articles read, and of those the new or changed ones (once done). */
  articles?: number;
  written?: number;
  error?: string;
  created: string;
  finished?: string;
  /** The job that ran this failed or interrupted one again. */
  retriedAs?: number;
}

/** A note on a server article made in the team: shared ones, and the user's own made on the server. */
export interface TeamNote {
  id: number;
  articleId: string;
  author: string;
  shared: boolean;
  quote: string;
  note: string;
  created: string;
  modified: string;
}

export interface ArchiveInfo {
  archiveDirs: string[];
  /** Set while a server's archive is open: searches and articles come from it. */
  server?: ServerConnection;
  dataDir: string;
  articleCount: number;
  fileCount: number;
  problems: ImportProblem[];
  /** Messages for the user about the data folder (restored files and the like). */
  notices: Notice[];
  /** What the last import did, file by file. */
  report: ImportReport | null;
  /**
   * Chosen folders that cannot be read now (an unplugged drive, a folder moved or renamed): their
   * articles stay in the archive, and the user may remove the folder or say where it went.
   */
  unavailable: UnavailableFolder[];
}

/** Why a folder cannot be used: the UI translates these. */
export type FolderProblem = 'relative' | 'missing' | 'not-a-folder' | 'unreadable';

export interface UnavailableFolder {
  root: string;
  problem: FolderProblem;
}

export interface ImportProblem {
  file: string;
  message: string;
}

/** Error shape that crosses every boundary: a code the UI can translate and a readable message. */
export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  /** For 'invalid-folder': which folder, and what is wrong with it. */
  folder?: UnavailableFolder;
}

export type ErrorCode =
  'bad-request' | 'not-found' | 'unreadable-archive' | 'invalid-folder' | 'unauthorized' | 'internal';

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
