/**
 * Finds the documents that contain a normalised term, exactly: intersect the postings of its
 * grams (rarest first), then, for terms longer than one bigram, verify each candidate against the
 * normalised text. One- and two-unit terms need no verification: their gram's postings are the
 * exact answer, with the term frequency and title flag stored in them.
 *
 * Everything here works on typed arrays: a frequent term has tens of thousands of hits and the
 * query budget is a few milliseconds.
 */
import { countAll } from '../text/normalize';
import type { DocumentStore } from './docstore';
import { termKeys } from './grams';
import { decode, docFrequency, type Postings, type SegmentData } from './segment';
import type { QueryTerm } from './query';
import { HEAP, type Alloc } from './scratch';

export interface Match {
  /** Global slots, ascending. */
  slots: Int32Array;
  /** Per slot: occurrences (title and text) << 1 | 1 where the term occurs in the title. */
  values: Int32Array;
  /** Number of documents estimated to hold the term (for idf); exact when not restricted. */
  df: number;
  /**
   * True when the occurrences held in `values` are upper bounds (the least frequency of the term's bigrams) instead of
   * exact counts: set by the 'lazy' mode, whose caller computes exact counts (exactTf) only for
   * the documents that can still reach the top.
   */
  upper?: boolean;
}

/**
 * What a caller needs from matchTerm: 'exact' counts every occurrence (for scoring every hit);
 * 'lazy' proves each match with one search of the text and bounds its frequency by the postings;
 * 'exists' only proves matches (for counting, excluding and id lists).
 */
export type MatchMode = 'exact' | 'lazy' | 'exists';

/**
 * A segment whose postings are read on demand (the on-disk index, search/disk/), and which
 * proves longer terms from positions instead of the text.
 */
export interface LazySegment {
  readonly base: number;
  readonly count: number;
  df(key: number): number;
  decode(key: number, alloc: Alloc): Postings;
  /** Per slot of `slots`: occurrences << 1 | inTitle of `term` (0 when absent). `term` has 3+ units. */
  verify(term: string, slots: Int32Array, alloc: Alloc): Int32Array;
}

export type PostingSegment = SegmentData | LazySegment;

function isLazy(seg: PostingSegment): seg is LazySegment {
  return !('arena' in seg);
}

function dfOf(seg: PostingSegment, key: number): number {
  return isLazy(seg) ? seg.df(key) : docFrequency(seg, key);
}

function decodeOf(seg: PostingSegment, key: number, alloc: Alloc): Postings {
  return isLazy(seg) ? seg.decode(key, alloc) : decode(seg, key, alloc);
}

export interface MatchSource {
  segments: readonly PostingSegment[];
  /** Where the arrays of a query come from (see scratch.ts); fresh arrays when absent. */
  scratch?: Alloc;
  /** False when some slot holds a removed article (docs.alive() must then be asked). */
  allAlive(): boolean;
  /** The documents, for what postings cannot answer: removed slots, and texts to verify. */
  docs: Pick<DocumentStore, 'alive' | 'normalisedTitle' | 'normalisedText'>;
}

/**
 * The entries of sorted `a` (with `av`, when given) whose slot is also in sorted `b`; with `bv`,
 * each kept value bounds those of a phrase holding both grams (a gram value is tf << 1 |
 * inTitle: the smaller frequency, in the title only when both are).
 */
export function intersectSorted(
  a: Int32Array,
  av: Int32Array | null,
  b: Int32Array,
  bv?: Int32Array,
  alloc: Alloc = HEAP,
): { slots: Int32Array; values: Int32Array | null } {
  if (!av) return { slots: intersectSlots(a, b, alloc), values: null };
  if (!bv) return keepValues(a, av, b, alloc);
  // Kept monomorphic and branch-light: these loops meet lists of tens of thousands of slots.
  const out = alloc.int32(Math.min(a.length, b.length));
  const outV = alloc.int32(out.length);
  let n = 0;
  let i = 0;
  let j = 0;
  const na = a.length;
  const nb = b.length;
  while (i < na && j < nb) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      const u = av[i];
      const v = bv[j];
      const tf = u >> 1 < v >> 1 ? u >> 1 : v >> 1;
      out[n] = x;
      outV[n] = (tf << 1) | (u & v & 1);
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return { slots: out.subarray(0, n), values: outV.subarray(0, n) };
}

