/**
 * From the text of one page to articles: splits it, gives every article its stable id,
 * metadata and provenance (file and original lines). Pure.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../../../shared/types';
import type { FrontMatter } from './front-matter';
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
 * A file with front matter holds one article: what the page reader would split into several
 * (headings inside it) becomes its sections, and the front matter gives the title, subtitle,
 * authors and tags.
 */
function oneArticle(drafts: ArticleDraft[], front: FrontMatter): ArticleDraft[] {
  if (drafts.length === 0) return [];
  const [head] = drafts;
  const paragraphs: string[] = [];
  const sections: NonNullable<ArticleDraft['sections']> = [];
  const captions: string[] = [];
  drafts.forEach((d, k) => {
    // The first draft's headline is the article's title unless the front matter gives one.
    if (k > 0 || (front.title && d.title && !d.untitled && d.title !== front.title))
      sections.push({ title: d.title, paragraph: paragraphs.length });
    for (const s of d.sections ?? []) sections.push({ ...s, paragraph: s.paragraph + paragraphs.length });
    paragraphs.push(...d.paragraphs);
    captions.push(...(d.captions ?? []));
  });
  const merged: ArticleDraft = {
    ...head,
    title: front.title ?? head.title,
    untitled: front.title ? undefined : head.untitled,
    paragraphs,
    sections: sections.length ? sections : undefined,
    captions: captions.length ? captions : undefined,
    lineEnd: Math.max(...drafts.map((d) => d.lineEnd)),
  };
  if (front.subtitle) merged.subtitle = front.subtitle;
  if (front.authors?.length) {
    merged.authors = front.authors;
    merged.byline = front.authors.join(' ');
  }
  if (!merged.untitled) delete merged.untitled;
  return [merged];
}

/**
 * Articles of one page. `lineMap` maps lines of `text` back to lines of the original file
 * (HTML pages); without it they are the same. With `front` (a Markdown file's front matter, its
 * block already blanked out of `text`) the page is one article described by it.
 */
export function readPageArticles(
  file: string,
  text: string,
  meta: PageMeta = {},
  lineMap?: [number, number][],
  front?: FrontMatter | null,
): PageArticles {
  const reading = readPage(text);
  if (front) reading.articles = oneArticle(reading.articles, front);
  const seen = new Map<string, number>();
  const articles = reading.articles.map((draft) => {
    const base = articleId(file, draft.title, draft.paragraphs, 0);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const id = occurrence ? articleId(file, draft.title, draft.paragraphs, occurrence) : base;
    const article = toArticle(file, draft, id, meta, lineMap);
    if (front?.tags?.length) article.tags = front.tags;
    return article;
  });
  return { layout: reading.layout, articles, furniture: reading.furniture };
}

/** Articles of one page, with metadata from its file name when none is given. */
export function articlesOfPage(file: string, text: string, meta?: PageMeta): Article[] {
  return readPageArticles(file, text, meta ?? metaFromPath(file)).articles;
}
