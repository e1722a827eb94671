/**
 * Ranking: BM25 over the exact term counts, a title weight (title hits above body hits), a
 * whole-word bonus for the best candidates, and top-k selection without sorting every hit.
 */

export const K1 = 1.2;
const B = 0.75;
/** A title occurrence counts as much as this many well-spread body occurrences. */
export const TITLE_WEIGHT = 2.5;
/** Score multiplier when every term occurs as a whole word somewhere in the article. */
export const WHOLE_WORD_BONUS = 0.35;
/** How many of the best hits get the (costlier) whole-word check. */
export const RERANK_DEPTH = 10;

export function idf(df: number, docs: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

export function bm25(tf: number, inTitle: number, length: number, avgLength: number, weight: number): number {
  return bm25Normed(tf, inTitle, lengthNorm(length, avgLength), weight);
}

/** The document-length part of BM25, which a caller may keep per document. */
export function lengthNorm(length: number, avgLength: number): number {
  return K1 * (1 - B + (B * length) / Math.max(1, avgLength));
}

/** BM25 from a document's lengthNorm: the same value as bm25. */
export function bm25Normed(tf: number, inTitle: number, norm: number, weight: number): number {
  return weight * ((tf * (K1 + 1)) / (tf + norm) + TITLE_WEIGHT * inTitle);
}

/**
 * The `k` best of `count` items by `better(a, b)` (true when a ranks above b), best first.
 * A bounded heap: O(n log k) instead of sorting every hit.
 */
export function topK(count: number, k: number, better: (a: number, b: number) => boolean): number[] {
  if (k <= 0) return [];
  const heap: number[] = []; // The worst kept item at the root.
  const worse = (a: number, b: number): boolean => better(b, a);
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = 0; i < count; i++) {
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (better(i, heap[0])) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

let segmenter: Intl.Segmenter | null = null;

/**
 * Answers of occursAsWord by text (the normalised texts are cached strings, so the lookup hashes
 * each once) and term: word segmentation is the costliest step of ranking a page, and paging or
 * re-sorting asks the same again. Forgotten whole when it grows past a few thousand texts.
 */
const asWordCache = new Map<string, Map<string, boolean>>();

/**
 * Whether some occurrence of `term` in `text` starts and ends on word boundaries (by
 * Intl.Segmenter), looking at a small window around each of the first few occurrences only.
 */
export function occursAsWord(text: string, term: string, tries = 1): boolean {
  let byTerm = asWordCache.get(text);
  const key = tries === 1 ? term : `${tries}\u0000${term}`;
  const known = byTerm?.get(key);
  if (known !== undefined) return known;
  const answer = segmentAsWord(text, term, tries);
  if (!byTerm) {
    if (asWordCache.size >= 4096) asWordCache.clear();
    asWordCache.set(text, (byTerm = new Map()));
  }
  byTerm.set(key, answer);
  return answer;
}

function segmentAsWord(text: string, term: string, tries: number): boolean {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const starts: number[] = [];
  for (
    let at = text.indexOf(term);
    at !== -1 && starts.length < tries;
    at = text.indexOf(term, at + term.length)
  )
    starts.push(at);
  for (const at of starts) {
    const from = Math.max(0, at - 5);
    const to = Math.min(text.length, at + term.length + 5);
    const segments = segmenter.segment(text.slice(from, to));
    // A boundary at i is a segment starting at i (asked for directly: cheaper than listing all).
    const boundary = (i: number): boolean => segments.containing(i)?.index === i;
    // The window's own edges are not real boundaries unless they are the text's edges.
    const startOk = at === 0 || (at - from > 0 && boundary(at - from));
    const end = at + term.length;
    const endOk = end === text.length || (to - end > 0 && boundary(end - from));
    if (startOk && endOk) return true;
  }
  return false;
}
