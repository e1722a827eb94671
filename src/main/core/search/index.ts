/**
 * Full-text index over articles: owns matching, ranking, facets, snippets, autocomplete and the
 * persisted form; knows nothing about files (persist.ts does the disk, worker.ts the thread).
 *
 * Matching is exact: every gram (UTF-16 unit and adjacent pair) of each article's normalised text
 * is held in compact posting segments (segment.ts); a query term's grams are intersected and
 * longer terms verified against the normalised text, so nothing is missed and scattered grams are
 * never hits. MiniSearch indexes the titles for autocomplete (suggest.ts). Feeding MiniSearch
 * every bigram was the first design; it took 13 s to build and 12 s to load 3,148 articles, see
 * bench/ for the measurements behind this change.
 */
import type { Article, Range, SearchHit } from '../../../shared/types';
import {
  normalize,
  normalizeWithMap,
  toOriginalRange,
  findAll,
  type NormalizedText,
} from '../text/normalize';
import { matchTerm, termCost, type Match, type MatchSource } from './match';
import { parseQuery, positiveTerms, type ParsedQuery, type QueryTerm } from './query';
import { bm25, idf, occursAsWord, RERANK_DEPTH, topK, WHOLE_WORD_BONUS } from './rank';
import { buildSegment, type SegmentData } from './segment';
import { makeSnippet, mergeRanges } from './snippet';
import { Suggester } from './suggest';
import type {
  BuildProgress,
  FacetCount,
  SearchOptions,
  SearchResultEx,
  SearchSort,
  Suggestion,
} from './types';
import { decodeIndex, encodeIndex, IndexInvalidError, INDEX_FORMAT, type IndexState } from './persist';

export { INDEX_FORMAT, IndexInvalidError } from './persist';
export type * from './types';
export type { QueryIssue } from './query';

export interface BuildOptions {
  onProgress?: (progress: BuildProgress) => void;
  /** Checked between documents: throws the signal's reason when aborted. */
  signal?: AbortSignal;
}

/** Segments past this number are merged by a rebuild; so is an index with many removed articles. */
const MAX_SEGMENTS = 8;

