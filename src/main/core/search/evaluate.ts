/**
 * Which slots a parsed query matches, with their BM25 scores: clauses met most selective first,
 * AND by matching each clause within the slots left by the ones before, OR by merging, then
 * exclusions and publication/date filters. Everything stays in sorted typed arrays from the
 * query's scratch memory (see scratch.ts): a frequent word brings tens of thousands of slots.
 */
import type { DocumentStore } from './docstore';
import { matchTerm, termCost, type Match, type MatchMode, type MatchSource } from './match';
import type { ParsedQuery, QueryTerm } from './query';
import { idf, K1, lengthNorm, TITLE_WEIGHT } from './rank';
import type { Alloc, Scratch } from './scratch';

/** What evaluating a query reads: the documents, their postings and the query's memory. */
export interface QueryContext extends MatchSource {
  readonly docs: DocumentStore;
  readonly scratch: Scratch;
  readonly norms: LengthNorms;
}

export interface Scored {
  slots: Int32Array;
  scores: Float64Array;
  /**
   * Set when the scores are upper bounds (one phrase term matched in 'lazy' mode): the term's
   * match and BM25 parameters, to score the documents that can still reach the top exactly.
   */
  lazy?: { term: QueryTerm; match: Match; avg: number; weight: number };
}

/** lengthNorm of every slot for the current average length, kept until that changes. */
export class LengthNorms {
  private norms: Float64Array | null = null;
  private avg = NaN;

  of(docs: DocumentStore, avg: number): Float64Array {
    let norms = this.norms;
    if (!norms || this.avg !== avg || norms.length !== docs.slotCount) {
      const lens = docs.lens;
      norms = new Float64Array(docs.slotCount);
      for (let slot = 0; slot < norms.length; slot++) norms[slot] = lengthNorm(lens[slot], avg);
      this.norms = norms;
      this.avg = avg;
    }
    return norms;
  }
}

function averageLength(docs: DocumentStore): { n: number; avg: number } {
  const n = Math.max(1, docs.liveCount);
  return { n, avg: docs.lengthSum / n };
}

function scoreMatch(ctx: QueryContext, match: Match, term?: QueryTerm): Scored {
  const { n, avg } = averageLength(ctx.docs);
  const w = idf(Math.min(match.df, n), n);
  const { slots, values } = match;
  const norms = ctx.norms.of(ctx.docs, avg);
  const scores = ctx.scratch.float64(slots.length);
  // bm25Normed written out: a call per posting costs several times the arithmetic.
  const k1p1 = K1 + 1;
  const titleWeight = TITLE_WEIGHT;
  for (let k = 0; k < slots.length; k++) {
    const tf = values[k] >> 1;
    scores[k] = w * ((tf * k1p1) / (tf + norms[slots[k]]) + titleWeight * (values[k] & 1));
  }
  if (match.upper && term) return { slots, scores, lazy: { term, match, avg, weight: w } };
  return { slots, scores };
}

/** Slots matching any alternative of a clause, scores summed. */
function evaluateClause(
  ctx: QueryContext,
  anyOf: QueryTerm[],
  within: Int32Array | undefined,
  mode: MatchMode,
): Scored {
  let acc: Scored | null = null;
  for (const t of anyOf) {
    const part = scoreMatch(ctx, matchTerm(ctx, t, within, mode), t);
    acc = acc ? unionScored(acc, part, ctx.scratch) : part;
  }
  return acc ?? { slots: new Int32Array(0), scores: new Float64Array(0) };
}

/**
 * Slots matching every clause, scores summed in clause order. Each clause is matched within
 * the slots left by the ones before; single-term clauses are scored only where every clause
 * matched, which for frequent words is a fraction of their postings.
 */
function evaluateAnd(ctx: QueryContext, clauses: QueryTerm[][], mode: MatchMode): Scored {
  const parts: (Match | Scored)[] = [];
  let slots: Int32Array | null = null;
  for (const anyOf of clauses) {
    const within: Int32Array | undefined = slots ?? undefined;
    const part: Match | Scored =
      anyOf.length === 1 ? matchTerm(ctx, anyOf[0], within, mode) : evaluateClause(ctx, anyOf, within, mode);
    parts.push(part);
    // Matched within the slots so far, a part holds no others: its slots are the new ones.
    const next: Int32Array = part.slots;
    slots = next;
    if (next.length === 0) break;
  }
  const final = slots ?? new Int32Array(0);
  const scores = ctx.scratch.float64(final.length).fill(0);
  const { n, avg } = averageLength(ctx.docs);
  const norms = ctx.norms.of(ctx.docs, avg);
  const k1p1 = K1 + 1;
  const titleWeight = TITLE_WEIGHT;
  for (const part of parts) {
    // Where each final slot sits in the part (a subset of its slots), without a search.
    const at = part.slots;
    const pos = ctx.scratch.positions(at.length ? at[at.length - 1] + 1 : 0);
    for (let j = 0; j < at.length; j++) pos[at[j]] = j;
    if ('values' in part) {
      const w = idf(Math.min(part.df, n), n);
      const values = part.values;
      for (let k = 0; k < final.length; k++) {
        const j = pos[final[k]];
        const tf = values[j] >> 1;
        scores[k] += w * ((tf * k1p1) / (tf + norms[final[k]]) + titleWeight * (values[j] & 1));
      }
    } else {
      for (let k = 0; k < final.length; k++) scores[k] += part.scores[pos[final[k]]];
    }
  }
  return { slots: final, scores };
}

