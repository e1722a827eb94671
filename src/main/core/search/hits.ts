/**
 * What a user sees of a match: the hit with its snippet, and highlight ranges of the original
 * (un-normalised) title and text. Terms are found in the normalised text and mapped back; a
 * snippet maps only the part of a long article it can show.
 */
import type { Article, Range, SearchHit } from '../../../shared/types';
import {
  findAll,
  normalizeWithMap,
  originsFrom,
  toOriginalRange,
  type NormalizedText,
} from '../text/normalize';
import { indexedText } from '../corrections/text';
import type { DocumentStore } from './docstore';
import { parseQuery, positiveTerms, type QueryTerm } from './query';
import { makeSnippet, mergeRanges } from './snippet';

export function makeHit(docs: DocumentStore, slot: number, score: number, terms: QueryTerm[]): SearchHit {
  const article = docs.articleAt(slot) as Article;
  // The index holds the printed passages of a corrected text after it: a match only there shows them.
  const text = indexedText(article);
  const { snippet, highlights } = makeSnippet(text, snippetRanges(docs, slot, text, terms));
  return {
    id: article.id,
    title: article.title,
    publication: article.publication,
    date: article.date,
    page: article.page,
    source: article.source,
    score: Math.round(score * 1000) / 1000,
    snippet,
    highlights,
    titleHighlights: terms.some((t) => docs.normalisedTitle(slot).includes(t.text))
      ? rangesIn(normalizeWithMap(article.title), article.title, terms)
      : [],
  };
}

/**
 * The ranges of the article's text that a snippet can show: every occurrence up to a little
 * past the first one (the snippet is 110 characters from just before it), mapping only that
 * prefix of a long article; the whole text when the first highlight runs on past it.
 */
function snippetRanges(docs: DocumentStore, slot: number, text: string, terms: QueryTerm[]): Range[] {
  const norm = docs.normalisedText(slot);
  let first = -1;
  let longest = 0;
  for (const t of terms) {
    const at = norm.indexOf(t.text);
    if (at !== -1 && (first === -1 || at < first)) first = at;
    longest = Math.max(longest, t.text.length);
  }
  if (first === -1) return [];
  const WINDOW = 240;
  const { origin, end } = originsFrom(text, first, WINDOW, longest);
  const map: NormalizedText = { text: '', origin, originalLength: text.length };
  const ranges: Range[] = [];
  for (const t of terms) {
    // Non-overlapping occurrences from the start, as findAll: the same ones up to `end`.
    for (let at = norm.indexOf(t.text); at !== -1 && at + t.text.length <= end;) {
      if (at >= first) ranges.push(toOriginalRange(map, at - first, at - first + t.text.length, text));
      at = norm.indexOf(t.text, at + t.text.length);
    }
  }
  const merged = mergeRanges(ranges);
  if (end === norm.length) return merged;
  if (merged.length === 0 || merged[0][1] >= origin[0] + WINDOW - 120)
    return rangesIn(normalizeWithMap(text), text, terms);
  return merged;
}

/** Ranges of an article's text and title where any of the terms occur. */
export function highlightArticle(
  article: Pick<Article, 'text' | 'title'>,
  terms: QueryTerm[],
): { text: Range[]; title: Range[] } {
  return {
    text: rangesIn(normalizeWithMap(article.text), article.text, terms),
    title: rangesIn(normalizeWithMap(article.title), article.title, terms),
  };
}

/** Ranges of `original` (whose normalised form is `map`) where any of the terms occur. */
function rangesIn(map: NormalizedText, original: string, terms: QueryTerm[]): Range[] {
  const ranges: Range[] = [];
  for (const term of terms) {
    for (const at of findAll(map.text, term.text))
      ranges.push(toOriginalRange(map, at, at + term.text.length, original));
  }
  return mergeRanges(ranges);
}

/** Where the query's terms occur in the printed text of a corrected article (its originalText). */
export function printedHighlights(text: string, query: string): Range[] {
  return highlightArticle({ text, title: '' }, positiveTerms(parseQuery(query))).text;
}
