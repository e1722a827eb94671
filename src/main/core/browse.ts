/**
 * Browsing as a newspaper is browsed: publication, then date, then page, then the page's articles
 * in reading order. Pure functions over article summaries.
 */
import type { ArticleSummary, BrowseResult } from '../../shared/types';

export const byKey = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

function pageOrder(a: string | null, b: string | null): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== null && b !== null && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return byKey(a, b);
}

export function browse(
  articles: ArticleSummary[],
  publication?: string | null,
  date?: string | null,
): BrowseResult {
  if (publication === undefined) {
    const groups = new Map<string | null, { count: number; first?: string; last?: string }>();
    for (const a of articles) {
      const key = a.publication ?? null;
      const g = groups.get(key) ?? { count: 0 };
      g.count++;
      if (a.date && (!g.first || a.date < g.first)) g.first = a.date;
      if (a.date && (!g.last || a.date > g.last)) g.last = a.date;
      groups.set(key, g);
    }
    return {
      level: 'publications',
      items: [...groups.entries()]
        .sort(([a], [b]) => byKey(a, b))
        .map(([key, g]) => ({ publication: key, count: g.count, firstDate: g.first, lastDate: g.last })),
    };
  }
  const inPublication = articles.filter((a) => (a.publication ?? null) === publication);
  if (date === undefined) {
    const groups = new Map<string | null, { count: number; pages: Set<string | null> }>();
    for (const a of inPublication) {
      const key = a.date ?? null;
      const g = groups.get(key) ?? { count: 0, pages: new Set() };
      g.count++;
      g.pages.add(a.page ?? null);
      groups.set(key, g);
    }
    return {
      level: 'dates',
      publication,
      items: [...groups.entries()]
        .sort(([a], [b]) => -byKey(a, b) || 0)
        .map(([key, g]) => ({ date: key, count: g.count, pages: g.pages.size })),
    };
  }
  const onDate = inPublication.filter((a) => (a.date ?? null) === date);
  const pages = new Map<string | null, ArticleSummary[]>();
  for (const a of onDate) {
    const key = a.page ?? null;
    pages.set(key, [...(pages.get(key) ?? []), a]);
  }
  return {
    level: 'pages',
    publication,
    date,
    pages: [...pages.entries()]
      .sort(([a], [b]) => pageOrder(a, b))
      .map(([page, list]) => ({
        page,
        articles: [...list].sort(
          (x, y) => x.source.file.localeCompare(y.source.file) || x.source.lineStart - y.source.lineStart,
        ),
      })),
  };
}
