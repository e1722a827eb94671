/**
 * Text normalisation for matching. Owns the mapping between original text and its searchable
 * form; knows nothing about files, articles or the index.
 *
 * The searchable form is NFKC (full- and half-width forms compare equal), lower case, with all
 * whitespace removed so that words broken across lines or columns still match.
 */

export interface NormalizedText {
  /** The searchable form. */
  text: string;
  /** For each UTF-16 unit of `text`, the offset in the original string it came from. */
  origin: Int32Array;
  /** Length of the original string, so that a range ending at the end can be mapped back. */
  originalLength: number;
}

const WHITESPACE = /\s/u;

function foldCodePoint(cp: string): string {
  if (cp.charCodeAt(0) < 0x80) {
    // ASCII: the common case for Latin and digits, and NFKC is the identity there.
    return WHITESPACE.test(cp) ? '' : cp.toLowerCase();
  }
  const folded = cp.normalize('NFKC').toLowerCase();
  return WHITESPACE.test(folded) ? folded.replace(/\s+/gu, '') : folded;
}

/** Normalises text for matching and keeps, for every output unit, where it came from. */
export function normalizeWithMap(original: string): NormalizedText {
  const out: string[] = [];
  const origin = new Int32Array(original.length * 2 + 4);
  let length = 0;
  let i = 0;
  while (i < original.length) {
    const cp = String.fromCodePoint(original.codePointAt(i) as number);
    const folded = foldCodePoint(cp);
    for (let k = 0; k < folded.length; k++) {
      if (length >= origin.length) break;
      origin[length++] = i;
    }
    out.push(folded);
    i += cp.length;
  }
  return { text: out.join(''), origin: origin.slice(0, length), originalLength: original.length };
}

/** Normalises text for matching, without the offset map. */
export function normalize(original: string): string {
  let out = '';
  for (const cp of original) out += foldCodePoint(cp);
  return out;
}

/**
 * Maps a range of the normalised text back to the original string. The end is extended to the
 * end of the code point that produced the last normalised unit.
 */
export function toOriginalRange(
  map: NormalizedText,
  start: number,
  end: number,
  original: string,
): [number, number] {
  const from = map.origin[start] ?? map.originalLength;
  const lastOrigin = map.origin[end - 1] ?? from;
  const cp = original.codePointAt(lastOrigin);
  const width = cp !== undefined && cp > 0xffff ? 2 : 1;
  return [from, Math.min(map.originalLength, lastOrigin + width)];
}

/** All start offsets of `needle` in `haystack`, non-overlapping. */
export function findAll(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  let at = haystack.indexOf(needle);
  while (at !== -1) {
    found.push(at);
    at = haystack.indexOf(needle, at + needle.length);
  }
  return found;
}
