/**
 * YAML front matter of Markdown pages (as Hugo, Jekyll, Obsidian and many exporters write it):
 * a block between `---` lines at the very top. Its title, date, author, tags and paper describe
 * the file's one article; the block itself is never text of the page. Parsed with `yaml` (YAML
 * 1.2 core schema: dates stay strings, nothing is executed).
 */
import { parseDocument } from 'yaml';
import { normalPage, parseDate } from './metadata';

export interface FrontMatter {
  title?: string;
  subtitle?: string;
  date?: string;
  authors?: string[];
  tags?: string[];
  publication?: string;
  page?: string;
}

export interface FrontMatterSplit {
  /** What the block said, or null when the page has none. */
  meta: FrontMatter | null;
  /** The page with the block's lines left blank, so that line numbers still point into the file. */
  body: string;
  warnings: string[];
}

/** The first key present, in the order given (English and Chinese names exporters use). */
const FIELDS: Record<keyof FrontMatter, string[]> = {
  title: ['title', '标题', '題目', '标题名'],
  subtitle: ['subtitle', 'description', '副题', '副標題'],
  date: [
    'date',
    'published',
    'pubDate',
    'publish_date',
    'publishDate',
    'created',
    '日期',
    '发布日期',
    '出版日期',
  ],
  authors: ['author', 'authors', 'byline', '作者', '记者', '記者'],
  tags: ['tags', 'tag', 'keywords', 'categories', '标签', '標籤', '关键词'],
  publication: [
    'publication',
    'newspaper',
    'paper',
    'source',
    'media',
    'site',
    '报纸',
    '報紙',
    '来源',
    '來源',
    '媒体',
  ],
  page: ['page', '版次', '版面'],
};

/** Lines after the opening `---` that a front matter block may take before it is not one. */
const MAX_LINES = 200;

function strings(value: unknown): string[] {
  if (typeof value === 'string' || typeof value === 'number') {
    return String(value)
      .split(/[,，、;；]/u)
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (Array.isArray(value)) return value.flatMap((v) => strings(v));
  if (value && typeof value === 'object' && 'name' in value)
    return strings((value as { name: unknown }).name);
  return [];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** 2005-03-21, 2005-03-21T11:21:00+08:00, 2005/3/21 11:21, 2005年3月21日 → 2005-03-21. */
export function frontMatterDate(value: string): string | undefined {
  const day = /^\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)/u.exec(value.normalize('NFKC'));
  return day ? parseDate(day[1]) : undefined;
}

export function splitFrontMatter(source: string): FrontMatterSplit {
  const lines = source.split(/\r\n|\r|\n/u);
  const first = (lines[0] ?? '').replace(/^\uFEFF/u, '');
  if (first.trim() !== '---') return { meta: null, body: source, warnings: [] };
  let end = -1;
  for (let i = 1; i < Math.min(lines.length, MAX_LINES + 1); i++) {
    if (/^(?:---|\.\.\.)\s*$/u.test(lines[i])) {
      end = i;
      break;
    }
  }
  // A page that opens with a rule and never closes it has no front matter.
  if (end < 0) return { meta: null, body: source, warnings: [] };
  const body = [...lines.slice(0, end + 1).map(() => ''), ...lines.slice(end + 1)].join('\n');
  const doc = parseDocument(lines.slice(1, end).join('\n'), { prettyErrors: false, uniqueKeys: false });
  const warnings: string[] = [];
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = (e.linePos?.[0]?.line ?? 0) + 1;
    warnings.push(`front matter is not valid YAML (line ${line}, ${e.code}); its fields were ignored`);
    return { meta: {}, body, warnings };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // Errors only found when building values: an unresolved alias, an alias bomb.
    warnings.push(`front matter is not valid YAML (${(error as Error).message}); its fields were ignored`);
    return { meta: {}, body, warnings };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    if (data !== null && data !== undefined) warnings.push('front matter is not a list of fields; ignored');
    return { meta: {}, body, warnings };
  }
  const record = data as Record<string, unknown>;
  const pick = (field: keyof FrontMatter): unknown => {
    const key = FIELDS[field].find((k) => record[k] !== undefined && record[k] !== null && record[k] !== '');
    return key === undefined ? undefined : record[key];
  };
  const meta: FrontMatter = {};
  const title = text(pick('title'));
  if (title) meta.title = title;
  const subtitle = text(pick('subtitle'));
  if (subtitle) meta.subtitle = subtitle;
  const rawDate = pick('date');
  if (rawDate !== undefined) {
    const date = typeof rawDate === 'string' ? frontMatterDate(rawDate) : undefined;
    if (date) meta.date = date;
    else warnings.push(`front matter date "${String(rawDate)}" is not a date; ignored`);
  }
  const authors = strings(pick('authors'));
  if (authors.length) meta.authors = [...new Set(authors)];
  const tags = strings(pick('tags'));
  if (tags.length) meta.tags = [...new Set(tags)];
  const publication = text(pick('publication'));
  if (publication) meta.publication = publication;
  const rawPage = pick('page');
  const page = rawPage === undefined ? undefined : normalPage(String(rawPage));
  if (page) meta.page = page;
  return { meta, body, warnings };
}
