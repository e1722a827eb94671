/**
 * Publication, date and page of a page file, and the user's corrections of articles.
 *
 * Where metadata comes from, field by field, first found wins:
 *   1. a sidecar next to the page: the page's file name plus `.json`
 *      (`03.txt` → `03.txt.json`):
 *        { "publication": "北碚报", "date": "2023-08-25", "page": "3", "encoding": "gb18030" }
 *   2. a folder manifest `newsstack.json`, in the page's folder or any folder above it inside
 *      the archive (the nearest one first). Its `pages` entries, keyed by path relative to the
 *      manifest's folder, come before its folder-wide fields:
 *        { "publication": "北碚报", "encoding": "gb18030",
 *          "pages": { "0825/03.txt": { "date": "2023-08-25", "page": "3" } } }
 *   3. the file name, then the names of the folders above it:
 *        2023-08-25_北碚报_03.txt, 20230825-03.txt, 北碚报_2023年8月25日_第3版.txt, 2023-08-25/03.txt
 *   4. the text, only where it is safe: a line of its own in the first or last lines of the page
 *      that is a full date (2023年8月25日 星期五), a paper's name (北碚报) or a page (第3版).
 * All fields are optional; unknown fields are ignored with a warning. `date` is YYYY-MM-DD (also
 * accepted: YYYY/M/D, YYYY年M月D日, YYYYMMDD). `page` is a string ("3", "A3"). `encoding` is a
 * hint tried first (utf-8, utf-16le, utf-16be, gb18030 (also gbk, gb2312), big5); it is still
 * decoded strictly.
 */
import type { Article, ArticleCorrection, CorrectableField } from '../../../shared/types';
import type { Encoding } from './decode';
import { withCorrectedText } from '../corrections/text';

export interface PageMeta {
  publication?: string;
  date?: string;
  page?: string;
}

/** Fields of a table (CSV, JSON) that its columns can fill, one article per row. */
export const TABLE_FIELDS = ['title', 'body', 'date', 'publication', 'page', 'author', 'category'] as const;
export type TableField = (typeof TABLE_FIELDS)[number];
/** Which column of a table holds which field, by the column's name: what a sidecar or manifest says. */
export type TableColumns = Partial<Record<TableField, string>>;

export interface PageMetaFile extends PageMeta {
  encoding?: Encoding;
  /** For a table page: the columns to read, where their names do not say (see table.ts). */
  columns?: TableColumns;
}

export interface Manifest extends PageMetaFile {
  pages?: Record<string, PageMetaFile>;
}

export const MANIFEST_NAME = 'newsstack.json';
export const SIDECAR_SUFFIX = '.json';

