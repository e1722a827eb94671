/**
 * archive/: owns everything between page files on disk and articles. Finds page files
 * (discover.ts), decodes them (decode.ts, html.ts, mhtml.ts), reads a saved article web page as a
 * reader would (html-article.ts, web-meta.ts), reads a page as an editor would (reflow.ts,
 * split.ts, blocks.ts, headline.ts, patterns.ts), gives articles ids, metadata and provenance
 * (page.ts, metadata.ts, manifests.ts), imports incrementally (read.ts, import.ts), watches
 * folders (watch.ts) and runs in a worker (worker.ts).
 * Must not touch: the search index, notes, the service or any host; never writes page files.
 */
export { decodePage, type Decoded, type Encoding } from './decode';
export {
  discover,
  DEFAULT_MAX_FILE_BYTES,
  PAGE_FORMATS,
  type Discovery,
  type FoundPage,
  type PageFormat,
} from './discover';
export { htmlToText } from './html';
export { readWebPage, type WebArticle, type WebPageReading } from './html-article';
export { htmlOfMhtml, isMhtml, type MhtmlPage } from './mhtml';
export {
  ArchiveUnreadableError,
  discoverPages,
  importArchive,
  importArchives,
  importFolder,
  PAGE_EXTENSIONS,
  PARSER_VERSION,
  type FolderImport,
  type ImportedArchive,
  type ImportOptions,
  type ImportResult,
  type ImportState,
  type PageFile,
} from './import';
export {
  applyCorrections,
  MANIFEST_NAME,
  mergeMeta,
  metaFromFileName,
  metaFromPath,
  metaFromText,
  parseDate,
  type Manifest,
  type PageMeta,
} from './metadata';
export { applyPageMeta, articleId, articlesOfPage, readPageArticles } from './page';
export type { FileRecord } from './read';
export { readPage, splitPage, type ArticleDraft, type PageReading } from './split';
export { watchArchives, type ArchiveWatcher, type WatchOptions } from './watch';
export { runFolderImportInWorker, runImportInWorker, type ImportJob, type WorkerMessage } from './worker';
