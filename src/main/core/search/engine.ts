/**
 * The seam between the library and whatever answers its searches. An engine is told about
 * articles as they change (apply) and answers queries; how it stores them is its own business:
 * in memory (LocalEngine, local-engine.ts), on disk or in PostgreSQL later. Every method is
 * async so that an engine behind a connection fits the same contract;
 * tests/unit/helpers/engine-contract.ts is what every engine must pass.
 */
import type { Article, Range } from '../../../shared/types';
import type { SearchOptions, SearchResultEx, Suggestion } from './types';

/** Articles to add or replace (by id) and ids to remove, in one batch. */
export interface ArticleChanges {
  upsert: Article[];
  remove: string[];
}

export interface SearchEngine {
  /** Which engine this is: 'local' today, later 'disk', 'postgres'. */
  readonly name: string;
  /** Live articles. */
  size(): Promise<number>;
  /** Answers a query (syntax in query.ts); bad syntax comes back as `issues`, never as an error. */
  search(query: string, options?: SearchOptions): Promise<SearchResultEx>;
  /** Titles whose words start with `prefix`, then frequent terms. */
  suggest(prefix: string, limit?: number): Promise<Suggestion[]>;
  /** Ids of every article matching the query, unranked. */
  matchIds(query: string): Promise<string[]>;
  /** Ranges of the article's original text and title where the query's terms occur. */
  highlight(id: string, query: string): Promise<{ text: Range[]; title: Range[] }>;
  /**
   * Removes `remove`, then adds or replaces the new and changed articles of `upsert`: the next
   * search sees them. Counts the articles added or replaced and those removed.
   */
  apply(changes: ArticleChanges): Promise<{ added: number; removed: number }>;
  /** Lets go of what the engine holds (files, connections). */
  close(): Promise<void>;
}
