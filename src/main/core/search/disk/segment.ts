/**
 * A segment of the on-disk index as the query code sees it (match.ts's LazySegment): postings
 * read from the database by key when a query asks for them, and longer terms proved from the
 * positions of a few of their bigrams (a cover: every other bigram, and the last one), so that a
 * phrase is counted exactly without reading any article's text.
 */
import { bigramKey } from '../grams';
import type { LazySegment } from '../match';
import type { Alloc } from '../scratch';
import type { Postings } from '../segment';
import { SKIP_EVERY, SKIP_FIELDS } from './positional';
import type { PostingReader, PostingRow } from './tables';

/** Reads one varint at `at` of `bytes`; returns the value, and the next offset in `next[0]`. */
function readVarint(bytes: Uint8Array, at: number, next: Int32Array): number {
  let b = bytes[at++];
  let value = b & 0x7f;
  for (let shift = 7; b & 0x80; shift += 7) {
    b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
  }
  next[0] = at;
  return value;
}

/**
 * Offsets (within the term) of the bigrams whose positions prove the whole term: the first and
 * the last bigram, and between them no gap of more than one bigram, so that every character is
 * covered. Of those sets, the one whose postings are the cheapest to read (least total `cost`,
 * the bigrams' document frequencies): a frequent bigram's positions can be a hundred times the
 * size of a rare one's.
 */
export function coverOffsets(length: number, cost: (offset: number) => number = () => 1): number[] {
  const last = length - 2;
  if (last <= 0) return [0];
  // best[o]: least cost of a cover of characters 0..o+1 that uses the bigram at o.
  const best = new Float64Array(last + 1);
  const from = new Int32Array(last + 1);
  best[0] = cost(0);
  for (let o = 1; o <= last; o++) {
    const one = best[o - 1];
    const two = o >= 2 ? best[o - 2] : Infinity;
    from[o] = two < one ? o - 2 : o - 1;
    best[o] = cost(o) + Math.min(one, two);
  }
  const offsets: number[] = [];
  for (let o = last; o > 0; o = from[o]) offsets.push(o);
  offsets.push(0);
  return offsets.reverse();
}

interface CoverList {
  offset: number;
  docs: Uint8Array;
  positions: Uint8Array;
  /** Skip entries, SKIP_FIELDS numbers each (see positional.ts). */
  skips: Uint32Array;
  /** Where the positions of one document are written, grown as needed. */
  found: Int32Array;
  count: number;
}

/** Document frequency up to which a postings row is read with its positions even when not asked. */
const SHORT_ROW = 2048;

export class DiskSegment implements LazySegment {
  private readonly dfs = new Map<number, number>();
  private readonly rows = new Map<number, PostingRow | null>();
  /** Postings decoded during the current query (into its scratch memory, valid until reset). */
  private readonly decoded = new Map<number, Postings>();
  private readonly next = new Int32Array(1);

  constructor(
    readonly id: number,
    readonly base: number,
    readonly count: number,
    private readonly reader: PostingReader,
    /** Normalised title length per document of the segment. */
    private readonly titleLengths: Int32Array,
  ) {}

  /** Forgets what the last query read (called at the start of each query). */
  reset(): void {
    if (this.rows.size) this.rows.clear();
    if (this.decoded.size) this.decoded.clear();
    if (this.dfs.size > 4096) this.dfs.clear();
  }

  df(key: number): number {
    let df = this.dfs.get(key);
    if (df === undefined) {
      df = this.reader.df(this.id, key);
      this.dfs.set(key, df);
    }
    return df;
  }

  /** A postings row, read once per query; with `positions`, read again with its positions if it was not. */
  private row(key: number, positions = false): PostingRow | null {
    let row = this.rows.get(key);
    if (row === undefined || (positions && row !== null && row.positions === undefined)) {
      // A short row is read whole: its positions cost less than a second read if a phrase needs them.
      row = this.reader.row(this.id, key, positions || this.df(key) <= SHORT_ROW) ?? null;
      this.rows.set(key, row);
    }
    return row;
  }

  decode(key: number, alloc: Alloc): Postings {
    const done = this.decoded.get(key);
    if (done) return done;
    const row = this.row(key);
    if (!row) return { slots: new Int32Array(0), values: new Int32Array(0) };
    const n = row.df;
    const slots = alloc.int32(n);
    const values = alloc.int32(n);
    const bytes = row.docs;
    const next = this.next;
    let at = 0;
    let slot = this.base - 1;
    for (let k = 0; k < n; k++) {
      // Nearly every gap and value is one byte: read those inline.
      let b = bytes[at];
      if (b < 0x80) {
        slot += b;
        at++;
      } else {
        slot += readVarint(bytes, at, next);
        at = next[0];
      }
      b = bytes[at];
      if (b < 0x80) {
        values[k] = b;
        at++;
      } else {
        values[k] = readVarint(bytes, at, next);
        at = next[0];
      }
      slots[k] = slot;
    }
    const postings = { slots, values };
    this.decoded.set(key, postings);
    return postings;
  }

