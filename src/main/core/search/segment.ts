/**
 * One immutable posting segment: for every gram of a run of documents, the documents that hold it
 * with their term frequency and whether it occurs in the title. Postings are delta- and
 * varint-encoded in one byte arena (about 2 bytes per posting) instead of one JS object per
 * posting, which is what made feeding MiniSearch every bigram slow and large.
 *
 * Built in two passes over the normalised text: the first sizes every posting list exactly, the
 * second writes it, so the build never holds more than the final arena.
 */
import { bigramKey, PairTable, UNIGRAM_KEYS, varintLength, writeVarint } from './grams';
import { HEAP, type Alloc } from './scratch';

export interface SegmentData {
  /** Global slot of the segment's first document. */
  base: number;
  count: number;
  /** Gram keys, ascending. */
  keys: Float64Array;
  /** Document frequency of each key. */
  df: Uint32Array;
  /** Byte offset of each key's postings in `arena`; one more entry than keys. */
  offsets: Uint32Array;
  arena: Uint8Array;
  /** Normalised length (title + text) of each document of the segment. */
  lengths: Int32Array;
}

/** Postings decoded for one key: global slots ascending, with tf << 1 | inTitle. */
export interface Postings {
  slots: Int32Array;
  values: Int32Array;
}

export interface DocText {
  title: string;
  text: string;
}

/** Optional hook between documents: progress, and a way to stop (throw) a long build. */
export type BuildTick = (done: number, total: number) => void;

class Growable {
  data: Int32Array;
  constructor(size: number) {
    this.data = new Int32Array(size);
  }
  ensure(n: number): void {
    if (n <= this.data.length) return;
    const next = new Int32Array(Math.max(n, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

export function buildSegment(docs: DocText[], base: number, tick?: BuildTick): SegmentData {
  const pairs = new PairTable();
  const uni = new Int32Array(UNIGRAM_KEYS).fill(-1);
  const gramKey: number[] = [];
  const tf = new Growable(1 << 18);
  const inTitle = new Growable(1 << 18);
  // Last document (plus one, so that zero means none) that each gram was seen in.
  const lastDoc = new Growable(1 << 18);
  const bytes = new Growable(1 << 18);
  const df = new Growable(1 << 18);
  const touched: number[] = [];

  const newGram = (key: number): number => {
    const id = gramKey.length;
    gramKey.push(key);
    tf.ensure(id + 1);
    inTitle.ensure(id + 1);
    lastDoc.ensure(id + 1);
    bytes.ensure(id + 1);
    df.ensure(id + 1);
    return id;
  };
  // The hot loop: one unigram and one bigram per UTF-16 unit, on typed arrays only.
  const scan = (s: string, title: number): void => {
    const n = s.length;
    let counts = tf.data;
    let titled = inTitle.data;
    let prev = -1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      let u = uni[c];
      if (u === -1) {
        u = uni[c] = newGram(c);
        counts = tf.data;
        titled = inTitle.data;
      }
      if (counts[u] === 0) touched.push(u);
      counts[u]++;
      titled[u] |= title;
      if (prev !== -1) {
        const pair = (prev << 16) | c;
        let g = pairs.get(pair);
        if (g === -1) {
          g = newGram(bigramKey(prev, c));
          pairs.set(pair, g);
          counts = tf.data;
          titled = inTitle.data;
        }
        if (counts[g] === 0) touched.push(g);
        counts[g]++;
        titled[g] |= title;
      }
      prev = c;
    }
  };

  let arena = new Uint8Array(0);
  let cursor = new Uint32Array(0);
  let dictionary: { keys: Float64Array; df: Uint32Array; offsets: Uint32Array } | null = null;
  const lengths = new Int32Array(docs.length);
  for (let pass = 0; pass < 2; pass++) {
    for (let d = 0; d < docs.length; d++) {
      const doc = docs[d];
      scan(doc.title, 1);
      scan(doc.text, 0);
      lengths[d] = doc.title.length + doc.text.length;
      const tfd = tf.data;
      const titled = inTitle.data;
      const last = lastDoc.data;
      for (const g of touched) {
        const value = tfd[g] * 2 + titled[g];
        const gap = d + 1 - last[g];
        if (pass === 0) {
          bytes.data[g] += varintLength(gap) + varintLength(value);
          df.data[g]++;
        } else {
          let at = writeVarint(arena, cursor[g], gap);
          at = writeVarint(arena, at, value);
          cursor[g] = at;
        }
        last[g] = d + 1;
        tfd[g] = 0;
        titled[g] = 0;
      }
      touched.length = 0;
      if (tick && (d & 255) === 0) tick(pass * docs.length + d, docs.length * 2);
    }
    if (pass === 0) {
      // Lay the lists out in key order so that the dictionary is a sorted array.
      // A native numeric sort of the keys, then each gram's place by binary search: far faster
      // than sorting ids with a comparator.
      const keys = Float64Array.from(gramKey).sort();
      const order = new Int32Array(gramKey.length);
      for (let g = 0; g < gramKey.length; g++) {
        const key = gramKey[g];
        let lo = 0;
        let hi = keys.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (keys[mid] < key) lo = mid + 1;
          else hi = mid;
        }
        order[lo] = g;
      }
      cursor = new Uint32Array(gramKey.length);
      const dfs = new Uint32Array(order.length);
      const offsets = new Uint32Array(order.length + 1);
      let total = 0;
      for (let k = 0; k < order.length; k++) {
        const g = order[k];
        cursor[g] = total;
        dfs[k] = df.data[g];
        offsets[k] = total;
        total += bytes.data[g];
      }
      offsets[order.length] = total;
      arena = new Uint8Array(total);
      lastDoc.data.fill(0);
      dictionary = { keys, df: dfs, offsets };
    }
  }
  tick?.(docs.length * 2, docs.length * 2);
  if (!dictionary) throw new Error('unreachable');
  return { base, count: docs.length, ...dictionary, arena, lengths };
}

/** Index of `key` in the segment's dictionary, or -1. */
export function findKey(seg: SegmentData, key: number): number {
  let lo = 0;
  let hi = seg.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = seg.keys[mid];
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function docFrequency(seg: SegmentData, key: number): number {
  const at = findKey(seg, key);
  return at === -1 ? 0 : seg.df[at];
}

/** Decodes the postings of `key` (empty when absent), slots made global. */
export function decode(seg: SegmentData, key: number, alloc: Alloc = HEAP): Postings {
  const at = findKey(seg, key);
  if (at === -1) return { slots: new Int32Array(0), values: new Int32Array(0) };
  const n = seg.df[at];
  const slots = alloc.int32(n);
  const values = alloc.int32(n);
  const arena = seg.arena;
  let p = seg.offsets[at];
  let slot = seg.base - 1;
  for (let k = 0; k < n; k++) {
    // Nearly every gap and value fits one byte; longer ones stay well under 2^31.
    let b = arena[p++];
    let gap = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = arena[p++];
      gap |= (b & 0x7f) << shift;
    }
    b = arena[p++];
    let value = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = arena[p++];
      value |= (b & 0x7f) << shift;
    }
    slot += gap;
    slots[k] = slot;
    values[k] = value;
  }
  return { slots, values };
}
