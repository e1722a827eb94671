/**
 * From the matching slots to the page of hits to show: the best by relevance (exact scores only
 * where upper bounds could still reach the top, a whole-word bonus for the best few) or by date,
 * and the facet counts of every match. Only the `offset + limit` best are ordered: a frequent
 * word matches tens of thousands of articles and a page shows twenty.
 */
import type { DocumentStore } from './docstore';
import type { QueryContext, Scored } from './evaluate';
import { exactTf, lowerBound } from './match';
import type { QueryTerm } from './query';
import { bm25, occursAsWord, RERANK_DEPTH, topK, WHOLE_WORD_BONUS } from './rank';
import type { FacetCount, SearchFacets, SearchSort } from './types';

/**
 * Indices into `scored` of the `want` best entries in `sort` order, best first, and the scores
 * to show for them (exact, bonus included, for relevance).
 */
export function collect(
  ctx: QueryContext,
  scored: Scored,
  terms: QueryTerm[],
  sort: SearchSort,
  want: number,
): { order: number[]; scores: Float64Array } {
  const { slots } = scored;
  let { scores } = scored;
  if (sort !== 'relevance') {
    const sign = sort === 'newest' ? 1 : -1;
    const dates = ctx.docs.dates;
    const d = (k: number): number => dates[slots[k]];
    const order = topK(slots.length, want, (a, b) =>
      d(a) !== d(b)
        ? sign * (d(a) - d(b)) > 0
        : scores[a] !== scores[b]
          ? scores[a] > scores[b]
          : slots[a] < slots[b],
    );
    return { order, scores };
  }
  const depth = want + RERANK_DEPTH;
  let best: number[];
  if (scored.lazy) ({ best, scores } = exactTop(ctx, scored, depth));
  else best = topByScore(slots, scores, depth);
  // Whole-word bonus on the best candidates only: segmentation is too slow for every hit.
  const final = new Map<number, number>();
  for (const k of best) {
    const slot = slots[k];
    let whole = 0;
    for (const t of terms) {
      const title = ctx.docs.normalisedTitle(slot);
      if (
        (title.includes(t.text) && occursAsWord(title, t.text)) ||
        (t.field === 'any' && occursAsWord(ctx.docs.normalisedText(slot), t.text))
      )
        whole++;
    }
    final.set(k, scores[k] * (1 + (terms.length ? (WHOLE_WORD_BONUS * whole) / terms.length : 0)));
  }
  const order = best
    .sort((a, b) => (final.get(b) as number) - (final.get(a) as number) || slots[a] - slots[b])
    .slice(0, want);
  for (const k of order) scores[k] = final.get(k) as number;
  return { order, scores };
}

/**
 * The `depth` best of scored entries whose scores are upper bounds, best first, with a copy of
 * the scores where those entries hold their exact score. Exact scores are computed for the
 * entries of highest bound only, in growing batches, until the depth-th exact score is above
 * every bound left: the result is the same as scoring every entry exactly.
 */
function exactTop(
  ctx: QueryContext,
  scored: Scored,
  depth: number,
): { best: number[]; scores: Float64Array } {
  const { slots, lazy } = scored;
  const bounds = scored.scores;
  const scores = ctx.scratch.float64(bounds.length);
  scores.set(bounds);
  if (!lazy || depth <= 0) return { best: topByScore(slots, bounds, depth), scores };
  const { term, match, avg, weight } = lazy;
  const lens = ctx.docs.lens;
  const exact = (k: number): number => {
    const slot = slots[k];
    const at = lowerBound(match.slots, slot);
    const title = match.values[at] & 1;
    return bm25(exactTf(ctx, term, slot), title, lens[slot], avg, weight);
  };
  for (let batch = Math.max(64, depth * 4); ; batch *= 4) {
    const top = topByScore(slots, bounds, batch);
    const chosen = new Int32Array(top.length);
    const exactScores = new Float64Array(top.length);
    top.forEach((k, i) => {
      chosen[i] = slots[k];
      exactScores[i] = scores[k] = exact(k);
    });
    const ranked = topByScore(chosen, exactScores, depth).map((i) => top[i]);
    const everything = top.length === slots.length;
    const leastBound = bounds[top[top.length - 1]];
    const kth = ranked.length === depth ? scores[ranked[depth - 1]] : -Infinity;
    if (everything || kth > leastBound) return { best: ranked, scores };
  }
}

/**
 * Indices of the `k` best entries by score (then lower slot), best first: a bounded heap on
 * typed arrays, since a frequent term brings tens of thousands of entries.
 */
function topByScore(slots: Int32Array, scores: Float64Array, k: number): number[] {
  const n = slots.length;
  if (k <= 0 || n === 0) return [];
  const heap = new Int32Array(Math.min(k, n)); // The worst kept entry at the root.
  let size = 0;
  const worse = (a: number, b: number): boolean =>
    scores[a] < scores[b] || (scores[a] === scores[b] && slots[a] > slots[b]);
  for (let i = 0; i < n; i++) {
    if (size < heap.length) {
      let c = size++;
      heap[c] = i;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c], heap[p])) break;
        const t = heap[c];
        heap[c] = heap[p];
        heap[p] = t;
        c = p;
      }
      continue;
    }
    const root = heap[0];
    if (scores[i] < scores[root] || (scores[i] === scores[root] && slots[i] > slots[root])) continue;
    heap[0] = i;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      const r = l + 1;
      let m = c;
      if (l < size && worse(heap[l], heap[m])) m = l;
      if (r < size && worse(heap[r], heap[m])) m = r;
      if (m === c) break;
      const t = heap[c];
      heap[c] = heap[m];
      heap[m] = t;
      c = m;
    }
  }
  return Array.from(heap.subarray(0, size)).sort((a, b) => scores[b] - scores[a] || slots[a] - slots[b]);
}

/** Matches per publication (most first) and per year (newest first, undated last). */
export function facets(docs: DocumentStore, slots: Int32Array): SearchFacets {
  const pubCounts = new Int32Array(docs.pubNames.length);
  const yearCounts = new Int32Array(10000);
  const facetOf = docs.facetOf;
  for (let k = 0; k < slots.length; k++) {
    const f = facetOf[slots[k]];
    pubCounts[f >>> 14]++;
    yearCounts[f & 0x3fff]++;
  }
  const publication: FacetCount[] = [];
  pubCounts.forEach((count, id) => {
    if (count > 0) publication.push({ value: docs.pubNames[id], count });
  });
  const year: FacetCount[] = [];
  for (let y = yearCounts.length - 1; y > 0; y--)
    if (yearCounts[y] > 0) year.push({ value: String(y), count: yearCounts[y] });
  if (yearCounts[0] > 0) year.push({ value: '', count: yearCounts[0] });
  return {
    publication: publication.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    year: year.sort((a, b) => (a.value === '' ? 1 : b.value === '' ? -1 : b.value.localeCompare(a.value))),
  };
}
