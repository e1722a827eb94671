/** Builds short excerpts around matches, with highlight ranges as character offsets. */
import type { Range } from '../../../shared/types';

/** Whether a UTF-16 unit is whitespace as the regular expression \s sees it. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Sorts ranges and merges the ones that overlap or touch. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (let k = 0; k < sorted.length; k++) {
    const s = sorted[k][0];
    const e = sorted[k][1];
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Reused between calls (snippets are made one at a time): a query makes twenty of them. */
let codeBuffer = new Uint16Array(512);
let positionBuffer = new Int32Array(512);

/**
 * An excerpt of `text` around the first range, with whitespace runs collapsed to one space and
 * the ranges that fall inside it re-based onto the excerpt.
 */
export function makeSnippet(
  text: string,
  ranges: Range[],
  before = 30,
  length = 110,
): { snippet: string; highlights: Range[] } {
  const first = ranges[0];
  let from = first ? Math.max(0, first[0] - before) : 0;
  const to = Math.min(text.length, Math.max(from + length, first ? first[1] : 0));
  if (first && to - from > length && first[1] - first[0] < length) from = Math.max(0, to - length);
  const prefix = from > 0 ? '…' : '';
  // Char codes collected once and turned into one string: a string per character made most of
  // a query's garbage.
  if (codeBuffer.length < to - from + 1) {
    codeBuffer = new Uint16Array((to - from + 1) * 2);
    positionBuffer = new Int32Array((to - from + 1) * 2);
  }
  const codes = codeBuffer;
  const position = positionBuffer;
  let n = 0;
  let inSpace = false;
  for (let i = from; i < to; i++) {
    position[i - from] = prefix.length + n;
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (!inSpace) codes[n++] = 0x20;
      inSpace = true;
    } else {
      codes[n++] = c;
      inSpace = false;
    }
  }
  position[to - from] = prefix.length + n;
  let snippet = prefix;
  // apply() reads the typed array as array-like; spreading it would step an iterator per unit.
  for (let at = 0; at < n; at += 4096)
    snippet += String.fromCharCode.apply(
      null,
      codes.subarray(at, Math.min(n, at + 4096)) as unknown as number[],
    );
  if (to < text.length) snippet += '…';
  const highlights: Range[] = [];
  for (let k = 0; k < ranges.length; k++) {
    const s = ranges[k][0];
    const e = ranges[k][1];
    if (e <= from || s >= to) continue;
    const start = position[Math.max(s, from) - from];
    const end = position[Math.min(e, to) - from];
    if (end > start) highlights.push([start, end]);
  }
  return { snippet, highlights };
}
