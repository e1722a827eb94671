/**
 * Term trends: how often each of a few queries occurs per year, month or day, as counts and
 * normalised by what the archive holds in that period (per million characters, per hundred
 * articles), as newspaper n-gram viewers show it. Undated articles are counted apart.
 */
import type { TrendGranularity, TrendPoint } from '../../../shared/search-types';
import type { Article } from '../../../shared/types';
import { countAll, normalize } from '../text/normalize';
import { parseQuery, positiveTerms } from './query';

export type { TrendGranularity, TrendPoint };

/** The period a date falls in ('' for undated; a month-only date has no day). */
export function periodOf(date: string | undefined, by: TrendGranularity): string {
  if (!date) return '';
  const length = by === 'year' ? 4 : by === 'month' ? 7 : 10;
  if (date.length < length || (by !== 'year' && /-00/u.test(date.slice(0, length)))) return '';
  return date.slice(0, length);
}

export interface PeriodTotals {
  articles: number;
  characters: number;
}

/** Adds one query's matching articles, a page at a time, into per-period counts. */
export function countTrend(
  into: Map<string, { occurrences: number; articles: number }>,
  articles: readonly Article[],
  query: string,
  by: TrendGranularity,
): void {
  const terms = positiveTerms(parseQuery(query)).map((t) => t.text);
  for (const a of articles) {
    const period = periodOf(a.date, by);
    const text = normalize(`${a.title}\n${a.text}`);
    const occurrences = terms.reduce((n, t) => n + countAll(text, t), 0);
    const slot = into.get(period) ?? { occurrences: 0, articles: 0 };
    slot.occurrences += occurrences;
    slot.articles += 1;
    into.set(period, slot);
  }
}

/** Every period the archive holds, in order, with the query's counts (zero where it is absent). */
export function trendPoints(
  counts: Map<string, { occurrences: number; articles: number }>,
  totals: Map<string, PeriodTotals>,
): TrendPoint[] {
  const periods = [...new Set([...totals.keys(), ...counts.keys()])].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return periods.map((period) => {
    const c = counts.get(period) ?? { occurrences: 0, articles: 0 };
    const t = totals.get(period) ?? { articles: 0, characters: 0 };
    return {
      period,
      occurrences: c.occurrences,
      articles: c.articles,
      perMillionCharacters: t.characters ? Math.round((c.occurrences / t.characters) * 1e6 * 100) / 100 : 0,
      perHundredArticles: t.articles ? Math.round((c.articles / t.articles) * 100 * 100) / 100 : 0,
    };
  });
}
