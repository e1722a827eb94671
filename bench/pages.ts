/**
 * Archives of page files for the end-to-end bench, written into a temporary folder: the People's
 * Daily pages (read by path from ../shared, never copied into the repository) written again into
 * year folders until the archive holds the requested number of articles, each folder with a
 * `newsstack.json` manifest that moves its pages' dates to its year; or, when that corpus is
 * absent, the synthetic articles of corpus.ts written as page files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { normalize } from '../src/main/core/text/normalize';
import { synthetic } from './corpus';

export const PD1998_PAGES = path.resolve(import.meta.dirname, '../../shared/corpora/pd1998/pages');

export interface Query {
  q: string;
  kind: string;
}

export interface PageArchive {
  dir: string;
  source: 'pd1998' | 'synthetic';
  /** Why the synthetic generator was used, when it was. */
  note?: string;
  files: number;
  folders: number;
  bytes: number;
  /** Articles as the pages are written (blocks between blank lines); the import may split otherwise. */
  articles: number;
  /** One query of each kind: frequent, phrase, multi, mixed, rare. */
  queries: Query[];
}

interface Page {
  name: string;
  text: string;
  articles: number;
}

const blocks = (text: string): string[] => text.split(/\n[ \t\u3000]*\n/u).filter((b) => b.trim());

/** The pd1998 pages in date and page order; empty when ../shared is absent. */
function pdPages(): Page[] {
  if (!existsSync(PD1998_PAGES)) return [];
  return readdirSync(PD1998_PAGES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(PD1998_PAGES, name), 'utf8');
      return { name, text, articles: blocks(text).length };
    });
}

/** Years 1998, 1999, … 2199 (the last year a date may have), then 1800 onwards: 400 distinct years. */
const yearOf = (copy: number): number => 1800 + ((198 + copy) % 400);

/** Five Han characters from the middle of a page: a query that matches only a few articles. */
function rareQuery(texts: string[]): string {
  for (let k = 0; k < texts.length; k++) {
    const text = normalize(texts[(k * 7919 + 139) % texts.length]);
    const m = /\p{Script=Han}{5}/u.exec(text.slice(text.length >> 1));
    if (m) return m[0];
  }
  return '社会主义市场';
}

function queries(phrase: string, mixed: string, texts: string[]): Query[] {
  return [
    { q: '发展', kind: 'frequent' },
    { q: phrase, kind: 'phrase' },
    { q: '经济 发展', kind: 'multi' },
    { q: mixed, kind: 'mixed' },
    { q: rareQuery(texts), kind: 'rare' },
  ];
}

function writePd(dir: string, size: number, pages: Page[]): PageArchive {
  let articles = 0;
  let files = 0;
  let bytes = 0;
  let copy = 0;
  while (articles < size) {
    const year = yearOf(copy++);
    const folder = path.join(dir, String(year));
    mkdirSync(folder, { recursive: true });
    const manifest: { publication: string; pages: Record<string, { date: string }> } = {
      publication: '人民日报',
      pages: {},
    };
    for (const page of pages) {
      if (articles >= size) break;
      writeFileSync(path.join(folder, page.name), page.text);
      manifest.pages[page.name] = { date: `${year}${page.name.slice(4, 10)}` };
      articles += page.articles;
      bytes += Buffer.byteLength(page.text);
      files++;
    }
    writeFileSync(path.join(folder, 'newsstack.json'), JSON.stringify(manifest, null, 1));
  }
  return {
    dir,
    source: 'pd1998',
    files,
    folders: copy,
    bytes,
    articles,
    queries: queries(
      '改革开放',
      '1997年',
      pages.map((p) => p.text),
    ),
  };
}

const ARTICLES_PER_PAGE = 10;
const PAGES_PER_FOLDER = 100;

function writeSynthetic(dir: string, size: number, note: string): PageArchive {
  const articles = synthetic(size);
  let bytes = 0;
  let files = 0;
  for (let at = 0; at < articles.length; at += ARTICLES_PER_PAGE) {
    const group = articles.slice(at, at + ARTICLES_PER_PAGE);
    const text = `${group.map((a) => [a.title, ...a.paragraphs].join('\n')).join('\n\n')}\n`;
    const folder = path.join(dir, String(Math.floor(files / PAGES_PER_FOLDER)));
    mkdirSync(folder, { recursive: true });
    const page = String((files % PAGES_PER_FOLDER) + 1).padStart(2, '0');
    writeFileSync(path.join(folder, `${group[0].date}_${group[0].publication}_${page}.txt`), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  return {
    dir,
    source: 'synthetic',
    note,
    files,
    folders: Math.ceil(files / PAGES_PER_FOLDER),
    bytes,
    articles: articles.length,
    queries: queries(
      '科技创新',
      '5G',
      articles.slice(0, 1000).map((a) => a.text),
    ),
  };
}

/** Writes an archive of about `size` articles (at least that many) into the empty folder `dir`. */
export function writeArchive(dir: string, size: number): PageArchive {
  mkdirSync(dir, { recursive: true });
  const pages = pdPages();
  if (pages.length) return writePd(dir, size, pages);
  return writeSynthetic(dir, size, `${PD1998_PAGES} is absent: synthetic articles written as page files`);
}

/**
 * Five pd1998-like pages in `dir`, dated 2030-06-0N by their names, each starting with an article
 * that holds `marker`; synthetic sentences stand in for the page text without the corpus.
 */
export function writeMarkerPages(dir: string, marker: string, count = 5): string[] {
  mkdirSync(dir, { recursive: true });
  const pages = pdPages();
  const fallback = synthetic(count * ARTICLES_PER_PAGE).map((a) => [a.title, ...a.paragraphs].join('\n'));
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    const body =
      pages[(k * 37) % Math.max(1, pages.length)]?.text ??
      fallback.slice(k * ARTICLES_PER_PAGE, (k + 1) * ARTICLES_PER_PAGE).join('\n\n');
    const lead = `新增版面第${k + 1}篇\n本版今日新增内容，检索标记${marker}，用于测量新增页面多久可以检索到。\n\n`;
    const name = `2030-06-0${k + 1}_人民日报_01.txt`;
    writeFileSync(path.join(dir, name), lead + body);
    names.push(name);
  }
  return names;
}
