/**
 * Articles as catalogue rows and back. The text is stored once: paragraphs are kept as their
 * lengths when the text is the paragraphs joined by blank lines (as the importer makes it), so an
 * article costs its text plus a little JSON, not two copies of the text.
 */
import type { Article, ArticleSummary } from '../../../shared/types';
import type { FileRecord } from '../archive';

export interface ArticleRow {
  slot: number;
  id: string;
  file_id: number;
  ord: number;
  title: string;
  text: string;
  publication: string | null;
  date: string | null;
  page: string | null;
  line_start: number;
  line_end: number;
  extra: string;
  /** The page file, relative to its folder (joined from files). */
  file: string;
}

export type SummaryRow = Omit<ArticleRow, 'text' | 'extra' | 'file_id' | 'ord' | 'slot'>;

const SEPARATOR = '\n\n';

type Extra = Omit<
  Article,
  'id' | 'title' | 'text' | 'paragraphs' | 'publication' | 'date' | 'page' | 'source'
> & {
  /** Paragraph lengths, when the text is the paragraphs joined by blank lines. */
  lengths?: number[];
  /** The paragraphs themselves otherwise. */
  paragraphs?: string[];
};

export function encodeExtra(article: Article): string {
  const {
    id: _id,
    title: _title,
    text,
    paragraphs,
    publication: _publication,
    date: _date,
    page: _page,
    source: _source,
    corrected: _corrected,
    ...rest
  } = article;
  const extra: Extra = rest;
  if (paragraphs.join(SEPARATOR) === text) extra.lengths = paragraphs.map((p) => p.length);
  else extra.paragraphs = paragraphs;
  return JSON.stringify(extra);
}

function paragraphsOf(text: string, extra: Extra): string[] {
  if (extra.paragraphs) return extra.paragraphs;
  const out: string[] = [];
  let at = 0;
  for (const length of extra.lengths ?? []) {
    out.push(text.slice(at, at + length));
    at += length + SEPARATOR.length;
  }
  return out;
}

export function summaryOf(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    ...(row.publication !== null ? { publication: row.publication } : {}),
    ...(row.date !== null ? { date: row.date } : {}),
    ...(row.page !== null ? { page: row.page } : {}),
    source: { file: row.file, lineStart: row.line_start, lineEnd: row.line_end },
  };
}

/** The article as the importer made it (corrections are applied by the catalogue). */
export function articleOf(row: ArticleRow): Article {
  const parsed = JSON.parse(row.extra) as Extra;
  const { lengths: _lengths, paragraphs: _paragraphs, ...extra } = parsed;
  return { ...summaryOf(row), ...extra, paragraphs: paragraphsOf(row.text, parsed), text: row.text };
}

/** The columns of a file row (everything but the articles, which have their own rows). */
export function fileColumns(record: FileRecord): Record<string, string | number | null> {
  return {
    file: record.file,
    size: record.size,
    mtime_ms: record.mtimeMs,
    sha256: record.sha256,
    format: record.format,
    encoding: record.encoding ?? null,
    layout: record.layout ?? null,
    text_meta: JSON.stringify(record.textMeta),
    meta_key: record.metaKey,
    warnings: JSON.stringify(record.warnings),
    errors: JSON.stringify(record.errors),
  };
}

export interface FileRow {
  id: number;
  file: string;
  size: number;
  mtime_ms: number;
  sha256: string;
  format: FileRecord['format'];
  encoding: string | null;
  layout: string | null;
  text_meta: string;
  meta_key: string;
  warnings: string;
  errors: string;
}

/** A lite record (no articles; see FileRecord.lite) for the importer to compare pages against. */
export function liteRecord(root: string, row: FileRow): FileRecord {
  const record: FileRecord = {
    root,
    file: row.file,
    size: row.size,
    mtimeMs: row.mtime_ms,
    sha256: row.sha256,
    format: row.format,
    textMeta: JSON.parse(row.text_meta) as FileRecord['textMeta'],
    metaKey: row.meta_key,
    articles: [],
    warnings: JSON.parse(row.warnings) as string[],
    errors: JSON.parse(row.errors) as string[],
    lite: true,
  };
  if (row.encoding) record.encoding = row.encoding as FileRecord['encoding'];
  if (row.layout) record.layout = row.layout as FileRecord['layout'];
  return record;
}