function keepValues(
  a: Int32Array,
  av: Int32Array,
  b: Int32Array,
  alloc: Alloc,
): { slots: Int32Array; values: Int32Array } {
  const out = alloc.int32(Math.min(a.length, b.length));
  const outV = alloc.int32(out.length);
  if (a.length === 0 || b.length === 0) return { slots: out, values: outV };
  // Mark b, then keep a's marked entries without a branch per entry: a merge of two long lists
  // mispredicts about every other step.
  const { marks, epoch } = alloc.stamp(Math.max(a[a.length - 1], b[b.length - 1]) + 1);
  for (let j = 0; j < b.length; j++) marks[b[j]] = epoch;
  let n = 0;
  const limit = out.length;
  for (let i = 0; i < a.length && n < limit; i++) {
    const x = a[i];
    out[n] = x;
    outV[n] = av[i];
    n += marks[x] === epoch ? 1 : 0;
  }
  return { slots: out.subarray(0, n), values: outV.subarray(0, n) };
}

/** Slots in both sorted lists. */
export function intersectSlots(a: Int32Array, b: Int32Array, alloc: Alloc = HEAP): Int32Array {
  const out = alloc.int32(Math.min(a.length, b.length));
  if (a.length === 0 || b.length === 0) return out;
  const { marks, epoch } = alloc.stamp(Math.max(a[a.length - 1], b[b.length - 1]) + 1);
  for (let j = 0; j < b.length; j++) marks[b[j]] = epoch;
  let n = 0;
  const limit = out.length;
  for (let i = 0; i < a.length && n < limit; i++) {
    const x = a[i];
    out[n] = x;
    n += marks[x] === epoch ? 1 : 0;
  }
  return out.subarray(0, n);
}

