/**
 * Full-text index over articles: owns matching, ranking, facets, snippets, autocomplete and the
 * persisted form; knows nothing about files (persist.ts does the disk, worker.ts the thread).
 * This class wires the parts and keeps them consistent as articles come and go: the documents
 * by slot (docstore.ts), their postings (segment.ts), query evaluation (evaluate.ts), ordering
 * and facets (collect.ts), hits and highlights (hits.ts) and autocomplete (suggest.ts).
 *
 * Matching is exact: every gram (UTF-16 unit and adjacent pair) of each article's normalised text
 * is held in compact posting segments (segment.ts); a query term's grams are intersected and
 * longer terms verified against the normalised text, so nothing is missed and scattered grams are
 * never hits. MiniSearch indexes the titles for autocomplete (suggest.ts). Feeding MiniSearch
 * every bigram was the first design; it took 13 s to build and 12 s to load 3,148 articles, see
 * bench/ for the measurements behind this change.
 *
 * Queries are answered on typed arrays (scratch.ts) because a frequent word has tens of
 * thousands of hits and totals and facets stay exact: 1- and 2-unit terms are read straight from
 * their postings, clauses are met by slot and scored only where all of them matched, facets count
 * per-slot codes, a lone phrase is proved with one search per candidate and counted exactly only
 * for the documents that can still reach the top, and snippets map only the part of an article
 * they show. Normalised texts are cached lazily for verification, never all at once.
 * bench/profile.ts times the bench's queries one by one, for `node --cpu-prof`.
 */
import type { Article, Range } from '../../../shared/types';
import { normalize } from '../text/normalize';
import { answerSearch, answerSlots } from './answer';
import { articleHash, MemoryDocumentStore, type DocumentStore } from './docstore';
import { LengthNorms, type QueryContext } from './evaluate';
import { highlightArticle } from './hits';
import { parseQuery, positiveTerms } from './query';
import { buildSegment, type SegmentData } from './segment';
import { Scratch } from './scratch';
import { Suggester } from './suggest';
import type { BuildProgress, SearchOptions, SearchResultEx, Suggestion } from './types';
import { decodeIndex, encodeIndex, IndexInvalidError, INDEX_FORMAT } from './persist';
import { indexedText } from '../corrections/text';

export { INDEX_FORMAT, IndexInvalidError } from './persist';
export { articleHash } from './docstore';
export type * from './types';
export type { QueryIssue } from './query';

export interface BuildOptions {
  onProgress?: (progress: BuildProgress) => void;
  /** Checked between documents: throws the signal's reason when aborted. */
  signal?: AbortSignal;
}

/** Segments past this number are merged by a rebuild; so is an index with many removed articles. */
const MAX_SEGMENTS = 8;

export class ArticleIndex implements QueryContext {
  /** The documents by slot; postings name documents by their slot. */
  docs: DocumentStore;
  segments: SegmentData[] = [];
  /** Arrays of the query being answered; reset at the start of each (see scratch.ts). */
  readonly scratch = new Scratch();
  readonly norms = new LengthNorms();
  private suggester: Suggester;

  private constructor(docs: DocumentStore, suggester: Suggester) {
    this.docs = docs;
    this.suggester = suggester;
  }

  // ---- building, loading, changing -------------------------------------------------------

  static build(articles: Article[], options: BuildOptions = {}): ArticleIndex {
    const index = new ArticleIndex(
      new MemoryDocumentStore(),
      Suggester.build(
        [],
        () => 0,
        () => '',
      ),
    );
    index.docs.append(articles);
    index.segments = [index.buildRange(0, index.docs.slotCount, options)];
    options.onProgress?.({ phase: 'suggest', done: 0, total: 1 });
    index.rebuildSuggester();
    options.onProgress?.({ phase: 'suggest', done: 1, total: 1 });
    return index;
  }

  private buildRange(from: number, to: number, options: BuildOptions): SegmentData {
    const docs = [];
    for (let slot = from; slot < to; slot++) {
      if ((slot & 255) === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.({ phase: 'normalise', done: slot - from, total: to - from });
      }
      const a = this.docs.articleAt(slot);
      // Titles stay cached (short, used by every query); texts are normalised again on demand,
      // so that a built index does not hold a second copy of the whole archive.
      docs.push({
        title: a ? this.docs.normalisedTitle(slot) : '',
        text: a ? normalize(indexedText(a)) : '',
      });
    }
    const seg = buildSegment(docs, from, (done, total) => {
      options.signal?.throwIfAborted();
      options.onProgress?.({ phase: 'index', done, total });
    });
    for (let k = 0; k < seg.count; k++) this.docs.setLength(from + k, seg.lengths[k]);
    return seg;
  }

  private rebuildSuggester(): void {
    const { docs } = this;
    const titles: (string | null)[] = [];
    for (let slot = 0; slot < docs.slotCount; slot++)
      titles.push(docs.alive(slot) ? docs.normalisedTitle(slot) : null);
    this.suggester = Suggester.build(
      titles,
      (slot) => docs.lens[slot] - (titles[slot]?.length ?? 0),
      (slot) => {
        const a = docs.articleAt(slot);
        return a ? normalize(indexedText(a)) : '';
      },
    );
  }

  /** Adds articles (replacing any with the same id) as a new segment; compacts when fragmented. */
  add(articles: Article[]): void {
    if (articles.length === 0) return;
    const from = this.docs.append(articles);
    const to = this.docs.slotCount;
    this.segments.push(this.buildRange(from, to, {}));
    // The suggester keeps removed titles: suggestions skip slots without an article.
    for (let slot = from; slot < to; slot++) {
      if (this.docs.alive(slot)) this.suggester.addTitle(slot, this.docs.normalisedTitle(slot));
    }
    this.compactIfFragmented();
  }

