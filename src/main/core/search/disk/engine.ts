/**
 * The on-disk engine: the index lives in the catalogue's database and is read on demand, so that
 * opening an archive costs its segments' per-document numbers (a few bytes an article), not its
 * postings or texts, and a query reads only the postings of its grams, the positions of a few
 * bigrams for longer terms, and the texts of the hits it shows.
 *
 * The catalogue is the source of truth. Articles get slots that are never reused; the engine
 * has built segments up to some slot, and the catalogue logs every removed slot, so catching up
 * (sync) is: build a segment of the articles above that slot, drop removed slots from the live
 * set, and merge small or mostly-removed segments. Every segment is written in one transaction.
 */
import type { Article, Range } from '../../../../shared/types';
import type { Catalog } from '../../catalog';
import { normalize } from '../../text/normalize';
import { answerSearch, answerSlots } from '../answer';
import { dateKey } from '../docstore';
import type { ArticleChanges, SearchEngine } from '../engine';
import { LengthNorms, type QueryContext } from '../evaluate';
import { indexedText } from '../../corrections/text';
import { highlightArticle } from '../hits';
import { matchTerm } from '../match';
import { parseQuery, positiveTerms } from '../query';
import { Scratch } from '../scratch';
import type { DocText } from '../segment';
import { startsAWord, words } from '../words';
import type { BuildProgress, SearchOptions, SearchResultEx, Suggestion } from '../types';
import { DiskDocumentStore } from './docs';
import { buildPositional } from './positional';
import { DiskSegment } from './segment';
import {
  dropSegments,
  prepareTables,
  PostingReader,
  publicationId,
  readPublications,
  readSegments,
  readTerms,
  writeSegment,
  type SegmentRow,
} from './tables';

/**
 * Articles per segment built at once: bounds the memory of a build (about 1 GB at this size) and
 * the number of segments (8 at a million articles).
 */
const BATCH = 131_072;
/** Segments are merged while there are more than this many... */
const MAX_SEGMENTS = 12;
/** ...as long as the merged segment stays within a build's size: big segments are never rebuilt to merge. */
const MAX_MERGED = BATCH;
/** How much text of a segment the autocomplete vocabulary is counted from. */
const SAMPLE_CHARS = 300_000;

export interface SyncOptions {
  onProgress?: (progress: BuildProgress) => void;
  signal?: AbortSignal;
  /** Articles per new segment (BATCH unless given; tests use small ones). */
  batch?: number;
}

interface Pending {
  slot: number;
  article: Article;
}

export class DiskEngine implements SearchEngine, QueryContext {
  readonly name = 'disk';
  readonly docs: DiskDocumentStore;
  segments: DiskSegment[] = [];
  readonly scratch = new Scratch();
  readonly norms = new LengthNorms();
  private readonly reader: PostingReader;
  private rows: SegmentRow[] = [];
  private vocabulary: [string, number][] | null = null;
  private removedSeen = 0;
  /** The catalogue's version when the index was last found up to date. */
  private checked = '';

  private constructor(private readonly catalog: Catalog) {
    prepareTables(catalog.db);
    this.reader = new PostingReader(catalog.db);
    this.docs = new DiskDocumentStore(catalog);
    this.reload();
  }

  /** Opens the engine over a catalogue (building what it has not indexed yet when asked to). */
  static open(catalog: Catalog, options: SyncOptions & { sync?: boolean } = {}): DiskEngine {
    const engine = new DiskEngine(catalog);
    if (options.sync !== false) engine.sync(options);
    return engine;
  }

  /** The last slot the segments cover (0 when there are none). */
  private covered(): number {
    return this.rows.reduce((m, r) => Math.max(m, r.base + r.count - 1), 0);
  }

  /** Reads the segments' rows and the removed slots again (after this or another process wrote). */
  reload(): void {
    this.rows = readSegments(this.catalog.db);
    const removed = this.catalog.removedSlots(this.covered());
    this.removedSeen = removed.length;
    this.docs.load(this.rows, removed, readPublications(this.catalog.db));
    this.segments = this.rows.map(
      (r) => new DiskSegment(r.id, r.base, r.count, this.reader, r.docs.titleLengths),
    );
    this.vocabulary = null;
  }

