/**
 * Reads one page file into a record of the import state: bytes, hash, encoding, text, articles,
 * warnings and errors. Notices files that change or vanish while they are read.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../../../shared/types';
import { decodePage, type Encoding } from './decode';
import type { FoundPage, PageFormat } from './discover';
import { splitFrontMatter } from './front-matter';
import { charsetOf, htmlCharset, htmlToText, lineLocator } from './html';
import { readWebPage, type WebArticle } from './html-article';
import { mergeMeta, metaFromText, type PageMeta, type TableColumns } from './metadata';
import { htmlOfMhtml, isMhtml } from './mhtml';
import { applyPageMeta, articleId, readPageArticles } from './page';
import { regionOfLines, type PdfText } from './pdf';
import { readTable } from './table';
import type { Layout } from './reflow';
import { openRegularFile, readAtMost } from './safe-read';

/** One page file as the last import saw it. Plain data: it survives JSON and structuredClone. */
export interface FileRecord {
  root: string;
  file: string;
  size: number;
  /** -1 when the file changed while it was read: the next import reads it again. */
  mtimeMs: number;
  sha256: string;
  format: PageFormat;
  encoding?: Encoding;
  layout?: Layout;
  /** Metadata the page's own text gave (kept so a sidecar change needs no re-parse). */
  textMeta: PageMeta;
  /** The metadata the articles carry, as JSON, to notice a sidecar or manifest change. */
  metaKey: string;
  articles: Article[];
  warnings: string[];
  errors: string[];
  /**
   * Set on a record handed in without its articles (they stay in the catalogue): the import
   * then never reads `articles`, and marks a page whose metadata changed with `pendingMeta`
   * for the caller to apply to the stored articles.
   */
  lite?: boolean;
  /** The page's new metadata, to apply to the stored articles of a lite record (see `lite`). */
  pendingMeta?: PageMeta;
}

export interface PageContext {
  /** Metadata from sidecar, manifests and path, strongest first; the text comes last. */
  metaLayers: PageMeta[];
  encodingHint?: Encoding;
  /** For a table: which columns hold what, from a sidecar or manifest (see table.ts). */
  columns?: TableColumns;
  /** For a PDF: its text layer, read beforehand (pdf.js answers asynchronously; see pdf.ts). */
  pdf?: PdfText | { error: string };
}

/**
 * What a table was read with: the metadata that fills its gaps and the columns chosen for it. A
 * change of either reads the table again (its rows are not kept apart from what they became).
 */
export function tableKeyOf(context: PageContext): string {
  const meta = mergeMeta(...context.metaLayers);
  return JSON.stringify([meta.publication ?? '', meta.date ?? '', meta.page ?? '', context.columns ?? {}]);
}

export function metaKeyOf(meta: PageMeta): string {
  return JSON.stringify([meta.publication ?? '', meta.date ?? '', meta.page ?? '']);
}

/** Re-applies metadata to a record whose page did not change. */
export function refreshMeta(record: FileRecord, context: PageContext): FileRecord {
  // A table's rows carry their own paper and date; file metadata only filled gaps when it was
  // read, and a change of it reads the table again (see tableKeyOf).
  if (record.format === 'table') return record;
  const meta = mergeMeta(...context.metaLayers, record.textMeta);
  const key = metaKeyOf(meta);
  if (key === record.metaKey) return record;
  if (record.lite) return { ...record, metaKey: key, pendingMeta: meta };
  return { ...record, metaKey: key, articles: applyPageMeta(record.articles, meta) };
}

/**
 * The one article of a saved article page. `fileLines` maps lines of the HTML to lines of the file
 * (a page inside an MHTML file); without it they are the same.
 */
function webArticle(
  file: string,
  web: WebArticle,
  html: string,
  meta: PageMeta,
  fileLines?: [number, number][],
): Article {
  const lineAt = lineLocator(html);
  const first = lineAt(web.start);
  const last = lineAt(web.end);
  const lineStart = fileLines?.[first - 1]?.[0] ?? first;
  const lineEnd = fileLines?.[last - 1]?.[1] ?? last;
  const paragraphs = web.paragraphs.map((p) => p.text);
  const article: Article = {
    id: articleId(file, web.title, paragraphs, 0),
    title: web.title,
    source: { file, lineStart, lineEnd: Math.max(lineStart, lineEnd) },
    paragraphs,
    text: paragraphs.join('\n\n'),
  };
  if (web.untitled) article.untitled = true;
  if (web.kicker) article.kicker = web.kicker;
  if (web.subtitle) article.subtitle = web.subtitle;
  if (web.byline) article.byline = web.byline;
  if (web.authors?.length) article.authors = web.authors;
  if (web.sections.length) article.sections = web.sections;
  if (web.captions.length) article.captions = web.captions;
  return applyPageMeta([article], meta)[0];
}

