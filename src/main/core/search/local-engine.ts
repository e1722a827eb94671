/**
 * The in-memory engine: an ArticleIndex behind the SearchEngine seam. Persisting stays with the
 * caller (toBinary / fromBinary, with files.ts and worker.ts), as the library does today.
 */
import type { Article, Range } from '../../../shared/types';
import type { ArticleChanges, SearchEngine } from './engine';
import { ArticleIndex, type BuildOptions } from './index';
import type { SearchOptions, SearchResultEx, Suggestion } from './types';

export class LocalEngine implements SearchEngine {
  readonly name = 'local';
  private readonly index: ArticleIndex;

  /** Over an index built or loaded elsewhere (a worker thread, an index file). */
  constructor(index: ArticleIndex) {
    this.index = index;
  }

  static build(articles: Article[], options?: BuildOptions): LocalEngine {
    return new LocalEngine(ArticleIndex.build(articles, options));
  }

  /** Opens a persisted index for `articles`; throws IndexInvalidError when it must be rebuilt. */
  static fromBinary(bytes: Uint8Array, articles: Article[]): LocalEngine {
    return new LocalEngine(ArticleIndex.fromBinary(bytes, articles));
  }

  toBinary(): Uint8Array {
    return this.index.toBinary();
  }

  async size(): Promise<number> {
    return this.index.size;
  }

  async search(query: string, options?: SearchOptions): Promise<SearchResultEx> {
    return this.index.search(query, options);
  }

  async suggest(prefix: string, limit?: number): Promise<Suggestion[]> {
    return this.index.suggest(prefix, limit);
  }

  async matchIds(query: string): Promise<string[]> {
    return this.index.matchIds(query);
  }

  async highlight(id: string, query: string): Promise<{ text: Range[]; title: Range[] }> {
    return this.index.highlight(id, query);
  }

  async apply(changes: ArticleChanges): Promise<{ added: number; removed: number }> {
    return this.index.apply(changes.upsert, changes.remove);
  }

  async close(): Promise<void> {
    // Nothing to let go of: the index is garbage once the engine is.
  }
}