  /** True when the catalogue has articles the index has not seen, or removed some it holds. */
  stale(): boolean {
    // Nothing written since the last look (by this connection or another): no need to ask the tables.
    const version = this.catalog.version();
    if (version === this.checked) return false;
    const covered = this.covered();
    const stale =
      this.catalog.lastSlot() > covered || this.catalog.removedCount(covered) !== this.removedSeen;
    if (!stale) this.checked = version;
    return stale;
  }

  /** About how many articles a catch-up will index (slots handed out since the last segment). */
  pending(): number {
    return Math.max(0, this.catalog.lastSlot() - this.covered());
  }

  /** Catches up with the catalogue: new articles into new segments, then merges; returns how many were added. */
  sync(options: SyncOptions = {}): number {
    let added = 0;
    const last = this.catalog.lastSlot();
    const total = Math.max(0, last - this.covered());
    for (let after = this.covered(); ;) {
      const batch = this.catalog.articlesAfter(after, last, options.batch ?? BATCH);
      if (batch.length === 0) break;
      added += this.build(batch, [], options, { done: added, total });
      after = batch[batch.length - 1].slot;
    }
    this.compact(options);
    if (added > 0) this.catalog.checkpoint();
    this.reload();
    return added;
  }

  /** Builds one segment over the slots of `entries` (or `range`), replacing the segments `replaces`. */
  private build(
    entries: Pending[],
    replaces: number[],
    options: SyncOptions,
    progress: { done: number; total: number },
    range?: { from: number; to: number },
  ): number {
    const db = this.catalog.db;
    const from = range?.from ?? entries[0].slot;
    const to = range?.to ?? entries[entries.length - 1].slot;
    const size = to - from + 1;
    const docs: DocText[] = Array.from({ length: size }, () => ({ title: '', text: '' }));
    const dates = new Int32Array(size);
    const pubs = new Int32Array(size).fill(-1);
    const pubIds = new Map<string, number>();
    for (const { slot, article } of entries) {
      const k = slot - from;
      docs[k] = { title: normalize(article.title), text: normalize(indexedText(article)) };
      dates[k] = dateKey(article.date);
      const name = article.publication ?? '';
      let id = pubIds.get(name);
      if (id === undefined) pubIds.set(name, (id = publicationId(db, name)));
      pubs[k] = id;
    }
    options.signal?.throwIfAborted();
    const seg = buildPositional(docs, from, (done, steps) => {
      options.signal?.throwIfAborted();
      options.onProgress?.({
        phase: 'index',
        done: progress.done + Math.round((done / steps) * entries.length),
        total: Math.max(progress.total, progress.done + entries.length),
      });
    });
    writeSegment(db, seg, { dates, pubs }, vocabularyOf(docs), replaces, () => {
      if (replaces.length) this.catalog.forgetRemoved(from, to);
    });
    return entries.length;
  }

  /** Merges small neighbours while there are too many segments, and rebuilds mostly-removed ones. */
  private compact(options: SyncOptions): void {
    for (;;) {
      const rows = readSegments(this.catalog.db);
      const removed = this.catalog.removedSlots(Number.MAX_SAFE_INTEGER);
      const removedIn = (r: SegmentRow): number =>
        removed.filter((s) => s >= r.base && s < r.base + r.count).length;
      const emptied = rows.find((r) => removedIn(r) * 2 > r.count);
      let pick: SegmentRow[] | null = emptied ? [emptied] : null;
      if (!pick && rows.length > MAX_SEGMENTS) {
        let best = -1;
        for (let i = 0; i + 1 < rows.length; i++) {
          const size = rows[i].count + rows[i + 1].count;
          if (size <= MAX_MERGED && (best === -1 || size < rows[best].count + rows[best + 1].count)) best = i;
        }
        if (best !== -1) pick = [rows[best], rows[best + 1]];
      }
      if (!pick) return;
      const from = pick[0].base;
      const to = pick[pick.length - 1].base + pick[pick.length - 1].count - 1;
      const entries = this.catalog.articlesAfter(from - 1, to, MAX_MERGED + 1);
      if (entries.length === 0) {
        // Nothing left in these slots: drop the segments.
        dropSegments(
          this.catalog.db,
          pick.map((r) => r.id),
          () => this.catalog.forgetRemoved(from, to),
        );
        continue;
      }
      this.build(
        entries,
        pick.map((r) => r.id),
        options,
        { done: 0, total: entries.length },
        { from, to },
      );
    }
  }