/**
 * A PDF's articles, from its text layer read beforehand: split as a text page is, each with the
 * region of the page it was printed on. Pages without a text layer (scans) are reported.
 */
function readPdfRecord(record: FileRecord, file: string, context: PageContext): FileRecord {
  const pdf = context.pdf;
  record.metaKey = metaKeyOf(mergeMeta(...context.metaLayers));
  if (!pdf || 'error' in pdf) {
    record.errors.push(pdf?.error ?? 'the PDF could not be read');
    return record;
  }
  if (pdf.scannedPages.length === pdf.pages) {
    record.warnings.push(
      'a scanned PDF: no page has a text layer, so there is no text to import (run text recognition (OCR) on it first)',
    );
    return record;
  }
  if (pdf.scannedPages.length)
    record.warnings.push(
      `pages ${pdf.scannedPages.join(', ')} of the PDF are scans without a text layer; their text is not imported`,
    );
  record.textMeta = metaFromText(pdf.text);
  const meta = mergeMeta(...context.metaLayers, record.textMeta);
  record.metaKey = metaKeyOf(meta);
  const reading = readPageArticles(file, pdf.text, meta);
  record.layout = reading.layout;
  record.articles = reading.articles.map((article) => {
    const region = regionOfLines(pdf.lineRegions, article.source.lineStart, article.source.lineEnd);
    return region ? { ...article, region } : article;
  });
  if (record.articles.length === 0)
    record.warnings.push('no articles found (only headlines, captions or page furniture)');
  return record;
}

