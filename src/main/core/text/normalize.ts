/**
 * Text normalisation for matching. Owns the mapping between original text and its searchable
 * form; knows nothing about files, articles or the index.
 *
 * The searchable form is NFKC (full- and half-width forms compare equal), lower case, simplified
 * Chinese (traditional and variant characters folded with OpenCC's character tables), with all
 * whitespace removed so that words broken across lines or columns still match.
 *
 * Speed matters: the index normalises every article. CJK ideographs, ASCII and full-width ASCII
 * (nearly all newspaper text) take a table-driven fast path; only other characters go through
 * String.prototype.normalize. The offset map is built only when asked for (snippets, highlights).
 */
import { foldChineseUnit } from './chinese';

export interface NormalizedText {
  /** The searchable form. */
  text: string;
  /** For each UTF-16 unit of `text`, the offset in the original string it came from. */
  origin: Int32Array;
  /** Length of the original string, so that a range ending at the end can be mapped back. */
  originalLength: number;
}

/** Bump when the folding rules change: every persisted index depends on them. */
export const NORMALIZER_VERSION = 2;

const WHITESPACE = /\s/u;
const COMBINING = /\p{M}/u;

function isFastUnit(c: number): boolean {
  return (
    (c >= 0x21 && c < 0x7f) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xff01 && c <= 0xff5e) ||
    (c >= 0x3001 && c <= 0x3007) ||
    (c >= 0x300c && c <= 0x3011)
  );
}

/** Folds one fast-path UTF-16 unit (see isFastUnit) to its searchable unit. */
function foldFast(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  if (c >= 0xff01 && c <= 0xff5e) {
    const ascii = c - 0xfee0; // NFKC of a full-width ASCII form is its ASCII form.
    return ascii >= 0x41 && ascii <= 0x5a ? ascii + 32 : ascii;
  }
  return foldChineseUnit(c);
}

/** Length in UTF-16 units of the cluster at `i`: one code point plus any combining marks after it. */
function clusterLength(s: string, i: number): number {
  const first = s.codePointAt(i) as number;
  let end = i + (first > 0xffff ? 2 : 1);
  while (end < s.length) {
    const cp = s.codePointAt(end) as number;
    if (cp < 0x300 || !COMBINING.test(String.fromCodePoint(cp))) break;
    end += cp > 0xffff ? 2 : 1;
  }
  return end - i;
}

/** Slow path: NFKC, lower case, no whitespace, Chinese folding, for one cluster. */
function foldCluster(cluster: string): string {
  let folded = cluster.normalize('NFKC').toLowerCase();
  if (WHITESPACE.test(folded)) folded = folded.replace(/\s+/gu, '');
  let out = '';
  for (let k = 0; k < folded.length; k++) out += String.fromCharCode(foldChineseUnit(folded.charCodeAt(k)));
  return out;
}

/** Normalises text for matching, without the offset map. */
export function normalize(original: string): string {
  // Build in chunks of char codes: far cheaper than one string concatenation per character.
  const parts: string[] = [];
  const buffer: number[] = [];
  let i = 0;
  const n = original.length;
  while (i < n) {
    const c = original.charCodeAt(i);
    const next = i + 1 < n ? original.charCodeAt(i + 1) : 0;
    if (isFastUnit(c) && !(next >= 0x300 && next <= 0x36f)) {
      buffer.push(foldFast(c));
      i++;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3000) {
      i++;
    } else {
      const len = clusterLength(original, i);
      const folded = foldCluster(original.slice(i, i + len));
      for (let k = 0; k < folded.length; k++) buffer.push(folded.charCodeAt(k));
      i += len;
    }
    if (buffer.length >= 4096) {
      parts.push(String.fromCharCode(...buffer));
      buffer.length = 0;
    }
  }
  parts.push(String.fromCharCode(...buffer));
  return parts.join('');
}

/** Normalises text for matching and keeps, for every output unit, where it came from. */
export function normalizeWithMap(original: string): NormalizedText {
  const n = original.length;
  let origin = new Int32Array(n + 16);
  const parts: string[] = [];
  const buffer: number[] = [];
  let length = 0;
  const push = (unit: number, from: number): void => {
    if (length >= origin.length) {
      const grown = new Int32Array(origin.length * 2);
      grown.set(origin);
      origin = grown;
    }
    origin[length++] = from;
    buffer.push(unit);
    if (buffer.length >= 4096) {
      parts.push(String.fromCharCode(...buffer));
      buffer.length = 0;
    }
  };
  let i = 0;
  while (i < n) {
    const c = original.charCodeAt(i);
    const next = i + 1 < n ? original.charCodeAt(i + 1) : 0;
    if (isFastUnit(c) && !(next >= 0x300 && next <= 0x36f)) {
      push(foldFast(c), i);
      i++;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3000) {
      i++;
    } else {
      const len = clusterLength(original, i);
      const folded = foldCluster(original.slice(i, i + len));
      for (let k = 0; k < folded.length; k++) push(folded.charCodeAt(k), i);
      i += len;
    }
  }
  parts.push(String.fromCharCode(...buffer));
  return { text: parts.join(''), origin: origin.slice(0, length), originalLength: n };
}

/**
 * Where the normalised units from `from` on came from, without building the normalised text
 * (the caller has it): walks `original` and records, for each unit from `from`, its origin, until
 * the first cluster boundary at least `window` original units past the origin of unit `from` and
 * at least `extra` units later. `origin[k]` is the origin of unit `from + k`; `end` is the number
 * of normalised units walked. What a snippet of a long article needs, at a fraction of the cost.
 */
export function originsFrom(
  original: string,
  from: number,
  window: number,
  extra: number,
): { origin: Int32Array; end: number } {
  const n = original.length;
  let origin = new Int32Array(window + extra + 64);
  let count = 0;
  let length = 0;
  let stopAt = Infinity;
  let lengthAtStop = -1;
  let i = 0;
  while (i < n) {
    if (i >= stopAt) {
      if (lengthAtStop < 0) lengthAtStop = length;
      if (length >= lengthAtStop + extra) break;
    }
    const c = original.charCodeAt(i);
    const next = i + 1 < n ? original.charCodeAt(i + 1) : 0;
    let units: number;
    let width = 1;
    if (isFastUnit(c) && !(next >= 0x300 && next <= 0x36f)) units = 1;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3000) units = 0;
    else {
      width = clusterLength(original, i);
      units = foldCluster(original.slice(i, i + width)).length;
    }
    for (let u = 0; u < units; u++, length++) {
      if (length < from) continue;
      if (length === from) stopAt = i + window;
      if (count === origin.length) {
        const grown = new Int32Array(origin.length * 2);
        grown.set(origin);
        origin = grown;
      }
      origin[count++] = i;
    }
    i += width;
  }
  return { origin: origin.subarray(0, count), end: length };
}

/**
 * Maps a range of the normalised text back to the original string. The end is extended to the
 * end of the cluster that produced the last normalised unit.
 */
export function toOriginalRange(
  map: NormalizedText,
  start: number,
  end: number,
  original: string,
): [number, number] {
  const from = map.origin[start] ?? map.originalLength;
  const lastOrigin = map.origin[end - 1] ?? from;
  const width = lastOrigin < original.length ? clusterLength(original, lastOrigin) : 1;
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

/** Number of non-overlapping occurrences of `needle` in `haystack`. */
export function countAll(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  let at = haystack.indexOf(needle);
  while (at !== -1) {
    count++;
    at = haystack.indexOf(needle, at + needle.length);
  }
  return count;
}