  /** Removes articles by id; unknown ids are ignored. */
  remove(ids: string[]): void {
    for (const id of ids) this.docs.remove(id);
    this.compactIfFragmented();
  }

  private compactIfFragmented(): void {
    const { slotCount, liveCount } = this.docs;
    if (this.segments.length <= MAX_SEGMENTS && (slotCount - liveCount) * 4 <= slotCount) return;
    const live: Article[] = [];
    for (let slot = 0; slot < slotCount; slot++) {
      const a = this.docs.articleAt(slot);
      if (a) live.push(a);
    }
    Object.assign(this, ArticleIndex.build(live));
  }

  /**
   * Removes the `remove` ids, then adds the articles of `upsert` that are new or changed (by
   * content); returns how many of each there were.
   */
  apply(upsert: Article[], remove: string[]): { added: number; removed: number } {
    // Without compacting in between: one rebuild at most.
    const removed = remove.filter((id) => this.docs.remove(id)).length;
    const added = upsert.filter((a) => {
      const slot = this.docs.slotOf(a.id);
      return slot === undefined || this.docs.hashes[slot] !== articleHash(a);
    });
    if (added.length) this.add(added);
    else this.compactIfFragmented();
    return { added: added.length, removed };
  }

  /** Brings the index up to date with `articles`: adds new and changed ones, removes missing ones. */
  update(articles: Article[]): { added: number; removed: number } {
    const wanted = new Set(articles.map((a) => a.id));
    return this.apply(
      articles,
      this.docs.liveIds().filter((id) => !wanted.has(id)),
    );
  }

  /** The persisted form (binary); see persist.ts for the layout and its checks. */
  toBinary(): Uint8Array {
    const ids: (string | null)[] = [];
    for (let slot = 0; slot < this.docs.slotCount; slot++) ids.push(this.docs.idAt(slot));
    return encodeIndex({
      ids,
      hashes: Array.from(this.docs.hashes.subarray(0, ids.length)),
      segments: this.segments,
      suggest: this.suggester.toData(),
    });
  }

  /**
   * Opens a persisted index for `articles`. Throws IndexInvalidError ("rebuild needed") when the
   * data is corrupt or of another format; articles added, changed or removed since are applied
   * incrementally.
   */
  static fromBinary(data: Uint8Array, articles: Article[]): ArticleIndex {
    const state = decodeIndex(data);
    if (state.segments.reduce((n, s) => n + s.count, 0) !== state.ids.length) {
      throw new IndexInvalidError('segments do not cover the articles');
    }
    const lengths = new Int32Array(state.ids.length);
    for (const seg of state.segments)
      for (let k = 0; k < seg.count && seg.base + k < lengths.length; k++)
        lengths[seg.base + k] = seg.lengths[k];
    const docs = MemoryDocumentStore.restore(state.ids, state.hashes, (slot) => lengths[slot], articles);
    const index = new ArticleIndex(docs, Suggester.fromData(state.suggest));
    index.segments = state.segments;
    index.update(articles);
    return index;
  }

  /** JSON-safe form for hosts that store the index inside a JSON file (service.ts today). */
  toJSON(): { format: number; data: string } {
    return { format: INDEX_FORMAT, data: Buffer.from(this.toBinary()).toString('base64') };
  }

  static fromJSON(json: string, articles: Article[]): ArticleIndex {
    let parsed: { format?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(json) as { format?: unknown; data?: unknown };
    } catch {
      throw new IndexInvalidError('index JSON does not parse');
    }
    if (parsed?.format !== INDEX_FORMAT || typeof parsed.data !== 'string') {
      throw new IndexInvalidError(`index format ${String(parsed?.format)} is not ${INDEX_FORMAT}`);
    }
    return ArticleIndex.fromBinary(Buffer.from(parsed.data, 'base64'), articles);
  }

  get size(): number {
    return this.docs.liveCount;
  }

  // ---- MatchSource -------------------------------------------------------------------------

  allAlive(): boolean {
    return this.docs.liveCount === this.docs.slotCount;
  }

  // ---- searching ---------------------------------------------------------------------------

  /**
   * Answers a query (see query.ts for the syntax). `options` may be a limit, as before. Never
   * throws on bad syntax: the result's `issues` say what was wrong.
   */
  search(query: string, options: number | SearchOptions = {}): SearchResultEx {
    return answerSearch(this, query, options);
  }

  /** Ids of every article matching the query, unranked (for recall checks and bulk actions). */
  matchIds(query: string): string[] {
    return Array.from(answerSlots(this, query), (slot) => this.docs.idAt(slot) as string);
  }

  /** Ranges of the article's text and title where the query's positive terms occur. */
  highlight(id: string, query: string): { text: Range[]; title: Range[] } {
    const slot = this.docs.slotOf(id);
    const article = slot === undefined ? null : this.docs.articleAt(slot);
    if (!article) return { text: [], title: [] };
    return highlightArticle(article, positiveTerms(parseQuery(query)));
  }

  /** Autocomplete: titles whose words start with `prefix`, then frequent terms. */
  suggest(prefix: string, limit = 10): Suggestion[] {
    return this.suggester
      .suggest(prefix, limit, (slot) => this.docs.articleAt(slot)?.title ?? null)
      .map((s) => (s.kind === 'title' ? { ...s, id: this.docs.idAt(Number(s.id)) ?? undefined } : s));
  }
}
