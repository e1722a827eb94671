/** Builds short excerpts around matches, with highlight ranges as character offsets. */
import type { Range } from '../../../shared/types';

/** Sorts ranges and merges the ones that overlap or touch. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

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
  let snippet = from > 0 ? '…' : '';
  const position = new Int32Array(to - from + 1);
  let inSpace = false;
  for (let i = from; i < to; i++) {
    position[i - from] = snippet.length;
    const ch = text[i];
    if (/\s/u.test(ch)) {
      if (!inSpace) snippet += ' ';
      inSpace = true;
    } else {
      snippet += ch;
      inSpace = false;
    }
  }
  position[to - from] = snippet.length;
  if (to < text.length) snippet += '…';
  const highlights: Range[] = [];
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const start = position[Math.max(s, from) - from];
    const end = position[Math.min(e, to) - from];
    if (end > start) highlights.push([start, end]);
  }
  return { snippet, highlights };
}