/** Index of the first entry of sorted `sorted` that is not below `x`. */
export function lowerBound(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The part of sorted `within` that falls into the segment. */
function inSegment(seg: PostingSegment, within: Int32Array): Int32Array {
  return within.subarray(lowerBound(within, seg.base), lowerBound(within, seg.base + seg.count));
}

/** Candidates of one segment: slots (and gram values when exact), before verification. */
function candidates(
  seg: PostingSegment,
  keys: number[],
  within: Int32Array | undefined,
  alloc: Alloc,
): { slots: Int32Array; values: Int32Array | null } | null {
  const dfs = keys.map((key) => dfOf(seg, key));
  if (dfs.some((df) => df === 0)) return null;
  const order = keys.map((_, k) => k).sort((a, b) => dfs[a] - dfs[b]);
  let restricted: Int32Array | undefined;
  if (within) {
    restricted = inSegment(seg, within);
    if (restricted.length === 0) return null;
    // A small set is cheaper to verify directly than to meet with the postings (in memory: a
    // lazy segment would read the texts, which costs more than its postings).
    if (!isLazy(seg) && restricted.length * 8 < dfs[order[0]]) return { slots: restricted, values: null };
  }
  const first = decodeOf(seg, keys[order[0]], alloc);
  let slots = first.slots;
  let values: Int32Array | null = first.values;
  if (restricted) ({ slots, values } = intersectSorted(slots, values, restricted, undefined, alloc));
  // Meeting the next rarest lists narrows the candidates; past three, verification is cheaper.
  // A lazy segment proves a candidate from a few skip entries: it meets a list only when that
  // list is not much longer than the candidates (decoding a list costs its length).
  const lazy = isLazy(seg);
  for (let k = 1; k < Math.min(order.length, 4) && slots.length > 0; k++) {
    if (lazy && keys.length > 2 && dfs[order[k]] > slots.length * 16) break;
    const other = decodeOf(seg, keys[order[k]], alloc);
    ({ slots, values } = intersectSorted(slots, values, other.slots, other.values, alloc));
  }
  return { slots, values };
}

/**
 * Every live document that contains `term` (in the title for title: terms), within `within` if
 * given. See MatchMode for what `tf` holds.
 */
export function matchTerm(
  source: MatchSource,
  term: QueryTerm,
  within?: Int32Array,
  mode: MatchMode = 'exact',
): Match {
  const keys = termKeys(term.text);
  const exact = term.text.length <= 2;
  const titleOnly = term.field === 'title';
  const checkAlive = !source.allAlive();
  const alloc = source.scratch ?? HEAP;
  const parts: Match[] = [];
  let count = 0;
  let upper = false;
  for (const seg of source.segments) {
    const found = candidates(seg, keys, within, alloc);
    if (!found) continue;
    const { slots: cand, values } = found;
    if (exact && values && !checkAlive && !titleOnly) {
      // The gram's postings are the answer: no copy, no check.
      parts.push({ slots: cand, values, df: 0 });
      count += cand.length;
      continue;
    }
    const slots = alloc.int32(cand.length);
    const out = alloc.int32(cand.length);
    // Positions prove longer terms where the segment has them: exact counts, no text read.
    const proved = !exact && isLazy(seg) ? seg.verify(term.text, cand, alloc) : null;
    let n = 0;
    for (let k = 0; k < cand.length; k++) {
      const slot = cand[k];
      if (checkAlive && !source.docs.alive(slot)) continue;
      let tf: number;
      let inTitle: number;
      if (exact && values) {
        tf = values[k] >> 1;
        inTitle = values[k] & 1;
      } else if (proved) {
        tf = proved[k] >> 1;
        inTitle = proved[k] & 1;
      } else {
        // A gram of the term missing from the title rules the title out without looking.
        const inTitleCount =
          values && (values[k] & 1) === 0 ? 0 : countAll(source.docs.normalisedTitle(slot), term.text);
        inTitle = inTitleCount > 0 ? 1 : 0;
        if (titleOnly && inTitle === 0) continue;
        if (mode === 'exact' || (mode === 'lazy' && !values)) {
          tf = inTitleCount + countAll(source.docs.normalisedText(slot), term.text);
        } else {
          // One search proves the match; the bigram postings bound how often it occurs.
          const inText = inTitleCount > 0 || source.docs.normalisedText(slot).indexOf(term.text) !== -1;
          if (!inText) continue;
          if (mode === 'lazy' && values) {
            tf = Math.max(1, values[k] >> 1);
            upper = true;
          } else tf = 1;
        }
      }
      if (tf === 0 || (titleOnly && inTitle === 0)) continue;
      slots[n] = slot;
      out[n] = tf * 2 + inTitle;
      n++;
    }
    if (n === 0) continue;
    parts.push({ slots: slots.subarray(0, n), values: out.subarray(0, n), df: 0 });
    count += n;
  }
  const df = within ? estimateDf(source.segments, keys) : count;
  if (parts.length === 1) return { ...parts[0], df, upper };
  const slots = alloc.int32(count);
  const values = alloc.int32(count);
  let at = 0;
  for (const p of parts) {
    slots.set(p.slots, at);
    values.set(p.values, at);
    at += p.slots.length;
  }
  return { slots, values, df, upper };
}

/** The exact frequency of a term in a document known to contain it (see matchTerm's 'lazy'). */
export function exactTf(source: MatchSource, term: QueryTerm, slot: number): number {
  return (
    countAll(source.docs.normalisedTitle(slot), term.text) +
    countAll(source.docs.normalisedText(slot), term.text)
  );
}

/** Upper bound of the documents holding all `keys`: the rarest key's frequency, summed over segments. */
export function estimateDf(segments: readonly PostingSegment[], keys: number[]): number {
  let total = 0;
  for (const seg of segments) total += Math.min(...keys.map((key) => dfOf(seg, key)));
  return total;
}

/** Cheap cost estimate of a term, for evaluating the most selective clause first. */
export function termCost(segments: readonly PostingSegment[], term: QueryTerm): number {
  return estimateDf(segments, termKeys(term.text));
}
