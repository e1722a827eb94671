/** Search shapes of the shared contract: options, results with facets and query issues, suggestions. */
import type { SearchResult } from './types';

/** A problem with the query as typed; an 'error' means it could not be answered as typed. */
/** Longest query the core takes (a pasted page is not a query); the UI says so before asking. */
export const MAX_QUERY_LENGTH = 1000;

/** What is wrong with a query, for the UI to say in the user's language (the message is English). */
export type QueryIssueCode =
  | 'unclosed-quote'
  | 'or-without-term-before'
  | 'or-without-term-after'
  | 'bad-date'
  | 'negated-date'
  | 'empty-field'
  | 'empty-phrase'
  | 'negated-publication'
  | 'from-after-to'
  | 'only-exclusions'
  | 'too-long';

export interface QueryIssue {
  severity: 'error' | 'warning';
  code: QueryIssueCode;
  /** The parts the message names (a field, a value, dates), for the translated message. */
  params?: Record<string, string>;
  message: string;
  /** Character range of the query the issue is about. */
  start: number;
  end: number;
}

export type SearchSort = 'relevance' | 'newest' | 'oldest';

export interface SearchOptions {
  limit?: number;
  /** Hits to skip (paging). */
  offset?: number;
  sort?: SearchSort;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  /** Matching articles per publication ('' for none), most first. */
  publication: FacetCount[];
  /** Matching articles per year ('' for undated), newest first. */
  year: FacetCount[];
}

export interface SearchResultEx extends SearchResult {
  sort: SearchSort;
  facets: SearchFacets;
  /** Problems with the query; an 'error' means the query could not be answered as typed. */
  issues: QueryIssue[];
}

export interface Suggestion {
  kind: 'title' | 'term';
  /** Text to show and to put in the search box. */
  text: string;
  /** For a title: the article it belongs to. */
  id?: string;
  /** For a term: in how many articles it was seen (in the sample the vocabulary came from). */
  count?: number;
}

export interface BuildProgress {
  phase: 'normalise' | 'index' | 'suggest' | 'serialise';
  done: number;
  total: number;
}

/** One line of a concordance (keyword in context); see search/concordance.ts. */
export interface ConcordanceLine {
  articleId: string;
  title: string;
  publication?: string;
  date?: string;
  page?: string;
  /** Up to `width` characters before the occurrence, as printed (whitespace collapsed). */
  left: string;
  match: string;
  right: string;
  /** Where the occurrence is in the article's text (for opening the article at it). */
  start: number;
  end: number;
}

export type ConcordanceSort = 'left' | 'right' | 'date' | 'paper' | 'article';

export type TrendGranularity = 'year' | 'month' | 'day';

/** One period of a term trend; see search/trends.ts. */
export interface TrendPoint {
  period: string;
  /** Occurrences of the query's terms in the period's matching articles. */
  occurrences: number;
  /** Articles of the period that match the query. */
  articles: number;
  perMillionCharacters: number;
  perHundredArticles: number;
}
