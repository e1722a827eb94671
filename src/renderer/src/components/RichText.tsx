import type { ReactNode } from 'react';

/** A range of the text to mark, with the classes and data attributes its <mark> gets. */
export interface Layer {
  start: number;
  end: number;
  className: string;
  data?: Record<string, string | number>;
  title?: string;
}

interface Segment {
  start: number;
  end: number;
  layers: Layer[];
}

/** Cuts [from, to) at every layer boundary, so overlapping marks (a search hit inside a highlight) nest. */
function segments(from: number, to: number, layers: Layer[]): Segment[] {
  const cuts = new Set<number>([from, to]);
  for (const l of layers) {
    if (l.end <= from || l.start >= to) continue;
    cuts.add(Math.max(from, l.start));
    cuts.add(Math.min(to, l.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    out.push({ start: s, end: e, layers: layers.filter((l) => l.start <= s && l.end >= e) });
  }
  return out;
}

/**
 * Text of one paragraph (which starts at `offset` in the article text) with every layer that
 * touches it. Always text, never HTML. Each <mark> carries data-* of all its layers.
 */
export function RichText({
  text,
  offset,
  layers,
}: {
  text: string;
  offset: number;
  layers: Layer[];
}): ReactNode {
  const local = layers.filter((l) => l.end > offset && l.start < offset + text.length);
  if (local.length === 0) return text;
  return segments(offset, offset + text.length, local).map((seg) => {
    const piece = text.slice(seg.start - offset, seg.end - offset);
    if (seg.layers.length === 0) return piece;
    const data: Record<string, string | number> = {};
    for (const l of seg.layers) for (const [k, v] of Object.entries(l.data ?? {})) data[`data-${k}`] = v;
    const title = seg.layers
      .map((l) => l.title)
      .filter(Boolean)
      .join('\n');
    return (
      <mark
        key={seg.start}
        className={seg.layers.map((l) => l.className).join(' ')}
        title={title || undefined}
        {...data}
      >
        {piece}
      </mark>
    );
  });
}

/**
 * The character offset in the article text of a DOM point inside the article body. Paragraphs
 * carry data-start; text is counted through every text node in order.
 */
export function textOffset(node: Node, nodeOffset: number): number | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const paragraph = element?.closest<HTMLElement>('[data-start]');
  if (!paragraph) return null;
  const start = Number(paragraph.dataset.start);
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let count = 0;
  if (node.nodeType !== Node.TEXT_NODE) {
    // A point between children: count the text of the children before it.
    const range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEnd(node, nodeOffset);
    return start + range.toString().length;
  }
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (current === node) return start + count + nodeOffset;
    count += current.textContent?.length ?? 0;
  }
  return null;
}
