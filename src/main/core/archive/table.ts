/**
 * Tables of articles: CSV or TSV exports of news databases, JSON Lines, and JSON arrays of
 * records (as crawlers write them), one article per row. Columns are found by their names, in
 * English and Chinese (title/标题, content/正文, date/日期, website/来源 …). Crawler JSON is often
 * malformed (arrays written one after another, a quote left unescaped): every record that can be
 * read is kept, and the others are reported with their position.
 */
import Papa from 'papaparse';
import type { Article } from '../../../shared/types';
import { frontMatterDate } from './front-matter';
import { normalPage, type PageMeta, type TableColumns, type TableField } from './metadata';
import { articleId } from './page';

/** The columns a table may name, with the names news databases and crawlers use for them. */
const COLUMNS = {
  title: ['title', 'headline', 'subject', '标题', '標題', '题目', '題目', '篇名'],
  body: ['content', 'body', 'text', 'article', 'fulltext', 'full_text', '正文', '内容', '內容', '全文'],
  date: [
    'date',
    'published',
    'pubdate',
    'pub_date',
    'publish_date',
    'publishdate',
    'time',
    'datetime',
    '日期',
    '时间',
    '時間',
    '发布时间',
    '發布時間',
    '出版日期',
  ],
  publication: [
    'publication',
    'newspaper',
    'paper',
    'website',
    'source',
    'media',
    'site',
    'journal',
    '报纸',
    '報紙',
    '报刊',
    '来源',
    '來源',
    '媒体',
    '媒體',
  ],
  page: ['page', 'pages', '版次', '版面', '版号'],
  author: ['author', 'authors', 'byline', 'reporter', '作者', '记者', '記者'],
  category: ['category', 'section', 'column', 'channel', '栏目', '欄目', '分类', '類別', '版块'],
} as const;

type Column = keyof typeof COLUMNS;

export interface TableReading {
  articles: Article[];
  warnings: string[];
  /** A reason when no article could be made (no title or body column, nothing readable). */
  error?: string;
}

/** Row values as text, keyed by column name. */
type Row = Record<string, unknown>;

function cell(row: Row, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = row[name];
  if (typeof value === 'string') return value.replaceAll(String.fromCharCode(0), '').trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(String).join('、') || undefined;
  return undefined;
}

/** Which column of the table holds each field, by name. */
function mapColumns(names: string[]): Partial<Record<Column, string>> {
  const byKey = new Map(
    names.map((n) => [
      n
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/gu, '_'),
      n,
    ]),
  );
  const map: Partial<Record<Column, string>> = {};
  for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const found = aliases.map((a) => byKey.get(a)).find((n) => n !== undefined);
    if (found !== undefined) map[column] = found;
  }
  return map;
}

/**
 * Splits text holding JSON records (arrays one after another, JSON Lines, a missing "]") into
 * the top-level objects, by brace depth outside strings; brackets are ignored, so a record is
 * found wherever its array was cut.
 */
function jsonRecords(text: string): { source: string; at: number }[] {
  const records: { source: string; at: number }[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) records.push({ source: text.slice(start, i + 1), at: start });
    }
  }
  if (depth > 0 && start >= 0) records.push({ source: text.slice(start), at: start });
  return records;
}

/**
 * The objects in a chunk that is not valid JSON: an unescaped quote upsets every string after
 * it, so the chunk is cut where one record ends and the next begins ("}, {", "}][{") and each
 * piece is tried on its own.
 */
function salvage(source: string, at: number): { rows: Row[]; bad: number[] } {
  const rows: Row[] = [];
  const bad: number[] = [];
  const cuts = [0];
  for (const m of source.matchAll(/\}\s*[,\][]*\s*(?=\{)/gu)) cuts.push((m.index ?? 0) + m[0].length);
  cuts.push(source.length);
  for (let k = 0; k + 1 < cuts.length; k++) {
    const piece = source.slice(cuts[k], cuts[k + 1]).replace(/[\s,\][]+$/u, '');
    if (!piece.trim()) continue;
    try {
      const value: unknown = JSON.parse(piece);
      if (value && typeof value === 'object' && !Array.isArray(value)) rows.push(value as Row);
    } catch {
      bad.push(at + cuts[k]);
    }
  }
  return { rows, bad };
}

