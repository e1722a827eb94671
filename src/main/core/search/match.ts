/**
 * Finds the documents that contain a normalised term, exactly: intersect the postings of its
 * grams (rarest first), then, for terms longer than one bigram, verify each candidate against the
 * normalised text. One- and two-unit terms need no verification: their gram is the term.
 */
import { countAll } from '../text/normalize';
import { termKeys } from './grams';
import { decode, docFrequency, type SegmentData } from './segment';
import type { QueryTerm } from './query';

export interface Match {
  /** Global slots, ascending. */
  slots: Int32Array;
  /** Occurrences per slot (title and text). */
  tf: Int32Array;
  /** 1 where the term occurs in the title. */
  title: Uint8Array;
  /** Number of documents estimated to hold the term (for idf); exact when not restricted. */
  df: number;
}

export interface MatchSource {
  segments: readonly SegmentData[];
  alive(slot: number): boolean;
  normalisedTitle(slot: number): string;
  normalisedText(slot: number): string;
}

/** Slots present in both sorted lists; `keepA` gets the index into `a` of each common slot. */
function intersect(a: Int32Array, b: Int32Array, keepA: number[]): void {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      keepA.push(i);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
}

function select(arr: Int32Array, at: number[]): Int32Array {
  const out = new Int32Array(at.length);
  for (let k = 0; k < at.length; k++) out[k] = arr[at[k]];
  return out;
}

/** Candidates of one segment: slots (and gram values when exact), before verification. */
function candidates(
  seg: SegmentData,
  keys: number[],
  within: Int32Array | undefined,
): { slots: Int32Array; values: Int32Array | null } | null {
  const dfs = keys.map((key) => docFrequency(seg, key));
  if (dfs.some((df) => df === 0)) return null;
  const order = keys.map((_, k) => k).sort((a, b) => dfs[a] - dfs[b]);
  let restricted: Int32Array | undefined;
  if (within) {
    let lo = 0;
    while (lo < within.length && within[lo] < seg.base) lo++;
    let hi = lo;
    while (hi < within.length && within[hi] < seg.base + seg.count) hi++;
    restricted = within.subarray(lo, hi);
    if (restricted.length === 0) return null;
    // A small set is cheaper to verify directly than to meet with the postings.
    if (restricted.length * 8 < dfs[order[0]]) return { slots: restricted, values: null };
  }
  const first = decode(seg, keys[order[0]]);
  let slots = first.slots;
  let values: Int32Array | null = first.values;
  if (restricted) {
    const keep: number[] = [];
    intersect(slots, restricted, keep);
    slots = select(slots, keep);
    values = select(values, keep);
  }
  // Meeting the next rarest lists narrows the candidates; past three, verification is cheaper.
  for (let k = 1; k < Math.min(order.length, 4) && slots.length > 0; k++) {
    const other = decode(seg, keys[order[k]]);
    const keep: number[] = [];
    intersect(slots, other.slots, keep);
    slots = select(slots, keep);
    values = values ? select(values, keep) : null;
  }
  return { slots, values };
}

/** Every live document that contains `term` (in the title for title: terms), within `within` if given. */
export function matchTerm(source: MatchSource, term: QueryTerm, within?: Int32Array): Match {
  const keys = termKeys(term.text);
  const exact = term.text.length <= 2;
  const slots: number[] = [];
  const tfs: number[] = [];
  const titles: number[] = [];
  for (const seg of source.segments) {
    const found = candidates(seg, keys, within);
    if (!found) continue;
    const { slots: cand, values } = found;
    for (let k = 0; k < cand.length; k++) {
      const slot = cand[k];
      if (!source.alive(slot)) continue;
      let tf: number;
      let inTitle: number;
      if (exact && values) {
        tf = values[k] >> 1;
        inTitle = values[k] & 1;
      } else {
        const inTitleCount = countAll(source.normalisedTitle(slot), term.text);
        inTitle = inTitleCount > 0 ? 1 : 0;
        tf =
          inTitleCount +
          (term.field === 'title' && inTitle === 0 ? 0 : countAll(source.normalisedText(slot), term.text));
      }
      if (tf === 0 || (term.field === 'title' && inTitle === 0)) continue;
      slots.push(slot);
      tfs.push(tf);
      titles.push(inTitle);
    }
  }
  const df = within ? estimateDf(source.segments, keys) : slots.length;
  return { slots: Int32Array.from(slots), tf: Int32Array.from(tfs), title: Uint8Array.from(titles), df };
}

/** Upper bound of the documents holding all `keys`: the rarest key's frequency, summed over segments. */
export function estimateDf(segments: readonly SegmentData[], keys: number[]): number {
  let total = 0;
  for (const seg of segments) total += Math.min(...keys.map((key) => docFrequency(seg, key)));
  return total;
}

/** Cheap cost estimate of a term, for evaluating the most selective clause first. */
export function termCost(segments: readonly SegmentData[], term: QueryTerm): number {
  return estimateDf(segments, termKeys(term.text));
}