/** A cheap content fingerprint per article, to notice changed articles when an index is loaded. */
export function articleHash(a: Article): number {
  let h = 0x811c9dc5;
  const s = `${a.title}\u0000${a.text}\u0000${a.publication ?? ''}\u0000${a.date ?? ''}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** YYYYMMDD of an article's date (0 when it has none), for date filters and sorting. */
function dateKey(date: string | undefined): number {
  const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/u.exec(date ?? '');
  if (!m) return 0;
  return Number(m[1]) * 10000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0);
}

function isoKey(iso: string): number {
  return Number(iso.replaceAll('-', ''));
}

interface Scored {
  slots: Int32Array;
  scores: Float64Array;
}

export class ArticleIndex implements MatchSource {
  private articles: (Article | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  private normTitles: (string | undefined)[] = [];
  private normTexts: (string | undefined)[] = [];
  private hashes: number[] = [];
  private dates: number[] = [];
  segments: SegmentData[] = [];
  private lengthSum = 0;
  private liveCount = 0;
  private suggester: Suggester;

  private constructor(suggester: Suggester) {
    this.suggester = suggester;
  }

  // ---- building, loading, changing -------------------------------------------------------

  static build(articles: Article[], options: BuildOptions = {}): ArticleIndex {
    const index = new ArticleIndex(Suggester.build([], []));
    index.appendSlots(articles);
    index.segments = [index.buildRange(0, articles.length, options)];
    options.onProgress?.({ phase: 'suggest', done: 0, total: 1 });
    index.rebuildSuggester();
    options.onProgress?.({ phase: 'suggest', done: 1, total: 1 });
    return index;
  }

  private appendSlots(articles: Article[]): void {
    for (const a of articles) {
      const old = this.slotOf.get(a.id);
      if (old !== undefined) this.removeSlot(old);
      const slot = this.articles.length;
      this.articles.push(a);
      this.slotOf.set(a.id, slot);
      this.normTitles.push(undefined);
      this.normTexts.push(undefined);
      this.hashes.push(articleHash(a));
      this.dates.push(dateKey(a.date));
      this.liveCount++;
    }
  }

  private buildRange(from: number, to: number, options: BuildOptions): SegmentData {
    const docs = [];
    for (let slot = from; slot < to; slot++) {
      if ((slot & 255) === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.({ phase: 'normalise', done: slot - from, total: to - from });
      }
      const live = this.articles[slot] !== null;
      docs.push({
        title: live ? this.normalisedTitle(slot) : '',
        text: live ? this.normalisedText(slot) : '',
      });
    }
    const seg = buildSegment(docs, from, (done, total) => {
      options.signal?.throwIfAborted();
      options.onProgress?.({ phase: 'index', done, total });
    });
    for (let k = 0; k < seg.count; k++)
      if (this.articles[from + k] !== null) this.lengthSum += seg.lengths[k];
    return seg;
  }

  private rebuildSuggester(): void {
    const titles = this.articles.map((a, slot) => (a ? this.normalisedTitle(slot) : null));
    const texts = this.articles.map((a, slot) => (a ? this.normalisedText(slot) : null));
    this.suggester = Suggester.build(titles, texts);
  }

  private removeSlot(slot: number): void {
    const a = this.articles[slot];
    if (!a) return;
    const seg = this.segmentOf(slot);
    if (seg) this.lengthSum -= seg.lengths[slot - seg.base];
    // The suggester keeps the title: suggestions skip slots without an article.
    this.articles[slot] = null;
    this.normTitles[slot] = undefined;
    this.normTexts[slot] = undefined;
    this.slotOf.delete(a.id);
    this.liveCount--;
  }

  private segmentOf(slot: number): SegmentData | undefined {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const seg = segs[mid];
      if (slot < seg.base) hi = mid - 1;
      else if (slot >= seg.base + seg.count) lo = mid + 1;
      else return seg;
    }
    return undefined;
  }

  /** Adds articles (replacing any with the same id) as a new segment; compacts when fragmented. */
  add(articles: Article[]): void {
    if (articles.length === 0) return;
    const from = this.articles.length;
    this.appendSlots(articles);
    this.segments.push(this.buildRange(from, this.articles.length, {}));
    for (let slot = from; slot < this.articles.length; slot++) {
      if (this.articles[slot]) this.suggester.addTitle(slot, this.normalisedTitle(slot));
    }
    this.compactIfFragmented();
  }

  /** Removes articles by id; unknown ids are ignored. */
  remove(ids: string[]): void {
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) this.removeSlot(slot);
    }
    this.compactIfFragmented();
  }

  private compactIfFragmented(): void {
    const dead = this.articles.length - this.liveCount;
    if (this.segments.length <= MAX_SEGMENTS && dead * 4 <= this.articles.length) return;
    const live = this.articles.filter((a): a is Article => a !== null);
    const fresh = ArticleIndex.build(live);
    Object.assign(this, fresh);
  }

  /** Brings the index up to date with `articles`: adds new and changed ones, removes missing ones. */
  update(articles: Article[]): { added: number; removed: number } {
    const wanted = new Map(articles.map((a) => [a.id, a]));
    const removed = [...this.slotOf.keys()].filter((id) => !wanted.has(id));
    const added = articles.filter((a) => {
      const slot = this.slotOf.get(a.id);
      return slot === undefined || this.hashes[slot] !== articleHash(a);
    });
    // Drop removed ones without compacting in between, then add.
    for (const id of removed) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) this.removeSlot(slot);
    }
    if (added.length) this.add(added);
    else this.compactIfFragmented();
    return { added: added.length, removed: removed.length };
  }

  /** The persisted form (binary); see persist.ts for the layout and its checks. */
  toBinary(): Uint8Array {
    const state: IndexState = {
      ids: this.articles.map((a) => (a ? a.id : null)),
      hashes: this.hashes,
      segments: this.segments,
      suggest: this.suggester.toData(),
    };
    return encodeIndex(state);
  }

  /**
   * Opens a persisted index for `articles`. Throws IndexInvalidError ("rebuild needed") when the
   * data is corrupt or of another format; articles added, changed or removed since are applied
   * incrementally.
   */
  static fromBinary(data: Uint8Array, articles: Article[]): ArticleIndex {
    const state = decodeIndex(data);
    const byId = new Map(articles.map((a) => [a.id, a]));
    const index = new ArticleIndex(Suggester.fromData(state.suggest));
    index.segments = state.segments;
    state.ids.forEach((id, slot) => {
      const a = id === null ? undefined : byId.get(id);
      index.articles.push(a ?? null);
      index.normTitles.push(undefined);
      index.normTexts.push(undefined);
      index.hashes.push(state.hashes[slot]);
      index.dates.push(dateKey(a?.date));
      if (a && id !== null) {
        index.slotOf.set(id, slot);
        index.liveCount++;
        const seg = index.segmentOf(slot);
        if (seg) index.lengthSum += seg.lengths[slot - seg.base];
      }
    });
    if (index.segments.reduce((n, s) => n + s.count, 0) !== index.articles.length) {
      throw new IndexInvalidError('segments do not cover the articles');
    }
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
    return this.liveCount;
  }

  // ---- MatchSource -------------------------------------------------------------------------

  alive(slot: number): boolean {
    return this.articles[slot] != null;
  }

  normalisedTitle(slot: number): string {
    let t = this.normTitles[slot];
    if (t === undefined) t = this.normTitles[slot] = normalize(this.articles[slot]?.title ?? '');
    return t;
  }

  normalisedText(slot: number): string {
    let t = this.normTexts[slot];
    if (t === undefined) t = this.normTexts[slot] = normalize(this.articles[slot]?.text ?? '');
    return t;
  }

  private lengthOf(slot: number): number {
    const seg = this.segmentOf(slot);
    return seg ? seg.lengths[slot - seg.base] : 0;
  }

  // ---- searching ---------------------------------------------------------------------------

  private scoreMatch(match: Match): Scored {
    const n = Math.max(1, this.liveCount);
    const avg = this.lengthSum / n;
    const w = idf(Math.min(match.df, n), n);
    const scores = new Float64Array(match.slots.length);
    for (let k = 0; k < scores.length; k++) {
      scores[k] = bm25(match.tf[k], match.title[k], this.lengthOf(match.slots[k]), avg, w);
    }
    return { slots: match.slots, scores };
  }

  /** Slots matching any alternative of a clause, scores summed. */
  private evaluateClause(anyOf: QueryTerm[], within?: Int32Array): Scored {
    const parts = anyOf.map((t) => this.scoreMatch(matchTerm(this, t, within)));
    if (parts.length === 1) return parts[0];
    const sum = new Map<number, number>();
    for (const p of parts) p.slots.forEach((slot, k) => sum.set(slot, (sum.get(slot) ?? 0) + p.scores[k]));
    const slots = Int32Array.from(sum.keys()).sort();
    return { slots, scores: Float64Array.from(slots, (s) => sum.get(s) as number) };
  }

  private evaluate(parsed: ParsedQuery): Scored {
    let current: Scored | null = null;
    const clauses = [...parsed.clauses]
      .map((c) => ({ c, cost: Math.max(...c.anyOf.map((t) => termCost(this.segments, t))) }))
      .sort((a, b) => a.cost - b.cost);
    for (const { c } of clauses) {
      const next = this.evaluateClause(c.anyOf, current?.slots);
      if (!current) {
        current = next;
      } else {
        const prev: Scored = current;
        const scores = new Map<number, number>();
        next.slots.forEach((slot, k) => scores.set(slot, next.scores[k]));
        const slots: number[] = [];
        const summed: number[] = [];
        prev.slots.forEach((slot, k) => {
          const s = scores.get(slot);
          if (s === undefined) return;
          slots.push(slot);
          summed.push(prev.scores[k] + s);
        });
        current = { slots: Int32Array.from(slots), scores: Float64Array.from(summed) };
      }
      if (current.slots.length === 0) break;
    }
    if (!current) {
      // Filters only: every live article, in slot order.
      const slots = this.articles.flatMap((a, slot) => (a ? [slot] : []));
      current = { slots: Int32Array.from(slots), scores: new Float64Array(slots.length) };
    }
    for (const term of parsed.exclude) {
      if (current.slots.length === 0) break;
      const hit = new Set(matchTerm(this, term, current.slots).slots);
      current = keepWhere(current, (slot) => !hit.has(slot));
    }
    const from = parsed.from ? isoKey(parsed.from) : 0;
    const to = parsed.to ? isoKey(parsed.to) : 0;
    if (parsed.publications.length || from || to) {
      current = keepWhere(current, (slot) => {
        const a = this.articles[slot] as Article;
        if (parsed.publications.length) {
          const pub = normalize(a.publication ?? '');
          if (!parsed.publications.some((p) => pub.includes(p))) return false;
        }
        const d = this.dates[slot];
        if ((from || to) && d === 0) return false;
        // A date known to the month only (day 00) is in range when its month overlaps it.
        if (from && d < from - (d % 100 === 0 ? 99 : 0)) return false;
        if (to && d > to) return false;
        return true;
      });
    }
    return current;
  }

  private facets(slots: Int32Array): { publication: FacetCount[]; year: FacetCount[] } {
    const pubs = new Map<string, number>();
    const yearCounts = new Map<number, number>();
    for (const slot of slots) {
      const pub = this.articles[slot]?.publication ?? '';
      pubs.set(pub, (pubs.get(pub) ?? 0) + 1);
      const year = Math.floor(this.dates[slot] / 10000);
      yearCounts.set(year, (yearCounts.get(year) ?? 0) + 1);
    }
    const years = new Map([...yearCounts].map(([y, n]) => [y ? String(y) : '', n]));
    const list = (m: Map<string, number>): FacetCount[] => [...m].map(([value, count]) => ({ value, count }));
    return {
      publication: list(pubs).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
      year: list(years).sort((a, b) =>
        a.value === '' ? 1 : b.value === '' ? -1 : b.value.localeCompare(a.value),
      ),
    };
  }

  /**
   * Answers a query (see query.ts for the syntax). `options` may be a limit, as before. Never
   * throws on bad syntax: the result's `issues` say what was wrong.
   */
  search(query: string, options: number | SearchOptions = {}): SearchResultEx {
    const {
      limit = 50,
      offset = 0,
      sort = 'relevance' as SearchSort,
    } = typeof options === 'number' ? { limit: options } : options;
    const parsed = parseQuery(query);
    const empty: SearchResultEx = {
      query,
      total: 0,
      hits: [],
      sort,
      facets: { publication: [], year: [] },
      issues: parsed.issues,
    };
    if (parsed.issues.some((i) => i.severity === 'error')) return empty;
    if (parsed.clauses.length === 0 && !parsed.publications.length && !parsed.from && !parsed.to)
      return empty;
    const { slots, scores } = this.evaluate(parsed);
    const terms = positiveTerms(parsed);
    const want = Math.max(0, offset) + Math.max(0, limit);
    let order: number[];
    if (sort === 'relevance') {
      const depth = want + RERANK_DEPTH;
      const best = topK(
        slots.length,
        depth,
        (a, b) => scores[a] > scores[b] || (scores[a] === scores[b] && slots[a] < slots[b]),
      );
      // Whole-word bonus on the best candidates only: segmentation is too slow for every hit.
      const final = new Map<number, number>();
      for (const k of best) {
        const slot = slots[k];
        let whole = 0;
        for (const t of terms) {
          const title = this.normalisedTitle(slot);
          if (
            (title.includes(t.text) && occursAsWord(title, t.text)) ||
            (t.field === 'any' && occursAsWord(this.normalisedText(slot), t.text))
          )
            whole++;
        }
        final.set(k, scores[k] * (1 + (terms.length ? (WHOLE_WORD_BONUS * whole) / terms.length : 0)));
      }
      order = best
        .sort((a, b) => (final.get(b) as number) - (final.get(a) as number) || slots[a] - slots[b])
        .slice(0, want);
      for (const k of order) scores[k] = final.get(k) as number;
    } else {
      const sign = sort === 'newest' ? 1 : -1;
      const d = (k: number): number => this.dates[slots[k]];
      order = topK(slots.length, want, (a, b) =>
        d(a) !== d(b)
          ? sign * (d(a) - d(b)) > 0
          : scores[a] !== scores[b]
            ? scores[a] > scores[b]
            : slots[a] < slots[b],
      );
    }
    const hits = order.slice(offset).map((k) => this.hit(slots[k], scores[k], terms));
    return { query, total: slots.length, hits, sort, facets: this.facets(slots), issues: parsed.issues };
  }

  /** Ids of every article matching the query, unranked (for recall checks and bulk actions). */
  matchIds(query: string): string[] {
    const parsed = parseQuery(query);
    if (parsed.issues.some((i) => i.severity === 'error') || parsed.clauses.length === 0) return [];
    return [...this.evaluate(parsed).slots].map((slot) => (this.articles[slot] as Article).id);
  }

  private hit(slot: number, score: number, terms: QueryTerm[]): SearchHit {
    const article = this.articles[slot] as Article;
    const ranges = rangesIn(normalizeWithMap(article.text), article.text, terms);
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
      titleHighlights: rangesIn(normalizeWithMap(article.title), article.title, terms),
    };
  }

  /** Ranges of the article's text and title where the query's positive terms occur. */
  highlight(id: string, query: string): { text: Range[]; title: Range[] } {
    const slot = this.slotOf.get(id);
    const article = slot === undefined ? null : this.articles[slot];
    if (!article) return { text: [], title: [] };
    const terms = positiveTerms(parseQuery(query));
    return {
      text: rangesIn(normalizeWithMap(article.text), article.text, terms),
      title: rangesIn(normalizeWithMap(article.title), article.title, terms),
    };
  }

  /** Autocomplete: titles whose words start with `prefix`, then frequent terms. */
  suggest(prefix: string, limit = 10): Suggestion[] {
    return this.suggester
      .suggest(prefix, limit, (slot) => (this.articles[slot] ? this.articles[slot].title : null))
      .map((s) => (s.kind === 'title' ? { ...s, id: this.articles[Number(s.id)]?.id } : s));
  }
}

function keepWhere(scored: Scored, keep: (slot: number) => boolean): Scored {
  const at: number[] = [];
  scored.slots.forEach((slot, k) => {
    if (keep(slot)) at.push(k);
  });
  return {
    slots: Int32Array.from(at, (k) => scored.slots[k]),
    scores: Float64Array.from(at, (k) => scored.scores[k]),
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