/** Rows of a JSON document: an array of records, several arrays one after another, or JSON Lines. */
function jsonRows(text: string, warnings: string[]): Row[] {
  const whole = text.trim();
  try {
    const value: unknown = JSON.parse(whole);
    if (Array.isArray(value)) return value.filter((r): r is Row => !!r && typeof r === 'object');
    if (value && typeof value === 'object') {
      // { "articles": [ … ] } and the like: the first array of records in it.
      const inner = Object.values(value).find(
        (v) => Array.isArray(v) && v.some((r) => r && typeof r === 'object'),
      );
      return inner
        ? (inner as unknown[]).filter((r): r is Row => !!r && typeof r === 'object')
        : [value as Row];
    }
  } catch {
    // Not one document: JSON Lines, or records to recover one by one.
  }
  const rows: Row[] = [];
  const bad: number[] = [];
  for (const { source, at } of jsonRecords(text)) {
    try {
      const value: unknown = JSON.parse(source);
      if (value && typeof value === 'object' && !Array.isArray(value)) rows.push(value as Row);
    } catch {
      const saved = salvage(source, at);
      rows.push(...saved.rows);
      bad.push(...saved.bad);
    }
  }
  if (bad.length)
    warnings.push(
      `${bad.length} records are not valid JSON and were skipped, the first at character ${bad[0]}`,
    );
  return rows;
}

function csvRows(text: string, warnings: string[]): { rows: Row[]; lines: number[] } {
  const delimiter = text.slice(0, 2000).split('\n')[0].includes('\t') ? '\t' : undefined;
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: 'greedy', delimiter });
  const bad = parsed.errors.filter((e) => e.type !== 'Delimiter');
  if (bad.length)
    warnings.push(`${bad.length} rows could not be read as CSV, the first at row ${(bad[0].row ?? 0) + 2}`);
  // The line each record starts on (header is line 1), for provenance.
  const lines: number[] = [];
  let line = 2;
  for (const row of parsed.data) {
    lines.push(line);
    for (const v of Object.values(row)) if (typeof v === 'string') line += (v.match(/\n/gu) ?? []).length;
    line++;
  }
  return { rows: parsed.data, lines };
}

/**
 * Reads a table page into articles, one per row with a title or a body. `chosen` names columns
 * where their names do not say what they hold (a sidecar's or manifest's `columns`); it wins over
 * the names.
 */
export function readTable(
  file: string,
  text: string,
  meta: PageMeta,
  chosen: TableColumns = {},
): TableReading {
  const warnings: string[] = [];
  const lower = file.toLowerCase();
  const isJson = /\.(?:json|jsonl|ndjson)$/u.test(lower) || /^\s*[[{]/u.test(text);
  const { rows, lines } = isJson
    ? { rows: jsonRows(text, warnings), lines: [] as number[] }
    : csvRows(text, warnings);
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns: Partial<Record<Column, string>> = mapColumns(names);
  for (const [field, name] of Object.entries(chosen) as [TableField, string][]) {
    const found =
      names.find((n) => n === name) ?? names.find((n) => n.trim().toLowerCase() === name.toLowerCase());
    if (found !== undefined) columns[field] = found;
    else if (rows.length)
      warnings.push(
        `the metadata names column "${name}" for ${field}, but the table has no such column (it has ${names.slice(0, 12).join(', ')})`,
      );
  }
  if (!columns.title && !columns.body) {
    return {
      articles: [],
      warnings,
      error: rows.length
        ? `no title or body column among ${names.slice(0, 12).join(', ')}; name them title and content (or 标题 and 正文), or name them in the "columns" of a sidecar`
        : 'no records found in the table',
    };
  }
  const articles: Article[] = [];
  const seen = new Map<string, number>();
  let untitled = 0;
  rows.forEach((row, k) => {
    const body = cell(row, columns.body) ?? '';
    const paragraphs = body
      .split(/\r?\n\s*\r?\n|\r?\n/u)
      .map((p) => p.trim())
      .filter(Boolean);
    let title = cell(row, columns.title)?.replace(/\s+/gu, ' ');
    if (!title && paragraphs.length === 0) return;
    if (!title) {
      untitled++;
      title = (paragraphs[0] ?? '').slice(0, 30);
    }
    const base = articleId(file, title, paragraphs, 0);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const line = lines[k] ?? k + 1;
    const article: Article = {
      id: occurrence ? articleId(file, title, paragraphs, occurrence) : base,
      title,
      source: { file, lineStart: line, lineEnd: line },
      paragraphs,
      text: paragraphs.join('\n\n'),
    };
    const publication = cell(row, columns.publication) ?? meta.publication;
    if (publication) article.publication = publication;
    const rawDate = cell(row, columns.date);
    const date = (rawDate && frontMatterDate(rawDate)) ?? meta.date;
    if (date) article.date = date;
    const page = (cell(row, columns.page) && normalPage(cell(row, columns.page) ?? '')) || meta.page;
    if (page) article.page = page;
    const author = cell(row, columns.author);
    if (author) {
      article.byline = author;
      article.authors = author.split(/[\s、，,;；/]+/u).filter(Boolean);
    }
    const category = cell(row, columns.category);
    if (category) article.tags = [category];
    if (occurrence === 0 || body) articles.push(article);
  });
  if (untitled) warnings.push(`${untitled} rows have no title; their first words were used`);
  return { articles, warnings };
}
