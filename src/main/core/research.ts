/**
 * The research calls (keyword in context, co-occurring terms, term trends) over a catalogue and
 * its index. They read every matching article, which takes seconds for a frequent term in a large
 * archive: hosts run them in a worker thread (research-worker.ts) so that searches and the reader
 * keep answering meanwhile; without a worker (the CLI, an archive kept in memory) they run here.
 */
import type { Article } from '../../shared/types';
import {
  concordanceLines,
  sortConcordance,
  type ConcordanceLine,
  type ConcordanceSort,
} from './search/concordance';
import type { SearchEngine } from './search/engine';
import { parseQuery, positiveTerms } from './search/query';
import { countTrend, trendPoints, type TrendGranularity, type TrendPoint } from './search/trends';
import { words } from './search/words';
import { normalize } from './text/normalize';

export interface ConcordanceOptions {
  width?: number;
  sort?: ConcordanceSort;
  limit?: number;
}
export interface CollocateOptions {
  width?: number;
  limit?: number;
  minCount?: number;
}
export interface Concordance {
  total: number;
  lines: ConcordanceLine[];
}
export interface Collocates {
  contexts: number;
  terms: { term: string; contexts: number; articles: number; lift: number }[];
}
export interface Trends {
  by: TrendGranularity;
  series: { query: string; points: TrendPoint[] }[];
}

/**
 * Where research reads articles: the desktop's catalogue, or a newsroom server's tables
 * (server/research.ts). Either may answer at once or later.
 */
export interface ResearchSource {
  articles(ids: readonly string[]): Article[] | Promise<Article[]>;
  count(): number | Promise<number>;
  /** Articles and characters (title and text) per period: the first `length` characters of the date. */
  periodTotals(
    length: 4 | 7 | 10,
  ):
    | Map<string, { articles: number; characters: number }>
    | Promise<Map<string, { articles: number; characters: number }>>;
}

export type ResearchCall =
  | { kind: 'concordance'; query: string; options: ConcordanceOptions }
  | { kind: 'collocates'; query: string; options: CollocateOptions }
  | { kind: 'trends'; queries: string[]; by: TrendGranularity };

export type ResearchAnswer<C extends ResearchCall> = C extends { kind: 'concordance' }
  ? Concordance
  : C extends { kind: 'collocates' }
    ? Collocates
    : Trends;

/** Articles are read in pages of this many. */
const PAGE = 500;

/**
 * Keyword in context: every occurrence of the query's terms in the articles it matches, sorted,
 * up to `limit` lines (`total` says how many there are).
 */
export async function concordance(
  source: ResearchSource,
  engine: SearchEngine,
  query: string,
  options: ConcordanceOptions = {},
): Promise<Concordance> {
  const ids = await engine.matchIds(query);
  const lines: ConcordanceLine[] = [];
  for (let from = 0; from < ids.length; from += PAGE)
    lines.push(
      ...concordanceLines(await source.articles(ids.slice(from, from + PAGE)), query, options.width),
    );
  const sorted = sortConcordance(lines, options.sort ?? 'article');
  return { total: sorted.length, lines: sorted.slice(0, options.limit ?? 1000) };
}

/**
 * Co-occurring terms: the words (two characters or more) found within `width` characters of the
 * query's occurrences, ranked by how much more often they are there than in the archive at large
 * (share of contexts holding the word / share of articles holding it), seen in at least
 * `minCount` contexts.
 */
export async function collocates(
  source: ResearchSource,
  engine: SearchEngine,
  query: string,
  options: CollocateOptions = {},
): Promise<Collocates> {
  const { lines } = await concordance(source, engine, query, { width: options.width ?? 10, limit: 20_000 });
  const own = new Set(positiveTerms(parseQuery(query)).map((t) => t.text));
  const counts = new Map<string, number>();
  for (const line of lines) {
    // The outermost word of each side may be cut by the window (九龙坡 → 龙坡): left out.
    const left = words(normalize(line.left));
    const right = words(normalize(line.right));
    const seen = new Set([...left.slice(1), ...right.slice(0, -1)]);
    for (const w of seen) {
      if (w.length < 2 || own.has(w) || !/\p{Script=Han}/u.test(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const candidates = [...counts]
    .filter(([, n]) => n >= (options.minCount ?? 3))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 200);
  const total = Math.max(1, await source.count());
  const terms = [];
  for (const [term, contexts] of candidates) {
    const articles = (await engine.search(term, { limit: 1 })).total;
    const lift = articles ? contexts / lines.length / (articles / total) : 0;
    terms.push({ term, contexts, articles, lift: Math.round(lift * 100) / 100 });
  }
  terms.sort((a, b) => b.lift - a.lift || b.contexts - a.contexts);
  return { contexts: lines.length, terms: terms.slice(0, options.limit ?? 30) };
}

/** How often each query (up to five) occurs per year, month or day, normalised by the archive. */
export async function trends(
  source: ResearchSource,
  engine: SearchEngine,
  queries: string[],
  by: TrendGranularity = 'year',
): Promise<Trends> {
  const totals = await source.periodTotals(by === 'year' ? 4 : by === 'month' ? 7 : 10);
  const series: { query: string; points: TrendPoint[] }[] = [];
  for (const query of queries.slice(0, 5)) {
    const ids = await engine.matchIds(query);
    const counts = new Map<string, { occurrences: number; articles: number }>();
    for (let from = 0; from < ids.length; from += PAGE)
      countTrend(counts, await source.articles(ids.slice(from, from + PAGE)), query, by);
    series.push({ query, points: trendPoints(counts, totals) });
  }
  return { by, series };
}

/** Answers one research call. */
export function research<C extends ResearchCall>(
  source: ResearchSource,
  engine: SearchEngine,
  call: C,
): Promise<ResearchAnswer<C>> {
  const answer =
    call.kind === 'concordance'
      ? concordance(source, engine, call.query, call.options)
      : call.kind === 'collocates'
        ? collocates(source, engine, call.query, call.options)
        : trends(source, engine, call.queries, call.by);
  return answer as Promise<ResearchAnswer<C>>;
}