/** Parses bytes already read. Pure apart from hashing. */
export function parseRecord(page: FoundPage, bytes: Uint8Array, context: PageContext): FileRecord {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const record: FileRecord = {
    root: page.root,
    file: page.file,
    size: bytes.byteLength,
    mtimeMs: page.mtimeMs,
    sha256,
    format: page.format,
    textMeta: {},
    metaKey: '',
    articles: [],
    warnings: [],
    errors: [],
  };
  if (bytes.byteLength === 0) {
    record.warnings.push('empty file');
    record.metaKey = metaKeyOf(mergeMeta(...context.metaLayers));
    return record;
  }
  if (page.format === 'pdf') return readPdfRecord(record, page.file, context);
  // A web page saved as one file (MHTML): the page is its text/html part.
  let pageBytes = bytes;
  let fileLines: [number, number][] | undefined;
  let url: string | undefined;
  let partCharset: Encoding | undefined;
  if (page.format === 'html' && isMhtml(bytes)) {
    const mhtml = htmlOfMhtml(bytes);
    if (!mhtml || mhtml.bytes.byteLength === 0) {
      record.warnings.push('no text in the file');
      record.metaKey = metaKeyOf(mergeMeta(...context.metaLayers));
      return record;
    }
    ({ bytes: pageBytes, lines: fileLines, url } = mhtml);
    partCharset = charsetOf(mhtml.charset);
  }
  // The charset the part or page declares, unless its bytes are UTF-8 (a default argument).
  const hint =
    context.encodingHint ?? (page.format === 'html' ? htmlCharset(pageBytes, partCharset) : undefined);
  const decoded = decodePage(pageBytes, hint);
  if (!decoded.ok) {
    record.errors.push(decoded.reason);
    return record;
  }
  record.encoding = decoded.encoding;
  const { invalid, controls, questionMarks } = decoded.damage ?? {};
  if (invalid)
    record.warnings.push(
      `damaged bytes: ${invalid.count} sequences no encoding takes were read as U+FFFD, the first at byte ${invalid.firstByte}; the rest of the page was kept`,
    );
  if (controls)
    record.warnings.push(
      `damaged text: ${controls.count} control characters were read as U+FFFD, the first at character ${controls.firstChar}; the rest of the page was kept`,
    );
  if (questionMarks)
    record.warnings.push(
      `possibly damaged: "?" stands between Chinese characters ${questionMarks.count} times, the first at character ${questionMarks.firstChar} (a converter may have replaced bytes it could not map)`,
    );
  if (context.encodingHint && decoded.encoding !== context.encodingHint) {
    record.warnings.push(
      `not valid ${context.encodingHint} as its metadata says; read as ${decoded.encoding}`,
    );
  }
  let text = decoded.text;
  if (page.format === 'table') {
    const meta = mergeMeta(...context.metaLayers);
    record.metaKey = tableKeyOf(context);
    const table = readTable(page.file, text, meta, context.columns);
    record.articles = table.articles;
    record.warnings.push(...table.warnings);
    if (table.error) record.errors.push(table.error);
    return record;
  }
  let lineMap: [number, number][] | undefined;
  if (page.format === 'html') {
    // A saved article page is one article; any other page (an index, a transcription of a
    // printed page) is read as page text below.
    const web = readWebPage(text, url);
    if (web.kind === 'article') {
      const { publication, date, page: pageNo } = web.article;
      record.textMeta = mergeMeta({ publication, date, page: pageNo });
      const meta = mergeMeta(...context.metaLayers, record.textMeta);
      record.metaKey = metaKeyOf(meta);
      record.articles = [webArticle(page.file, web.article, text, meta, fileLines)];
      return record;
    }
    ({ text, lineMap } = htmlToText(text));
    if (fileLines) {
      const lines = fileLines;
      lineMap = lineMap.map(([a, b]): [number, number] => [lines[a - 1]?.[0] ?? a, lines[b - 1]?.[1] ?? b]);
    }
  }
  if (!text.trim()) {
    record.warnings.push('no text in the file');
    record.metaKey = metaKeyOf(mergeMeta(...context.metaLayers));
    return record;
  }
  // A Markdown page may open with YAML front matter: metadata, never an article.
  const front = page.format === 'markdown' ? splitFrontMatter(text) : null;
  if (front?.meta) {
    text = front.body;
    record.warnings.push(...front.warnings);
  }
  const fm = front?.meta ?? null;
  record.textMeta = mergeMeta(
    fm ? { publication: fm.publication, date: fm.date, page: fm.page } : undefined,
    metaFromText(text),
  );
  const meta = mergeMeta(...context.metaLayers, record.textMeta);
  record.metaKey = metaKeyOf(meta);
  const reading = readPageArticles(page.file, text, meta, lineMap, fm);
  record.layout = reading.layout;
  record.articles = reading.articles;
  if (reading.articles.length === 0)
    record.warnings.push('no articles found (only headlines, captions or page furniture)');
  return record;
}

export type ReadOutcome =
  | { kind: 'read'; bytes: Uint8Array; size: number; mtimeMs: number; warnings: string[] }
  | { kind: 'gone' }
  | { kind: 'error'; message: string };

/**
 * Reads the bytes of a page, noticing a change since it was found or while it is read. Only a
 * regular file is read (see safe-read.ts), and never more than `maxBytes` of it.
 */
export async function readBytes(page: FoundPage, maxBytes: number): Promise<ReadOutcome> {
  const opened = await openRegularFile(page.real ?? page.absolute, true);
  if (opened.kind !== 'open') return opened;
  const { handle, stat: before } = opened;
  try {
    const warnings: string[] = [];
    if (before.size > maxBytes) {
      return {
        kind: 'error',
        message: `grew too large for a page while the archive was read (${before.size} bytes)`,
      };
    }
    if (before.size !== page.size || before.mtimeMs !== page.mtimeMs) {
      warnings.push('changed during import; the newer version was read');
    }
    const bytes = await readAtMost(handle, maxBytes, before.size);
    if (bytes.byteLength > maxBytes) {
      return {
        kind: 'error',
        message: `too large for a page: more than ${maxBytes} bytes, although it claims ${before.size}`,
      };
    }
    const after = await handle.stat();
    let mtimeMs = before.mtimeMs;
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes.byteLength !== before.size) {
      warnings.push('changed while it was read; it will be read again next time');
      mtimeMs = -1;
    }
    return { kind: 'read', bytes, size: bytes.byteLength, mtimeMs, warnings };
  } catch (error) {
    return { kind: 'error', message: `cannot read file: ${(error as Error).message}` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
