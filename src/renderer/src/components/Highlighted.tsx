import type { ReactNode } from 'react';
import type { Range } from '../../../shared/types';

/** Text with the given ranges wrapped in <mark>. Text is always rendered as text, never HTML. */
export function Highlighted({
  text,
  ranges,
  offset = 0,
}: {
  text: string;
  ranges: Range[];
  offset?: number;
}): ReactNode {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [s0, e0] of ranges) {
    const s = Math.max(0, s0 - offset);
    const e = Math.min(text.length, e0 - offset);
    if (e <= s || s < at) continue;
    if (s > at) parts.push(text.slice(at, s));
    parts.push(
      <mark key={s} className="hit">
        {text.slice(s, e)}
      </mark>,
    );
    at = e;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
