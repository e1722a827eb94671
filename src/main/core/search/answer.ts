/**
 * A query answered over any index that offers a QueryContext (the in-memory ArticleIndex, the
 * on-disk engine): parse, evaluate, order, facets and hits. Never throws on bad syntax: the
 * result's `issues` say what was wrong.
 */
import { collect, facets } from './collect';
import { evaluate, type QueryContext } from './evaluate';
import { makeHit } from './hits';
import { parseQuery, positiveTerms, type ParsedQuery } from './query';
import type { SearchOptions, SearchResultEx, SearchSort } from './types';

/** False for a query with errors, or with neither a term nor a filter: it matches nothing. */
export function answerable(parsed: ParsedQuery): boolean {
  if (parsed.issues.some((i) => i.severity === 'error')) return false;
  return parsed.clauses.length > 0 || parsed.publications.length > 0 || !!parsed.from || !!parsed.to;
}

/** The answer of a query that matches nothing, with its issues. */
export function noHits(query: string, sort: SearchSort, parsed: ParsedQuery): SearchResultEx {
  return { query, total: 0, hits: [], sort, facets: { publication: [], year: [] }, issues: parsed.issues };
}

export function answerSearch(
  ctx: QueryContext,
  query: string,
  options: number | SearchOptions = {},
): SearchResultEx {
  const {
    limit = 50,
    offset = 0,
    sort = 'relevance' as SearchSort,
  } = typeof options === 'number' ? { limit: options } : options;
  ctx.scratch.reset();
  const parsed = parseQuery(query);
  const empty = noHits(query, sort, parsed);
  if (!answerable(parsed)) return empty;
  const evaluated = evaluate(ctx, parsed, sort === 'relevance' ? 'lazy' : 'exact');
  const { slots } = evaluated;
  const terms = positiveTerms(parsed);
  const want = Math.max(0, offset) + Math.max(0, limit);
  const { order, scores } = collect(ctx, evaluated, terms, sort, want);
  const shown = order.slice(offset);
  ctx.docs.prefetch?.(shown.map((k) => slots[k]));
  const hits = shown.map((k) => makeHit(ctx.docs, slots[k], scores[k], terms));
  return { query, total: slots.length, hits, sort, facets: facets(ctx.docs, slots), issues: parsed.issues };
}

/** Slots of every article matching the query, unranked (for recall checks and bulk actions). */
export function answerSlots(ctx: QueryContext, query: string): Int32Array {
  ctx.scratch.reset();
  const parsed = parseQuery(query);
  if (!answerable(parsed)) return new Int32Array(0);
  return evaluate(ctx, parsed, 'exists').slots;
}
