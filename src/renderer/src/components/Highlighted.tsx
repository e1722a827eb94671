import type { ReactNode } from 'react';
import type { Range } from '../../../shared/types';

/**
 * Text with the given ranges wrapped in <mark>. Text is always rendered as text, never HTML.
 * `offset` is where `text` starts in the string the ranges refer to; `markProps` lets a caller tag
 * each mark (for example with its index, for next/previous navigation).
 */
export function Highlighted({
  text,
  ranges,
  offset = 0,
  className = 'hit',
  indexBase,
  current,
}: {
  text: string;
  ranges: readonly (readonly [number, number])[];
  offset?: number;
  className?: string;
  /** When set, each mark gets data-hit = indexBase + its position in `ranges`. */
  indexBase?: number;
  current?: number;
}): ReactNode {
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([s0, e0], i) => {
    const s = Math.max(0, s0 - offset);
    const e = Math.min(text.length, e0 - offset);
    if (e <= s || s < at) return;
    if (s > at) parts.push(text.slice(at, s));
    const index = indexBase === undefined ? undefined : indexBase + i;
    parts.push(
      <mark
        key={`${s}-${e}`}
        className={`${className}${index !== undefined && index === current ? ' current' : ''}`}
        data-hit={index}
      >
        {text.slice(s, e)}
      </mark>,
    );
    at = e;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Ranges of `needle` in `haystack`, ignoring case (used by find-in-article). */
export function findRanges(haystack: string, needle: string): Range[] {
  const ranges: Range[] = [];
  const n = needle.trim().toLowerCase();
  if (!n) return ranges;
  const h = haystack.toLowerCase();
  let at = h.indexOf(n);
  while (at !== -1) {
    ranges.push([at, at + n.length]);
    at = h.indexOf(n, at + n.length);
  }
  return ranges;
}
