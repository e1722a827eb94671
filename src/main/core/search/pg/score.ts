/**
 * The desktop engine's ranking (evaluate.ts and collect.ts) over the rows PostgreSQL matched:
 * the same BM25 sums in the same order, the same document frequencies (exact for the clause met
 * first, estimated from the rarest gram for the others, as the desktop index does), the same
 * whole-word bonus on the best few and the same tie-breaks (slot order), so that the same
 * articles give the same scores and the same order. Facets are counted as collect.ts counts them.
 */
import { bm25Normed, idf, lengthNorm, occursAsWord, RERANK_DEPTH, topK, WHOLE_WORD_BONUS } from '../rank';
import type { QueryTerm } from '../query';
import type { FacetCount, SearchFacets, SearchSort } from '../types';

/** One matching article, with what ranking needs and per clause alternative its counts. */
export interface MatchRow {
  slot: number;
  len: number;
  date: number;
  publication: string;
  /** Per clause (in query order), per alternative: occurrences << 1 | in title (0: no match). */
  values: number[][];
}

export interface Corpus {
  /** Live articles and their summed normalised length. */
  count: number;
  lengthSum: number;
}

/**
 * The order in which the desktop engine meets the clauses (cheapest first, stable): the cost
 * of a clause is that of its costliest alternative, a term's cost its rarest gram's frequency.
 */
export function clauseOrder(costs: number[][]): number[] {
  return costs
    .map((alts, c) => ({ c, cost: Math.max(...alts) }))
    .sort((a, b) => a.cost - b.cost)
    .map(({ c }) => c);
}

/**
 * Scores of the rows: `weights[c][a]` is the idf of alternative `a` of clause `c`. Clauses are
 * summed in `order`, alternatives in query order, as evaluate.ts sums them.
 */
export function scoreRows(
  rows: MatchRow[],
  order: number[],
  weights: number[][],
  corpus: Corpus,
): Float64Array {
  const n = Math.max(1, corpus.count);
  const avg = corpus.lengthSum / n;
  const scores = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const norm = lengthNorm(row.len, avg);
    let total = 0;
    for (const c of order) {
      let clause = 0;
      row.values[c].forEach((value, a) => {
        if (value !== 0) clause += bm25Normed(value >> 1, value & 1, norm, weights[c][a]);
      });
      total += clause;
    }
    scores[k] = total;
  }
  return scores;
}

/** idf from a document frequency, as evaluate.ts bounds it. */
export function weightOf(df: number, corpus: Corpus): number {
  const n = Math.max(1, corpus.count);
  return idf(Math.min(df, n), n);
}

/** The normalised title and text of a row, fetched for the few that the bonus looks at. */
export type TextsOf = (slots: number[]) => Promise<Map<number, { title: string; text: string }>>;

/**
 * Indices into `rows` of the `want` best in `sort` order, best first, and the scores to show
 * (with the whole-word bonus, for relevance), as collect.ts orders them.
 */
export async function order(
  rows: MatchRow[],
  scores: Float64Array,
  terms: QueryTerm[],
  sort: SearchSort,
  want: number,
  textsOf: TextsOf,
): Promise<number[]> {
  const slot = (k: number): number => rows[k].slot;
  if (sort !== 'relevance') {
    const sign = sort === 'newest' ? 1 : -1;
    const d = (k: number): number => rows[k].date;
    return topK(rows.length, want, (a, b) =>
      d(a) !== d(b)
        ? sign * (d(a) - d(b)) > 0
        : scores[a] !== scores[b]
          ? scores[a] > scores[b]
          : slot(a) < slot(b),
    );
  }
  const best = topK(
    rows.length,
    want + RERANK_DEPTH,
    (a, b) => scores[a] > scores[b] || (scores[a] === scores[b] && slot(a) < slot(b)),
  );
  const texts = await textsOf(best.map(slot));
  const final = new Map<number, number>();
  for (const k of best) {
    const { title, text } = texts.get(slot(k)) ?? { title: '', text: '' };
    let whole = 0;
    for (const t of terms) {
      if (
        (title.includes(t.text) && occursAsWord(title, t.text)) ||
        (t.field === 'any' && occursAsWord(text, t.text))
      )
        whole++;
    }
    final.set(k, scores[k] * (1 + (terms.length ? (WHOLE_WORD_BONUS * whole) / terms.length : 0)));
  }
  const ranked = best
    .sort((a, b) => (final.get(b) as number) - (final.get(a) as number) || slot(a) - slot(b))
    .slice(0, want);
  for (const k of ranked) scores[k] = final.get(k) as number;
  return ranked;
}

/** Matches per publication (most first) and per year (newest first, undated last). */
export function facetsOf(rows: MatchRow[]): SearchFacets {
  const pubs = new Map<string, number>();
  const years = new Map<number, number>();
  for (const row of rows) {
    pubs.set(row.publication, (pubs.get(row.publication) ?? 0) + 1);
    const year = Math.floor(row.date / 10000);
    years.set(year, (years.get(year) ?? 0) + 1);
  }
  const publication: FacetCount[] = [...pubs].map(([value, count]) => ({ value, count }));
  const year: FacetCount[] = [...years]
    .sort((a, b) => (a[0] === 0 ? 1 : b[0] === 0 ? -1 : b[0] - a[0]))
    .map(([y, count]) => ({ value: y === 0 ? '' : String(y), count }));
  return {
    publication: publication.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    year: year.sort((a, b) => (a.value === '' ? 1 : b.value === '' ? -1 : b.value.localeCompare(a.value))),
  };
}