  // ---- MatchSource -------------------------------------------------------------------------

  allAlive(): boolean {
    return this.docs.liveCount === this.rows.reduce((n, r) => n + r.count, 0);
  }

  // ---- SearchEngine ------------------------------------------------------------------------

  private fresh(): void {
    for (const seg of this.segments) seg.reset();
  }

  async size(): Promise<number> {
    return this.docs.liveCount;
  }

  searchNow(query: string, options: number | SearchOptions = {}): SearchResultEx {
    this.fresh();
    return answerSearch(this, query, options);
  }

  async search(query: string, options?: SearchOptions): Promise<SearchResultEx> {
    return this.searchNow(query, options);
  }

  matchIdsNow(query: string): string[] {
    this.fresh();
    return Array.from(answerSlots(this, query), (slot) => this.docs.idAt(slot) as string);
  }

  async matchIds(query: string): Promise<string[]> {
    return this.matchIdsNow(query);
  }

  async highlight(id: string, query: string): Promise<{ text: Range[]; title: Range[] }> {
    const slot = this.docs.slotOf(id);
    const article = slot === undefined ? null : this.docs.articleAt(slot);
    if (!article) return { text: [], title: [] };
    return highlightArticle(article, positiveTerms(parseQuery(query)));
  }

  /** Titles holding the prefix at the start of a word (found through the title postings), then frequent terms. */
  suggestNow(prefix: string, limit = 10): Suggestion[] {
    const p = normalize(prefix);
    if (!p || limit <= 0) return [];
    this.fresh();
    this.scratch.reset();
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    const titleBudget = Math.max(1, Math.ceil(limit / 2));
    const { slots } = matchTerm(this, { text: p, raw: prefix, field: 'title' }, undefined, 'exists');
    // The shortest titles first: the most likely to be what is being typed.
    const lens = this.docs.titleLens;
    const ordered = Array.from(slots.subarray(0, 2000)).sort((a, b) => lens[a] - lens[b] || a - b);
    for (const slot of ordered) {
      if (out.length >= titleBudget) break;
      const title = this.docs.normalisedTitle(slot);
      if (!title.startsWith(p) && !startsAWord(title, p)) continue;
      const article = this.docs.articleAt(slot);
      if (!article || seen.has(article.title)) continue;
      seen.add(article.title);
      out.push({ kind: 'title', text: article.title, id: article.id });
    }
    this.vocabulary ??= [...readTerms(this.catalog.db)].filter(([, n]) => n >= 2);
    const terms = this.vocabulary
      .filter(([t]) => t.startsWith(p) && t !== p)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [term, n] of terms) {
      if (out.length >= limit) break;
      if (seen.has(term)) continue;
      seen.add(term);
      out.push({ kind: 'term', text: term, count: n });
    }
    return out;
  }

  async suggest(prefix: string, limit?: number): Promise<Suggestion[]> {
    return this.suggestNow(prefix, limit);
  }

  /**
   * Articles the catalogue holds are taken as it holds them; others (an engine used on its own)
   * are stored in it first. Then the index catches up.
   */
  async apply(changes: ArticleChanges): Promise<{ added: number; removed: number }> {
    const removed = this.catalog.deleteArticles(changes.remove).length;
    const added = this.catalog.putArticles(changes.upsert).length;
    this.sync();
    return { added, removed };
  }

  async close(): Promise<void> {
    // The catalogue belongs to whoever opened it.
  }
}

/** Words of the titles and of a sample of the texts, counted once per document. */
function vocabularyOf(docs: DocText[]): [string, number][] {
  const counts = new Map<string, number>();
  const count = (text: string): void => {
    for (const w of new Set(words(text))) if (w.length >= 2) counts.set(w, (counts.get(w) ?? 0) + 1);
  };
  const total = docs.reduce((n, d) => n + d.text.length, 0);
  const stride = Math.max(1, Math.ceil(total / SAMPLE_CHARS));
  for (let k = 0; k < docs.length; k++) {
    if (!docs[k].title) continue;
    count(docs[k].title);
    if (k % stride === 0) count(docs[k].text);
  }
  return [...counts].filter(([, n]) => n >= 2);
}
