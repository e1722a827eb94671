/**
 * Full-text index over articles. MiniSearch holds each article's distinct character bigrams of
 * the normalised text, which narrows a query down to candidates; every candidate is then
 * verified against the normalised text, so a hit always contains the query contiguously and no
 * article that contains it is missed. Owns ranking and snippets; knows nothing about files.
 */
import MiniSearch from 'minisearch';
import type { Article, Range, SearchHit, SearchResult } from '../../../shared/types';
import {
  findAll,
  normalize,
  normalizeWithMap,
  toOriginalRange,
  type NormalizedText,
} from '../text/normalize';
import { makeSnippet, mergeRanges } from './snippet';

/** Bump when the tokeniser or the stored shape changes: a persisted index of another version is rebuilt. */
export const INDEX_FORMAT = 1;

interface IndexedDoc {
  id: string;
  title: string;
  text: string;
}

interface Prepared {
  article: Article;
  title: NormalizedText;
  text: NormalizedText;
}

function distinctGrams(normalized: string): string[] {
  const chars = Array.from(normalized);
  if (chars.length === 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return [...grams];
}

const MINI_OPTIONS = {
  fields: ['title', 'text'],
  idField: 'id',
  tokenize: (text: string): string[] => distinctGrams(text),
  processTerm: (term: string): string => term,
  searchOptions: { tokenize: (text: string): string[] => [text], prefix: false, fuzzy: false },
};

/** Splits a query into terms: whitespace separates them, each is matched contiguously. */
export function queryTerms(query: string): string[] {
  const terms = query
    .split(/\s+/u)
    .map((t) => normalize(t))
    .filter((t) => t.length > 0);
  return [...new Set(terms)];
}

export class ArticleIndex {
  private readonly byId = new Map<string, Prepared>();

  private constructor(
    private readonly mini: MiniSearch<IndexedDoc>,
    articles: Article[],
  ) {
    for (const article of articles) {
      this.byId.set(article.id, {
        article,
        title: normalizeWithMap(article.title),
        text: normalizeWithMap(article.text),
      });
    }
  }

  static build(articles: Article[]): ArticleIndex {
    const mini = new MiniSearch<IndexedDoc>(MINI_OPTIONS);
    const index = new ArticleIndex(mini, articles);
    for (const p of index.byId.values()) {
      mini.add({ id: p.article.id, title: p.title.text, text: p.text.text });
    }
    return index;
  }

  static fromJSON(json: string, articles: Article[]): ArticleIndex {
    return new ArticleIndex(MiniSearch.loadJSON<IndexedDoc>(json, MINI_OPTIONS), articles);
  }

  toJSON(): unknown {
    return this.mini.toJSON();
  }

  get size(): number {
    return this.byId.size;
  }

  private candidates(term: string): Iterable<Prepared> {
    const grams = distinctGrams(term);
    if (term.length < 2) {
      // A single character is not a bigram: scan, which is exact and fast enough for one character.
      return [...this.byId.values()].filter((p) => p.text.text.includes(term) || p.title.text.includes(term));
    }
    const found = this.mini.search({ combineWith: 'AND', queries: grams });
    return found.map((r) => this.byId.get(String(r.id))).filter((p): p is Prepared => p !== undefined);
  }

  /** Ranges of `original` (whose normalised form is `map`) where any of the terms occur. */
  private static rangesIn(map: NormalizedText, original: string, terms: string[]): Range[] {
    const ranges: Range[] = [];
    for (const term of terms) {
      for (const at of findAll(map.text, term)) {
        ranges.push(toOriginalRange(map, at, at + term.length, original));
      }
    }
    return mergeRanges(ranges);
  }

  search(query: string, limit = 50): SearchResult {
    const terms = queryTerms(query);
    if (terms.length === 0) return { query, total: 0, hits: [] };
    // Start from the rarest-looking term (the longest) to keep the candidate set small.
    const ordered = [...terms].sort((a, b) => b.length - a.length);
    let pool: Prepared[] = [...this.candidates(ordered[0])];
    for (const term of ordered.slice(1)) {
      const ids = new Set([...this.candidates(term)].map((p) => p.article.id));
      pool = pool.filter((p) => ids.has(p.article.id));
    }
    const scored: { p: Prepared; score: number }[] = [];
    const n = this.byId.size;
    for (const p of pool) {
      let score = 0;
      let matched = true;
      for (const term of terms) {
        const inTitle = findAll(p.title.text, term).length;
        const inText = findAll(p.text.text, term).length;
        if (inTitle + inText === 0) {
          matched = false;
          break;
        }
        const idf = Math.log(1 + n / Math.max(1, pool.length));
        score += idf * (3 * inTitle + Math.log1p(inText));
      }
      if (matched) scored.push({ p, score });
    }
    scored.sort((a, b) => b.score - a.score || a.p.article.id.localeCompare(b.p.article.id));
    const hits: SearchHit[] = scored.slice(0, limit).map(({ p, score }) => {
      const { article } = p;
      const ranges = ArticleIndex.rangesIn(p.text, article.text, terms);
      const { snippet, highlights } = makeSnippet(article.text, ranges);
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
        titleHighlights: ArticleIndex.rangesIn(p.title, article.title, terms),
      };
    });
    return { query, total: scored.length, hits };
  }

  /** Ranges of the article's text and title where the query's terms occur. */
  highlight(id: string, query: string): { text: Range[]; title: Range[] } {
    const p = this.byId.get(id);
    if (!p) return { text: [], title: [] };
    const terms = queryTerms(query);
    return {
      text: ArticleIndex.rangesIn(p.text, p.article.text, terms),
      title: ArticleIndex.rangesIn(p.title, p.article.title, terms),
    };
  }
}
