/**
 * Result shapes the search adds to the shared contract. They extend SearchResult, so hosts that
 * only know the contract keep working; the lead moves them into src/shared/types.ts when wiring.
 */
import type { SearchResult } from '../../../shared/types';
import type { QueryIssue } from './query';

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