function isoKey(iso: string): number {
  return Number(iso.replaceAll('-', ''));
}

/**
 * The matching slots with their scores. 'lazy' (a query of one phrase term, ranked by
 * relevance) may return upper-bound scores, marked `lazy`; 'exists' does not score.
 */
export function evaluate(ctx: QueryContext, parsed: ParsedQuery, mode: MatchMode = 'exact'): Scored {
  const { docs, scratch } = ctx;
  let current: Scored | null = null;
  const clauses = [...parsed.clauses]
    .map((c) => ({ c, cost: Math.max(...c.anyOf.map((t) => termCost(ctx.segments, t))) }))
    .sort((a, b) => a.cost - b.cost);
  if (clauses.length === 1) {
    const single = clauses[0].c.anyOf.length === 1;
    current = evaluateClause(ctx, clauses[0].c.anyOf, undefined, mode === 'lazy' && !single ? 'exact' : mode);
  } else if (clauses.length > 1) {
    current = evaluateAnd(
      ctx,
      clauses.map(({ c }) => c.anyOf),
      mode === 'lazy' ? 'exact' : mode,
    );
  }
  if (!current) {
    // Filters only: every live article, in slot order.
    const slots: number[] = [];
    for (let slot = 0; slot < docs.slotCount; slot++) if (docs.alive(slot)) slots.push(slot);
    current = { slots: Int32Array.from(slots), scores: new Float64Array(slots.length) };
  }
  for (const term of parsed.exclude) {
    if (current.slots.length === 0) break;
    current = subtractScored(current, matchTerm(ctx, term, current.slots, 'exists').slots, scratch);
  }
  const from = parsed.from ? isoKey(parsed.from) : 0;
  const to = parsed.to ? isoKey(parsed.to) : 0;
  if (parsed.publications.length || from || to) {
    const pubOk = Uint8Array.from(docs.pubNorm, (pub) =>
      !parsed.publications.length || parsed.publications.some((p) => pub.includes(p)) ? 1 : 0,
    );
    const pubOf = docs.pubOf;
    const dates = docs.dates;
    current = keepWhere(scratch, current, (slot) => {
      if (pubOk[pubOf[slot]] === 0) return false;
      const d = dates[slot];
      if ((from || to) && d === 0) return false;
      // A date known to the month only (day 00) is in range when its month overlaps it.
      if (from && d < from - (d % 100 === 0 ? 99 : 0)) return false;
      if (to && d > to) return false;
      return true;
    });
  }
  return current;
}

function keepWhere(alloc: Alloc, scored: Scored, keep: (slot: number) => boolean): Scored {
  const { slots, scores } = scored;
  const outSlots = alloc.int32(slots.length);
  const outScores = alloc.float64(slots.length);
  let n = 0;
  for (let k = 0; k < slots.length; k++) {
    if (!keep(slots[k])) continue;
    outSlots[n] = slots[k];
    outScores[n++] = scores[k];
  }
  return { slots: outSlots.subarray(0, n), scores: outScores.subarray(0, n), lazy: scored.lazy };
}

/** Slots in either (sorted) set, scores summed where both have one. */
function unionScored(a: Scored, b: Scored, alloc: Alloc): Scored {
  const slots = alloc.int32(a.slots.length + b.slots.length);
  const scores = alloc.float64(slots.length);
  let m = 0;
  let i = 0;
  let j = 0;
  while (i < a.slots.length || j < b.slots.length) {
    const x = i < a.slots.length ? a.slots[i] : Infinity;
    const y = j < b.slots.length ? b.slots[j] : Infinity;
    if (x === y) {
      slots[m] = x;
      scores[m++] = a.scores[i++] + b.scores[j++];
    } else if (x < y) {
      slots[m] = x;
      scores[m++] = a.scores[i++];
    } else {
      slots[m] = y;
      scores[m++] = b.scores[j++];
    }
  }
  return { slots: slots.subarray(0, m), scores: scores.subarray(0, m) };
}

/** The entries of `a` whose slot is not in sorted `drop`. */
function subtractScored(a: Scored, drop: Int32Array, alloc: Alloc): Scored {
  let j = 0;
  return keepWhere(alloc, a, (slot) => {
    while (j < drop.length && drop[j] < slot) j++;
    return j >= drop.length || drop[j] !== slot;
  });
}
