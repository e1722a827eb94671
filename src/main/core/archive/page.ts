/**
 * From the text of one page to articles: splits it, gives every article its stable id,
 * metadata and provenance (file and original lines). Pure.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../../../shared/types';
import { metaFromPath, type PageMeta } from './metadata';
import { readPage, type ArticleDraft, type Furniture } from './split';
import type { Layout } from './reflow';

/** sha256 of file, title and paragraphs: the same file and text give the same id after re-import. */
export function articleId(file: string, title: string, paragraphs: string[], occurrence: number): string {
  const hash = createHash('sha256')
    .update(`${file}\n${title}\n${paragraphs.join('\n')}`)
    .digest('hex');
  return occurrence > 0 ? `${hash.slice(0, 16)}-${occurrence}` : hash.slice(0, 16);
}

export interface PageArticles {
  layout: Layout;
  articles: Article[];
  furniture: Furniture[];
}

function withMeta(article: Article, meta: PageMeta): Article {
  const { publication: _p, date: _d, page: _g, ...rest } = article;
  const out: Article = { ...rest };
  if (meta.publication) out.publication = meta.publication;
  if (meta.date) out.date = meta.date;
  if (meta.page) out.page = meta.page;
  return out;
}

/** Replaces the publication, date and page of a page's articles (after a sidecar changed). */
export function applyPageMeta(articles: Article[], meta: PageMeta): Article[] {
  return articles.map((a) => withMeta(a, meta));
}

function toArticle(
  file: string,
  draft: ArticleDraft,
  id: string,
  meta: PageMeta,
  lineMap?: [number, number][],
): Article {
  const lineStart = lineMap ? (lineMap[draft.lineStart - 1]?.[0] ?? draft.lineStart) : draft.lineStart;
  const lineEnd = lineMap ? (lineMap[draft.lineEnd - 1]?.[1] ?? draft.lineEnd) : draft.lineEnd;
  const article: Article = {
    id,
    title: draft.title,
    source: { file, lineStart, lineEnd: Math.max(lineStart, lineEnd) },
    paragraphs: draft.paragraphs,
    text: draft.paragraphs.join('\n\n'),
  };
  for (const key of [
    'untitled',
    'kicker',
    'subtitle',
    'column',
    'byline',
    'authors',
    'sections',
    'captions',
  ] as const) {
    if (draft[key] !== undefined) (article as unknown as Record<string, unknown>)[key] = draft[key];
  }
  return withMeta(article, meta);
}

/**
 * Articles of one page. `lineMap` maps lines of `text` back to lines of the original file
 * (HTML pages); without it they are the same.
 */
export function readPageArticles(
  file: string,
  text: string,
  meta: PageMeta = {},
  lineMap?: [number, number][],
): PageArticles {
  const reading = readPage(text);
  const seen = new Map<string, number>();
  const articles = reading.articles.map((draft) => {
    const base = articleId(file, draft.title, draft.paragraphs, 0);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const id = occurrence ? articleId(file, draft.title, draft.paragraphs, occurrence) : base;
    return toArticle(file, draft, id, meta, lineMap);
  });
  return { layout: reading.layout, articles, furniture: reading.furniture };
}

/** Articles of one page, with metadata from its file name when none is given. */
export function articlesOfPage(file: string, text: string, meta?: PageMeta): Article[] {
  return readPageArticles(file, text, meta ?? metaFromPath(file)).articles;
}
