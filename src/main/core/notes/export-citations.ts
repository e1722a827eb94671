/**
 * Citation files (RIS, BibTeX, CSL-JSON) of noted articles and of search results. The formats are
 * pure functions in src/shared/citation-formats; this file picks the articles and names the file.
 */
import type { CitableArticle } from '../../../shared/citation';
import {
  CITATION_FILE_TYPES,
  CITE_SEARCH_LIMIT,
  formatCitations,
  type CitationFormat,
} from '../../../shared/citation-formats';
import type { ExportResult, Input } from '../../../shared/contract';
import type { SearchOptions, SearchResultEx } from '../../../shared/search-types';
import { groupByArticle, type Selection } from './collect';
import type { ArticleMeta } from './types';

const HAN = /\p{Script=Han}/u;

/**
 * An article as a citation. The language is said only when the title or the paper is written in
 * Han characters (the archive's papers are Chinese, but a title alone in Latin letters is not).
 */
export function citableArticle(a: ArticleMeta): CitableArticle {
  return {
    id: a.id,
    title: a.title,
    ...(a.authors?.length ? { authors: a.authors } : {}),
    ...(a.publication ? { publication: a.publication } : {}),
    ...(a.date ? { date: a.date } : {}),
    ...(a.page ? { page: a.page } : {}),
    ...(HAN.test(`${a.title}${a.publication ?? ''}`) ? { language: 'zh' } : {}),
  };
}

/**
 * The cited articles of a notes selection: bookmarked articles and the articles of annotations,
 * each once, in the order of the other exports (oldest first). Saved searches cite no article.
 * Metadata comes from `fresh` when given; authors fall back to what the notes remembered, since
 * a host may pass summaries of the archive, which carry no byline.
 */
export function toCitations(
  selection: Selection,
  format: CitationFormat,
  fresh?: ReadonlyMap<string, ArticleMeta>,
): string {
  const remembered = new Map<string, readonly string[]>();
  for (const meta of [
    ...selection.bookmarks.flatMap((b) => (b.kind === 'article' ? [b.article] : [])),
    ...selection.annotations.map((a) => a.article),
  ]) {
    if (meta.authors?.length && !remembered.has(meta.id)) remembered.set(meta.id, meta.authors);
  }
  const articles = groupByArticle(selection, fresh).map(({ article }) => {
    const authors = article.authors?.length ? article.authors : remembered.get(article.id);
    return citableArticle({ ...article, ...(authors?.length ? { authors: [...authors] } : {}) });
  });
  return formatCitations(format, articles);
}

export interface CiteSearchHost {
  search(query: string, options: SearchOptions): Promise<SearchResultEx>;
  /** Full metadata (with bylines) of these articles; ids it does not know are left out. */
  articles(ids: readonly string[]): Promise<readonly ArticleMeta[]>;
  /** Shows a save dialog and writes the file; null when the user cancelled. Desktop hosts only. */
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
}

/** `search:cite`: the hits of a query, best first (or in the order asked), as one citation file. */
export async function citeSearch(input: Input<'search:cite'>, host: CiteSearchHost): Promise<ExportResult> {
  const result = await host.search(input.query, {
    limit: input.limit ?? CITE_SEARCH_LIMIT,
    sort: input.sort,
  });
  const full = new Map((await host.articles(result.hits.map((h) => h.id))).map((a) => [a.id, a]));
  const content = formatCitations(
    input.format,
    result.hits.map((hit) => citableArticle(full.get(hit.id) ?? hit)),
  );
  const type = CITATION_FILE_TYPES[input.format];
  const fileName = `newsstack-citations-${new Date().toISOString().slice(0, 10)}.${type.extension}`;
  if (input.save && host.saveFile) {
    const savedTo = await host.saveFile(fileName, content);
    return savedTo ? { fileName, mime: type.mime, savedTo } : { fileName, mime: type.mime, cancelled: true };
  }
  return { fileName, mime: type.mime, content };
}