  /**
   * Looks a document up in a bigram's postings through the skip entries (a binary search, then at
   * most SKIP_EVERY postings decoded): writes its positions to `list.found` and returns
   * occurrences << 1 | inTitle, or -1 when the document does not hold the bigram.
   */
  private find(list: CoverList, slot: number): number {
    const { docs, positions, skips } = list;
    const doc = slot - this.base;
    const blocks = skips.length / SKIP_FIELDS;
    if (blocks === 0 || skips[0] > doc) return -1;
    let lo = 0;
    let hi = blocks - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (skips[mid * SKIP_FIELDS] <= doc) lo = mid;
      else hi = mid - 1;
    }
    let at = skips[lo * SKIP_FIELDS + 1];
    let pat = skips[lo * SKIP_FIELDS + 2];
    let d = skips[lo * SKIP_FIELDS];
    const next = this.next;
    for (let k = 0; k < SKIP_EVERY && at < docs.length; k++) {
      const gap = readVarint(docs, at, next);
      at = next[0];
      const value = readVarint(docs, at, next);
      at = next[0];
      // The block's first document is the skip entry's; the others follow by their gaps.
      if (k > 0) d += gap;
      if (d > doc) return -1;
      const tf = value >> 1;
      if (d < doc) {
        // Skip this document's positions: count the varints' last bytes.
        for (let n = tf; n > 0;) if (positions[pat++] < 0x80) n--;
        continue;
      }
      if (list.found.length < tf) list.found = new Int32Array(tf * 2);
      const out = list.found;
      let pos = -1;
      for (let n = 0; n < tf; n++) {
        // Deltas are nearly always one or two bytes.
        let b = positions[pat++];
        let delta = b & 0x7f;
        if (b >= 0x80) {
          b = positions[pat++];
          delta |= (b & 0x7f) << 7;
          for (let shift = 14; b >= 0x80; shift += 7) {
            b = positions[pat++];
            delta += (b & 0x7f) * 2 ** shift;
          }
        }
        pos += delta;
        out[n] = pos;
      }
      list.count = tf;
      return value;
    }
    return -1;
  }

  verify(term: string, slots: Int32Array, alloc: Alloc): Int32Array {
    const out = alloc.int32(slots.length).fill(0);
    const lists: CoverList[] = [];
    const keyAt = (offset: number): number => bigramKey(term.charCodeAt(offset), term.charCodeAt(offset + 1));
    for (const offset of coverOffsets(term.length, (o) => this.df(keyAt(o)))) {
      const key = keyAt(offset);
      const row = this.row(key, true);
      if (!row?.positions || !row.skips) return out;
      // The skip entries as 32-bit numbers (copied: a blob from SQLite may start at any byte).
      const skips = new Uint32Array(row.skips.byteLength >> 2);
      new Uint8Array(skips.buffer).set(row.skips);
      lists.push({
        offset,
        docs: row.docs,
        positions: row.positions,
        skips,
        found: new Int32Array(64),
        count: 0,
      });
    }
    const pointers = new Int32Array(lists.length);
    const length = term.length;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k];
      let found = true;
      for (let i = 0; i < lists.length && found; i++) found = this.find(lists[i], slot) !== -1;
      if (!found) continue;
      // Occurrences: positions p of the first bigram with every other cover bigram at p + offset,
      // counted without overlap (as the in-memory index counts them).
      pointers.fill(0);
      let tf = 0;
      let inTitle = 0;
      let end = -1;
      const first = lists[0];
      const titleLength = this.titleLengths[slot - this.base];
      for (let a = 0; a < first.count; a++) {
        const p = first.found[a];
        let all = true;
        for (let i = 1; i < lists.length && all; i++) {
          const want = p + lists[i].offset;
          const list = lists[i];
          let j = pointers[i];
          while (j < list.count && list.found[j] < want) j++;
          pointers[i] = j;
          all = j < list.count && list.found[j] === want;
        }
        if (!all || p < end) continue;
        tf++;
        end = p + length;
        if (p < titleLength) inTitle = 1;
      }
      out[k] = tf * 2 + inTitle;
    }
    return out;
  }
}
