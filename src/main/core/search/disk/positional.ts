/**
 * A posting segment with positions, for the index that lives on disk. Besides the document
 * postings of every gram (the same encoding as segment.ts: slot gap, then tf << 1 | inTitle),
 * every bigram keeps where it occurs in each document, so that a phrase of any length is proved
 * from the postings of a few of its bigrams, without reading the article's text. Every 8th
 * posting of a bigram has a skip entry (the posting's document, and the byte offsets of its
 * document posting and of its positions), so that a candidate document is found by a binary
 * search and a few postings decoded, and the positions of
 * one candidate document are found without decoding those of all the others.
 *
 * Positions count UTF-16 units of the normalised title, then of the text starting one unit after
 * the title's end: no phrase can span the two.
 */
import { bigramKey, PairTable, UNIGRAM_KEYS, varintLength, writeVarint } from '../grams';
import type { DocText, SegmentData } from '../segment';

export const SKIP_EVERY = 8;
export const SKIP_FIELDS = 3;

export interface PositionalSegment extends SegmentData {
  /** Positions of key k (bigrams only): positions[posOffsets[k] .. posOffsets[k + 1]). */
  posOffsets: Uint32Array;
  positions: Uint8Array;
  /**
   * Skip entries of key k: skips[skipOffsets[k] .. skipOffsets[k + 1]), SKIP_FIELDS numbers per
   * entry: the document (within the segment), and the offsets of its posting in the key's
   * document postings and of its positions in the key's positions.
   */
  skipOffsets: Uint32Array;
  skips: Uint32Array;
  /** Normalised length of the title, per document. */
  titleLengths: Int32Array;
}

