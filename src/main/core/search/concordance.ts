/**
 * Keyword in context: every occurrence of a query's terms across the articles that match it,
 * with the text before and after, as linguists and historians read a term across an archive
 * (AntConc, Trove, CNKI). Occurrences are found as search finds them (normalised: traditional =
 * simplified, width, case) and shown as printed, whitespace collapsed.
 */
import type { ConcordanceLine, ConcordanceSort } from '../../../shared/search-types';
import type { Article } from '../../../shared/types';
import { findAll, normalizeWithMap, toOriginalRange } from '../text/normalize';
import { parseQuery, positiveTerms } from './query';

export type { ConcordanceLine, ConcordanceSort };

const collapse = (s: string): string => s.replace(/\s+/gu, ' ');

/** The occurrences of the query's terms in these articles, in article order. */
export function concordanceLines(articles: readonly Article[], query: string, width = 30): ConcordanceLine[] {
  const terms = positiveTerms(parseQuery(query));
  if (terms.length === 0) return [];
  const lines: ConcordanceLine[] = [];
  for (const article of articles) {
    // Each occurrence on its own line (highlights merge the ones that touch).
    const map = normalizeWithMap(article.text);
    const ranges = terms
      .flatMap((t) =>
        findAll(map.text, t.text).map((at) => toOriginalRange(map, at, at + t.text.length, article.text)),
      )
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [start, end] of ranges) {
      const line: ConcordanceLine = {
        articleId: article.id,
        title: article.title,
        left: collapse(article.text.slice(Math.max(0, start - width * 2), start))
          .slice(-width)
          .trimStart(),
        match: collapse(article.text.slice(start, end)),
        right: collapse(article.text.slice(end, end + width * 2))
          .slice(0, width)
          .trimEnd(),
        start,
        end,
      };
      if (article.publication) line.publication = article.publication;
      if (article.date) line.date = article.date;
      if (article.page) line.page = article.page;
      lines.push(line);
    }
  }
  return lines;
}

const reversed = (s: string): string => Array.from(s).reverse().join('');
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts lines as a concordance does: by the words just left of the match (read right to left),
 * by the words just right of it, by date, or by paper (then date); ties keep article order.
 */
export function sortConcordance(lines: ConcordanceLine[], sort: ConcordanceSort): ConcordanceLine[] {
  if (sort === 'article') return lines;
  const key = (l: ConcordanceLine): string[] => {
    if (sort === 'left') return [reversed(l.left), l.match];
    if (sort === 'right') return [l.match, l.right];
    if (sort === 'date') return [l.date ?? '\uffff', l.publication ?? ''];
    return [l.publication ?? '\uffff', l.date ?? '\uffff'];
  };
  return lines
    .map((line, k) => ({ line, k, key: key(line) }))
    .sort((a, b) => compare(a.key[0], b.key[0]) || compare(a.key[1], b.key[1]) || a.k - b.k)
    .map((x) => x.line);
}
