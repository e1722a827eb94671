/**
 * The gram tokeniser of the index: every UTF-16 unit (unigram) and every pair of adjacent units
 * (bigram) of a field's normalised text. A query term's grams are looked up and intersected to
 * find candidates; terms longer than two units are then verified against the text, so recall and
 * precision are exact. Keys are numbers: a unigram is its unit, a bigram is 65536 + (a << 16 | b).
 */

/** Bump when the gram scheme changes. */
export const TOKENIZER_VERSION = 1;

export const UNIGRAM_KEYS = 0x10000;

export function unigramKey(unit: number): number {
  return unit;
}

export function bigramKey(a: number, b: number): number {
  return UNIGRAM_KEYS + a * 0x10000 + b;
}

/** The distinct keys to intersect for a normalised term: its unigram, or its bigrams. */
export function termKeys(term: string): number[] {
  if (term.length === 1) return [unigramKey(term.charCodeAt(0))];
  const keys = new Set<number>();
  for (let i = 0; i + 1 < term.length; i++) keys.add(bigramKey(term.charCodeAt(i), term.charCodeAt(i + 1)));
  return [...keys];
}

/**
 * Open-addressing hash from a bigram pair (a << 16 | b, as int32) to a dense gram id. Key and id
 * sit side by side so that a probe touches one cache line: the build is bound by memory access.
 */
export class PairTable {
  private slots: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(capacity = 1 << 18) {
    this.slots = new Int32Array(capacity * 2).fill(-1);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
  }

  /** The id of `pair`, or -1. */
  get(pair: number): number {
    // Fibonacci hashing: the high bits of the product mix best.
    let h = Math.imul(pair, 0x9e3779b1) >>> this.shift;
    const slots = this.slots;
    for (;;) {
      const id = slots[2 * h + 1];
      if (id === -1 || slots[2 * h] === pair) return id;
      h = (h + 1) & this.mask;
    }
  }

  /** Stores a new pair (one that get() did not find). */
  set(pair: number, id: number): void {
    this.put(pair, id);
    if (++this.size * 2 > this.mask + 1) this.grow();
  }

  private put(pair: number, id: number): void {
    let h = Math.imul(pair, 0x9e3779b1) >>> this.shift;
    while (this.slots[2 * h + 1] !== -1) h = (h + 1) & this.mask;
    this.slots[2 * h] = pair;
    this.slots[2 * h + 1] = id;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.mask = this.mask * 2 + 1;
    this.shift--;
    for (let k = 0; k < old.length; k += 2) if (old[k + 1] !== -1) this.put(old[k], old[k + 1]);
  }
}

/** Bytes a varint takes. */
export function varintLength(n: number): number {
  let bytes = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    bytes++;
  }
  return bytes;
}

export function writeVarint(out: Uint8Array, at: number, n: number): number {
  while (n >= 0x80) {
    out[at++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}