class Column {
  data = new Int32Array(1 << 16);
  ensure(n: number): void {
    if (n <= this.data.length) return;
    const next = new Int32Array(Math.max(n, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/** Per-gram counters of the build, grown together. */
class Grams {
  readonly key: number[] = [];
  readonly tf = new Column();
  readonly titled = new Column();
  readonly lastDoc = new Column();
  readonly lastPos = new Column();
  readonly docBytes = new Column();
  readonly posBytes = new Column();
  readonly df = new Column();
  readonly docStart = new Column();
  readonly columns = [
    this.tf,
    this.titled,
    this.lastDoc,
    this.lastPos,
    this.docBytes,
    this.posBytes,
    this.df,
    this.docStart,
  ];

  add(key: number): number {
    const id = this.key.length;
    this.key.push(key);
    for (const c of this.columns) c.ensure(id + 1);
    return id;
  }
}

export function buildPositional(
  docs: DocText[],
  base: number,
  tick?: (done: number, total: number) => void,
): PositionalSegment {
  const pairs = new PairTable();
  const uni = new Int32Array(UNIGRAM_KEYS).fill(-1);
  const g = new Grams();
  const touched: number[] = [];
  let pass = 0;
  let positions = new Uint8Array(0);
  let posCursor = new Uint32Array(0);

  // The hot loop: one unigram and one bigram per UTF-16 unit, on typed arrays only.
  const scan = (s: string, offset: number, title: number): void => {
    let prev = -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      let u = uni[c];
      if (u === -1) u = uni[c] = g.add(c);
      if (g.tf.data[u] === 0) touched.push(u);
      g.tf.data[u]++;
      g.titled.data[u] |= title;
      if (prev !== -1) {
        const pair = (prev << 16) | c;
        let b = pairs.get(pair);
        if (b === -1) {
          b = g.add(bigramKey(prev, c));
          pairs.set(pair, b);
        }
        const pos = offset + i - 1;
        if (g.tf.data[b] === 0) {
          touched.push(b);
          g.lastPos.data[b] = -1;
          if (pass === 1) g.docStart.data[b] = posCursor[b];
        }
        g.tf.data[b]++;
        g.titled.data[b] |= title;
        const delta = pos - g.lastPos.data[b];
        g.lastPos.data[b] = pos;
        if (pass === 0) g.posBytes.data[b] += delta < 0x80 ? 1 : delta < 0x4000 ? 2 : varintLength(delta);
        else posCursor[b] = writeVarint(positions, posCursor[b], delta);
      }
      prev = c;
    }
  };

  const lengths = new Int32Array(docs.length);
  const titleLengths = new Int32Array(docs.length);
  let arena = new Uint8Array(0);
  let cursor = new Uint32Array(0);
  let skips = new Uint32Array(0);
  let skipCursor = new Uint32Array(0);
  let posBase = new Uint32Array(0);
  let docBase = new Uint32Array(0);
  let layout: Pick<PositionalSegment, 'keys' | 'df' | 'offsets' | 'posOffsets' | 'skipOffsets'> | null = null;
  for (pass = 0; pass < 2; pass++) {
    for (let d = 0; d < docs.length; d++) {
      const { title, text } = docs[d];
      scan(title, 0, 1);
      scan(text, title.length + 1, 0);
      lengths[d] = title.length + text.length;
      titleLengths[d] = title.length;
      for (const id of touched) {
        const value = g.tf.data[id] * 2 + g.titled.data[id];
        const gap = d + 1 - g.lastDoc.data[id];
        if (pass === 0) {
          g.docBytes.data[id] += varintLength(gap) + varintLength(value);
          g.df.data[id]++;
        } else {
          // g.df counts this gram's postings written so far in the second pass.
          if (g.key[id] >= UNIGRAM_KEYS && g.df.data[id] % SKIP_EVERY === 0) {
            const at = skipCursor[id];
            skips[at] = d;
            skips[at + 1] = cursor[id] - docBase[id];
            skips[at + 2] = g.docStart.data[id] - posBase[id];
            skipCursor[id] = at + SKIP_FIELDS;
          }
          let at = writeVarint(arena, cursor[id], gap);
          at = writeVarint(arena, at, value);
          cursor[id] = at;
          g.df.data[id]++;
        }
        g.lastDoc.data[id] = d + 1;
        g.tf.data[id] = 0;
        g.titled.data[id] = 0;
      }
      touched.length = 0;
      if (tick && (d & 255) === 0) tick(pass * docs.length + d, docs.length * 2);
    }
    if (pass === 1) break;
    // Lay the lists out in key order: the keys sorted natively, each gram placed by binary search.
    const n = g.key.length;
    const keys = Float64Array.from(g.key).sort();
    const order = new Int32Array(n);
    for (let id = 0; id < n; id++) {
      const key = g.key[id];
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keys[mid] < key) lo = mid + 1;
        else hi = mid;
      }
      order[lo] = id;
    }
    const df = new Uint32Array(n);
    const offsets = new Uint32Array(n + 1);
    const posOffsets = new Uint32Array(n + 1);
    const skipOffsets = new Uint32Array(n + 1);
    cursor = new Uint32Array(n);
    posCursor = new Uint32Array(n);
    posBase = new Uint32Array(n);
    docBase = new Uint32Array(n);
    skipCursor = new Uint32Array(n);
    let docTotal = 0;
    let posTotal = 0;
    let skipTotal = 0;
    for (let k = 0; k < n; k++) {
      const id = order[k];
      df[k] = g.df.data[id];
      offsets[k] = cursor[id] = docBase[id] = docTotal;
      posOffsets[k] = posCursor[id] = posBase[id] = posTotal;
      skipOffsets[k] = skipCursor[id] = skipTotal;
      docTotal += g.docBytes.data[id];
      posTotal += g.posBytes.data[id];
      if (g.key[id] >= UNIGRAM_KEYS) skipTotal += Math.ceil(df[k] / SKIP_EVERY) * SKIP_FIELDS;
    }
    offsets[n] = docTotal;
    posOffsets[n] = posTotal;
    skipOffsets[n] = skipTotal;
    arena = new Uint8Array(docTotal);
    positions = new Uint8Array(posTotal);
    skips = new Uint32Array(skipTotal);
    g.lastDoc.data.fill(0);
    g.df.data.fill(0);
    layout = { keys, df, offsets, posOffsets, skipOffsets };
  }
  tick?.(docs.length * 2, docs.length * 2);
  if (!layout) throw new Error('unreachable');
  return { base, count: docs.length, ...layout, arena, positions, skips, lengths, titleLengths };
}
