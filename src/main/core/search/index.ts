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
 *
 * Queries are answered on typed arrays (scratch.ts) because a frequent word has tens of
 * thousands of hits and totals and facets stay exact: 1- and 2-unit terms are read straight from
 * their postings, clauses are met by slot and scored only where all of them matched, facets count
 * per-slot codes, a lone phrase is proved with one search per candidate and counted exactly only
 * for the documents that can still reach the top (exactTop), and snippets map only the part of
 * an article they show. Normalised texts are cached lazily for verification, never all at once.
 * bench/profile.ts times the bench's queries one by one, for `node --cpu-prof`.
 */
import type { Article, Range, SearchHit } from '../../../shared/types';
import {
  normalize,
  normalizeWithMap,
  originsFrom,
  toOriginalRange,
  findAll,
  type NormalizedText,
} from '../text/normalize';
import { exactTf, matchTerm, termCost, type Match, type MatchMode, type MatchSource } from './match';
import { parseQuery, positiveTerms, type ParsedQuery, type QueryTerm } from './query';
import {
  bm25,
  idf,
  K1,
  lengthNorm,
  occursAsWord,
  RERANK_DEPTH,
  TITLE_WEIGHT,
  topK,
  WHOLE_WORD_BONUS,
} from './rank';
import { buildSegment, type SegmentData } from './segment';
import { makeSnippet, mergeRanges } from './snippet';
import { Scratch, type Alloc } from './scratch';
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
  /**
   * Set when the scores are upper bounds (one phrase term matched in 'lazy' mode): the term's
   * match and BM25 parameters, to score the documents that can still reach the top exactly.
   */
  lazy?: { term: QueryTerm; match: Match; avg: number; weight: number };
}

export class ArticleIndex implements MatchSource {
  private articles: (Article | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  private normTitles: (string | undefined)[] = [];
  private normTexts: (string | undefined)[] = [];
  private hashes: number[] = [];
  /** YYYYMMDD per slot (0 when undated). */
  private dates: number[] = [];
  /** Normalised length (title + text) per slot, for BM25 without a segment lookup. */
  private lens: number[] = [];
  /** Publication id per slot, into `pubNames` (facets and filters without per-hit strings). */
  private pubOf: number[] = [];
  /** Publication id << 14 | year (0 when undated) per slot: one lookup per hit for the facets. */
  private facetOf: number[] = [];
  private pubNames: string[] = [];
  private pubNorm: string[] = [];
  private readonly pubIds = new Map<string, number>();
  segments: SegmentData[] = [];
  /** Arrays of the query being answered; reset at the start of each (see scratch.ts). */
  readonly scratch = new Scratch();
  private lengthSum = 0;
  private norms: Float64Array | null = null;
  private normsAvg = NaN;
  private liveCount = 0;
  private suggester: Suggester;

  private constructor(suggester: Suggester) {
    this.suggester = suggester;
  }

  // ---- building, loading, changing -------------------------------------------------------

  static build(articles: Article[], options: BuildOptions = {}): ArticleIndex {
    const index = new ArticleIndex(
      Suggester.build(
        [],
        () => 0,
        () => '',
      ),
    );
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
      this.lens.push(0);
      this.pubOf.push(this.pubId(a.publication));
      this.facetOf.push(this.pubOf[slot] * 0x4000 + Math.floor(this.dates[slot] / 10000));
      this.liveCount++;
    }
  }

  private pubId(publication: string | undefined): number {
    const name = publication ?? '';
    let id = this.pubIds.get(name);
    if (id === undefined) {
      id = this.pubNames.length;
      this.pubIds.set(name, id);
      this.pubNames.push(name);
      this.pubNorm.push(normalize(name));
    }
    return id;
  }