function isoDate(y: string, m: string, d: string): string | undefined {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const toAscii = (s: string): string =>
  s.replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Reads a date written in any of the usual ways; undefined when it is not a real date. */
export function parseDate(text: string): string | undefined {
  const t = toAscii(text.trim());
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(t) ??
    /^(\d{4})(\d{2})(\d{2})$/u.exec(t);
  return m ? isoDate(m[1], m[2], m[3]) : undefined;
}

export function normalPage(text: string): string | undefined {
  const t = toAscii(text.trim())
    .replace(/^(?:第|p|page)\s*/iu, '')
    .replace(/\s*版$/u, '');
  if (!t || t.length > 8) return undefined;
  return /^\d+$/u.test(t) ? String(Number(t)) : t;
}

/** 2023-08-25_北碚报_03.txt, 20230825-03.txt, 北碚报_2023年8月25日_第3版.txt … */
export function metaFromFileName(fileName: string): PageMeta {
  const base = toAscii(fileName.replace(/\.[^.]+$/u, ''));
  const dateMatch =
    /(?:^|[^0-9])((?:18|19|20|21)\d\d)(?:([-_.年])(\d{1,2})[-_.月](\d{1,2})日?|(\d\d)(\d\d))(?=$|[^0-9])/u.exec(
      base,
    );
  if (!dateMatch) return {};
  const date = dateMatch[2]
    ? isoDate(dateMatch[1], dateMatch[3], dateMatch[4])
    : isoDate(dateMatch[1], dateMatch[5], dateMatch[6]);
  if (!date) return {};
  const rest = (base.slice(0, dateMatch.index) + ' ' + base.slice(dateMatch.index + dateMatch[0].length))
    .split(/[\s_\-.]+/u)
    .filter(Boolean);
  const meta: PageMeta = { date };
  for (const part of rest) {
    const page =
      /^(?:第|p|page)?0*(\d{1,3})(?:版)?$/iu.exec(part) ?? /^([A-Za-z]\d{1,2})(?:版)?$/u.exec(part);
    if (page && !meta.page) meta.page = page[1].replace(/^([A-Za-z])0+(?=\d)/u, '$1');
    else if (/\p{Script=Han}/u.test(part) && !/^第?\d+版$/u.test(part) && !meta.publication)
      meta.publication = part;
  }
  return meta;
}

/** File name first, then the folders above it (archive/北碚报/2023-08-25/03.txt). */
export function metaFromPath(relPath: string): PageMeta {
  const parts = relPath.split('/');
  const meta: PageMeta = { ...metaFromFileName(parts[parts.length - 1]) };
  const name = parts[parts.length - 1].replace(/\.[^.]+$/u, '');
  if (!meta.date && parts.length > 1) {
    const folder = metaFromFileName(parts[parts.length - 2]);
    if (folder.date) {
      Object.assign(meta, { ...folder, ...meta });
      const page = /^(?:第|p|page)?0*(\d{1,3})(?:版)?$/iu.exec(toAscii(name));
      if (page && !meta.page) meta.page = page[1];
    }
  }
  for (const folder of parts.slice(0, -1).reverse()) {
    if (meta.publication) break;
    if (/^[\p{Script=Han}]{2,12}$/u.test(folder) && /报|刊|闻/u.test(folder)) meta.publication = folder;
  }
  return meta;
}

/** Metadata a page prints about itself, from lines of their own at its top or bottom. */
export function metaFromText(text: string): PageMeta {
  const lines = text
    .split(/\r\n|\r|\n/u)
    .map((l) => l.trim())
    .filter(Boolean);
  const edge = [...lines.slice(0, 5), ...lines.slice(-3)];
  const meta: PageMeta = {};
  for (const line of edge) {
    const t = toAscii(line);
    const date = /^(\d{4}年\d{1,2}月\d{1,2}日)\s*(?:星期|周)[一二三四五六日天]$/u.exec(t);
    if (date && !meta.date) meta.date = parseDate(date[1]);
    const page = /^第\s*(\d{1,3})\s*版$/u.exec(t) ?? /^(\d{1,3})\s*版$/u.exec(t);
    if (page && !meta.page) meta.page = String(Number(page[1]));
    if (/^[\p{Script=Han}]{2,8}(?:日报|晚报|早报|时报|周报|报)$/u.test(t) && !meta.publication)
      meta.publication = t;
  }
  if (!meta.date) delete meta.date;
  return meta;
}

/** Merges layers of metadata, the first layer that has a field winning it. */
export function mergeMeta(...layers: (PageMeta | undefined)[]): PageMeta {
  const meta: PageMeta = {};
  for (const field of ['publication', 'date', 'page'] as const) {
    for (const layer of layers) {
      const value = layer?.[field];
      if (value) {
        meta[field] = value;
        break;
      }
    }
  }
  return meta;
}

/**
 * Applies the user's corrections (publication, date, page, title, text), keyed by article id. Ids are
 * stable across re-imports, so the same corrections apply to the same articles after every
 * import; corrections for ids that no longer exist are ignored. Pure: returns new articles.
 */
export function applyCorrections(
  articles: Article[],
  corrections: Record<string, ArticleCorrection> | Map<string, ArticleCorrection>,
): Article[] {
  const lookup = corrections instanceof Map ? corrections : new Map(Object.entries(corrections));
  if (lookup.size === 0) return articles;
  return articles.map((article) => {
    const correction = lookup.get(article.id);
    if (!correction) return article;
    const next: Article = { ...article };
    const corrected = new Set<CorrectableField>(article.corrected ?? []);
    const title = correction.title?.trim();
    if (title) {
      next.title = title;
      delete next.untitled;
      corrected.add('title');
    }
    for (const field of ['publication', 'date', 'page'] as const) {
      const value = correction[field];
      if (value === undefined) continue;
      if (value === null) {
        Reflect.deleteProperty(next, field);
        corrected.add(field);
        continue;
      }
      const clean =
        field === 'date'
          ? parseDate(value)
          : field === 'page'
            ? normalPage(value)
            : value.trim() || undefined;
      if (!clean) continue;
      next[field] = clean;
      corrected.add(field);
    }
    if (correction.textHistory?.length) {
      const withText = withCorrectedText(next, correction.textHistory);
      if (withText !== next) {
        corrected.add('text');
        if (corrected.size) withText.corrected = [...corrected].sort();
        return withText;
      }
    }
    if (corrected.size) next.corrected = [...corrected].sort();
    return next;
  });
}