  private buildRange(from: number, to: number, options: BuildOptions): SegmentData {
    const docs = [];
    for (let slot = from; slot < to; slot++) {
      if ((slot & 255) === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.({ phase: 'normalise', done: slot - from, total: to - from });
      }
      const a = this.articles[slot];
      // Titles stay cached (short, used by every query); texts are normalised again on demand,
      // so that a built index does not hold a second copy of the whole archive.
      docs.push({ title: a ? this.normalisedTitle(slot) : '', text: a ? normalize(a.text) : '' });
    }
    const seg = buildSegment(docs, from, (done, total) => {
      options.signal?.throwIfAborted();
      options.onProgress?.({ phase: 'index', done, total });
    });
    for (let k = 0; k < seg.count; k++) {
      this.lens[from + k] = seg.lengths[k];
      if (this.articles[from + k] !== null) this.lengthSum += seg.lengths[k];
    }
    return seg;
  }

  private rebuildSuggester(): void {
    const titles = this.articles.map((a, slot) => (a ? this.normalisedTitle(slot) : null));
    this.suggester = Suggester.build(
      titles,
      (slot) => this.lens[slot] - (titles[slot]?.length ?? 0),
      (slot) => normalize(this.articles[slot]?.text ?? ''),
    );
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
      index.pubOf.push(index.pubId(a?.publication));
      index.facetOf.push(index.pubOf[slot] * 0x4000 + Math.floor(index.dates[slot] / 10000));
      const seg = index.segmentOf(slot);
      const length = seg ? seg.lengths[slot - seg.base] : 0;
      index.lens.push(length);
      if (a && id !== null) {
        index.slotOf.set(id, slot);
        index.liveCount++;
        index.lengthSum += length;
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

  allAlive(): boolean {
    return this.liveCount === this.articles.length;
  }

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

  // ---- searching ---------------------------------------------------------------------------

  /** lengthNorm of every slot for the current average length, kept until that changes. */
  private lengthNorms(avg: number): Float64Array {
    let norms = this.norms;
    if (!norms || this.normsAvg !== avg || norms.length !== this.lens.length) {
      norms = new Float64Array(this.lens.length);
      for (let slot = 0; slot < norms.length; slot++) norms[slot] = lengthNorm(this.lens[slot], avg);
      this.norms = norms;
      this.normsAvg = avg;
    }
    return norms;
  }

  private scoreMatch(match: Match, term?: QueryTerm): Scored {
    const n = Math.max(1, this.liveCount);
    const avg = this.lengthSum / n;
    const w = idf(Math.min(match.df, n), n);
    const { slots, values } = match;
    const norms = this.lengthNorms(avg);
    const scores = this.scratch.float64(slots.length);
    // bm25Normed written out: a call per posting costs several times the arithmetic.
    const k1p1 = K1 + 1;
    const titleWeight = TITLE_WEIGHT;
    for (let k = 0; k < slots.length; k++) {
      const tf = values[k] >> 1;
      scores[k] = w * ((tf * k1p1) / (tf + norms[slots[k]]) + titleWeight * (values[k] & 1));
    }
    if (match.upper && term) return { slots, scores, lazy: { term, match, avg, weight: w } };
    return { slots, scores };
  }

  /** Slots matching any alternative of a clause, scores summed. */
  private evaluateClause(anyOf: QueryTerm[], within: Int32Array | undefined, mode: MatchMode): Scored {
    let acc: Scored | null = null;
    for (const t of anyOf) {
      const part = this.scoreMatch(matchTerm(this, t, within, mode), t);
      acc = acc ? unionScored(acc, part, this.scratch) : part;
    }
    return acc ?? { slots: new Int32Array(0), scores: new Float64Array(0) };
  }

  /**
   * Slots matching every clause, scores summed in clause order. Each clause is matched within
   * the slots left by the ones before; single-term clauses are scored only where every clause
   * matched, which for frequent words is a fraction of their postings.
   */
  private evaluateAnd(clauses: QueryTerm[][], mode: MatchMode): Scored {
    const parts: (Match | Scored)[] = [];
    let slots: Int32Array | null = null;
    for (const anyOf of clauses) {
      const within: Int32Array | undefined = slots ?? undefined;
      const part: Match | Scored =
        anyOf.length === 1
          ? matchTerm(this, anyOf[0], within, mode)
          : this.evaluateClause(anyOf, within, mode);
      parts.push(part);
      // Matched within the slots so far, a part holds no others: its slots are the new ones.
      const next: Int32Array = part.slots;
      slots = next;
      if (next.length === 0) break;
    }
    const final = slots ?? new Int32Array(0);
    const scores = this.scratch.float64(final.length).fill(0);
    const n = Math.max(1, this.liveCount);
    const norms = this.lengthNorms(this.lengthSum / n);
    const k1p1 = K1 + 1;
    const titleWeight = TITLE_WEIGHT;
    for (const part of parts) {
      // Where each final slot sits in the part (a subset of its slots), without a search.
      const at = part.slots;
      const pos = this.scratch.positions(at.length ? at[at.length - 1] + 1 : 0);
      for (let j = 0; j < at.length; j++) pos[at[j]] = j;
      if ('values' in part) {
        const w = idf(Math.min(part.df, n), n);
        const values = part.values;
        for (let k = 0; k < final.length; k++) {
          const j = pos[final[k]];
          const tf = values[j] >> 1;
          scores[k] += w * ((tf * k1p1) / (tf + norms[final[k]]) + titleWeight * (values[j] & 1));
        }
      } else {
        for (let k = 0; k < final.length; k++) scores[k] += part.scores[pos[final[k]]];
      }
    }
    return { slots: final, scores };
  }

  /**
   * The matching slots with their scores. 'lazy' (a query of one phrase term, ranked by
   * relevance) may return upper-bound scores, marked `lazy`; 'exists' does not score.
   */
  private evaluate(parsed: ParsedQuery, mode: MatchMode = 'exact'): Scored {
    let current: Scored | null = null;
    const clauses = [...parsed.clauses]
      .map((c) => ({ c, cost: Math.max(...c.anyOf.map((t) => termCost(this.segments, t))) }))
      .sort((a, b) => a.cost - b.cost);
    if (clauses.length === 1) {
      const single = clauses[0].c.anyOf.length === 1;
      current = this.evaluateClause(
        clauses[0].c.anyOf,
        undefined,
        mode === 'lazy' && !single ? 'exact' : mode,
      );
    } else if (clauses.length > 1) {
      current = this.evaluateAnd(
        clauses.map(({ c }) => c.anyOf),
        mode === 'lazy' ? 'exact' : mode,
      );
    }
    if (!current) {
      // Filters only: every live article, in slot order.
      const slots = this.articles.flatMap((a, slot) => (a ? [slot] : []));
      current = { slots: Int32Array.from(slots), scores: new Float64Array(slots.length) };
    }
    for (const term of parsed.exclude) {
      if (current.slots.length === 0) break;
      current = subtractScored(current, matchTerm(this, term, current.slots, 'exists').slots, this.scratch);
    }
    const from = parsed.from ? isoKey(parsed.from) : 0;
    const to = parsed.to ? isoKey(parsed.to) : 0;
    if (parsed.publications.length || from || to) {
      const pubOk = Uint8Array.from(this.pubNorm, (pub) =>
        !parsed.publications.length || parsed.publications.some((p) => pub.includes(p)) ? 1 : 0,
      );
      const pubOf = this.pubOf;
      const dates = this.dates;
      current = keepWhere(this.scratch, current, (slot) => {
        if (pubOk[pubOf[slot]] === 0) return false;
        const d = dates[slot];
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
    const pubCounts = new Int32Array(this.pubNames.length);
    const yearCounts = new Int32Array(10000);
    const facetOf = this.facetOf;
    for (let k = 0; k < slots.length; k++) {
      const f = facetOf[slots[k]];
      pubCounts[f >>> 14]++;
      yearCounts[f & 0x3fff]++;
    }
    const publication: FacetCount[] = [];
    pubCounts.forEach((count, id) => {
      if (count > 0) publication.push({ value: this.pubNames[id], count });
    });
    const year: FacetCount[] = [];
    for (let y = yearCounts.length - 1; y > 0; y--)
      if (yearCounts[y] > 0) year.push({ value: String(y), count: yearCounts[y] });
    if (yearCounts[0] > 0) year.push({ value: '', count: yearCounts[0] });
    return {
      publication: publication.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
      year: year.sort((a, b) => (a.value === '' ? 1 : b.value === '' ? -1 : b.value.localeCompare(a.value))),
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
    this.scratch.reset();
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
    const evaluated = this.evaluate(parsed, sort === 'relevance' ? 'lazy' : 'exact');
    const { slots } = evaluated;
    let { scores } = evaluated;
    const terms = positiveTerms(parsed);
    const want = Math.max(0, offset) + Math.max(0, limit);
    let order: number[];
    if (sort === 'relevance') {
      const depth = want + RERANK_DEPTH;
      let best: number[];
      if (evaluated.lazy) ({ best, scores } = this.exactTop(evaluated, depth));
      else best = topByScore(slots, scores, depth);
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

  /**
   * The `depth` best of scored entries whose scores are upper bounds, best first, with a copy of
   * the scores where those entries hold their exact score. Exact scores are computed for the
   * entries of highest bound only, in growing batches, until the depth-th exact score is above
   * every bound left: the result is the same as scoring every entry exactly.
   */
  private exactTop(scored: Scored, depth: number): { best: number[]; scores: Float64Array } {
    const { slots, lazy } = scored;
    const bounds = scored.scores;
    const scores = this.scratch.float64(bounds.length);
    scores.set(bounds);
    if (!lazy || depth <= 0) return { best: topByScore(slots, bounds, depth), scores };
    const { term, match, avg, weight } = lazy;
    const exact = (k: number): number => {
      const slot = slots[k];
      const at = lowerBound(match.slots, slot);
      const title = match.values[at] & 1;
      return bm25(exactTf(this, term, slot), title, this.lens[slot], avg, weight);
    };
    for (let batch = Math.max(64, depth * 4); ; batch *= 4) {
      const top = topByScore(slots, bounds, batch);
      const chosen = new Int32Array(top.length);
      const exactScores = new Float64Array(top.length);
      top.forEach((k, i) => {
        chosen[i] = slots[k];
        exactScores[i] = scores[k] = exact(k);
      });
      const ranked = topByScore(chosen, exactScores, depth).map((i) => top[i]);
      const everything = top.length === slots.length;
      const leastBound = bounds[top[top.length - 1]];
      const kth = ranked.length === depth ? scores[ranked[depth - 1]] : -Infinity;
      if (everything || kth > leastBound) return { best: ranked, scores };
    }
  }

  /** Ids of every article matching the query, unranked (for recall checks and bulk actions). */
  matchIds(query: string): string[] {
    this.scratch.reset();
    const parsed = parseQuery(query);
    if (parsed.issues.some((i) => i.severity === 'error') || parsed.clauses.length === 0) return [];
    return [...this.evaluate(parsed, 'exists').slots].map((slot) => (this.articles[slot] as Article).id);
  }

  private hit(slot: number, score: number, terms: QueryTerm[]): SearchHit {
    const article = this.articles[slot] as Article;
    const { snippet, highlights } = makeSnippet(article.text, this.snippetRanges(slot, terms));
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
      titleHighlights: terms.some((t) => this.normalisedTitle(slot).includes(t.text))
        ? rangesIn(normalizeWithMap(article.title), article.title, terms)
        : [],
    };
  }

  /**
   * The ranges of the article's text that a snippet can show: every occurrence up to a little
   * past the first one (the snippet is 110 characters from just before it), mapping only that
   * prefix of a long article; the whole text when the first highlight runs on past it.
   */
  private snippetRanges(slot: number, terms: QueryTerm[]): Range[] {
    const article = this.articles[slot] as Article;
    const norm = this.normalisedText(slot);
    let first = -1;
    let longest = 0;
    for (const t of terms) {
      const at = norm.indexOf(t.text);
      if (at !== -1 && (first === -1 || at < first)) first = at;
      longest = Math.max(longest, t.text.length);
    }
    if (first === -1) return [];
    const WINDOW = 240;
    const { origin, end } = originsFrom(article.text, first, WINDOW, longest);
    const map: NormalizedText = { text: '', origin, originalLength: article.text.length };
    const ranges: Range[] = [];
    for (const t of terms) {
      // Non-overlapping occurrences from the start, as findAll: the same ones up to `end`.
      for (let at = norm.indexOf(t.text); at !== -1 && at + t.text.length <= end;) {
        if (at >= first)
          ranges.push(toOriginalRange(map, at - first, at - first + t.text.length, article.text));
        at = norm.indexOf(t.text, at + t.text.length);
      }
    }
    const merged = mergeRanges(ranges);
    if (end === norm.length) return merged;
    if (merged.length === 0 || merged[0][1] >= origin[0] + WINDOW - 120)
      return rangesIn(normalizeWithMap(article.text), article.text, terms);
    return merged;
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

function keepWhere(alloc: Alloc, scored: Scored, keep: (slot: number) => boolean): Scored {
  const { slots, scores } = scored;
  const outSlots = alloc.int32(slots.length);
  const outScores = alloc.float64(slots.length);
  let n = 0;
  for (let k = 0; k < slots.length; k++) {
    if (!keep(slots[k])) continue;
    outSlots[n] = slots[k];
    outScores[n++] = scores[k];
  }
  return { slots: outSlots.subarray(0, n), scores: outScores.subarray(0, n), lazy: scored.lazy };
}

function lowerBound(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Slots in either (sorted) set, scores summed where both have one. */
function unionScored(a: Scored, b: Scored, alloc: Alloc): Scored {
  const slots = alloc.int32(a.slots.length + b.slots.length);
  const scores = alloc.float64(slots.length);
  let m = 0;
  let i = 0;
  let j = 0;
  while (i < a.slots.length || j < b.slots.length) {
    const x = i < a.slots.length ? a.slots[i] : Infinity;
    const y = j < b.slots.length ? b.slots[j] : Infinity;
    if (x === y) {
      slots[m] = x;
      scores[m++] = a.scores[i++] + b.scores[j++];
    } else if (x < y) {
      slots[m] = x;
      scores[m++] = a.scores[i++];
    } else {
      slots[m] = y;
      scores[m++] = b.scores[j++];
    }
  }
  return { slots: slots.subarray(0, m), scores: scores.subarray(0, m) };
}

/** The entries of `a` whose slot is not in sorted `drop`. */
function subtractScored(a: Scored, drop: Int32Array, alloc: Alloc): Scored {
  let j = 0;
  return keepWhere(alloc, a, (slot) => {
    while (j < drop.length && drop[j] < slot) j++;
    return j >= drop.length || drop[j] !== slot;
  });
}

/**
 * Indices of the `k` best entries by score (then lower slot), best first: a bounded heap on
 * typed arrays, since a frequent term brings tens of thousands of entries.
 */
function topByScore(slots: Int32Array, scores: Float64Array, k: number): number[] {
  const n = slots.length;
  if (k <= 0 || n === 0) return [];
  const heap = new Int32Array(Math.min(k, n)); // The worst kept entry at the root.
  let size = 0;
  const worse = (a: number, b: number): boolean =>
    scores[a] < scores[b] || (scores[a] === scores[b] && slots[a] > slots[b]);
  for (let i = 0; i < n; i++) {
    if (size < heap.length) {
      let c = size++;
      heap[c] = i;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c], heap[p])) break;
        const t = heap[c];
        heap[c] = heap[p];
        heap[p] = t;
        c = p;
      }
      continue;
    }
    const root = heap[0];
    if (scores[i] < scores[root] || (scores[i] === scores[root] && slots[i] > slots[root])) continue;
    heap[0] = i;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      const r = l + 1;
      let m = c;
      if (l < size && worse(heap[l], heap[m])) m = l;
      if (r < size && worse(heap[r], heap[m])) m = r;
      if (m === c) break;
      const t = heap[c];
      heap[c] = heap[m];
      heap[m] = t;
      c = m;
    }
  }
  return Array.from(heap.subarray(0, size)).sort((a, b) => scores[b] - scores[a] || slots[a] - slots[b]);
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
