/**
 * Browsing the shared archive as the desktop browses its own (core/browse.ts): publication, then
 * date, then page. The first two levels are counted in the database, so that a large archive is
 * never read whole; a day's pages are ordered by the desktop's own function.
 */
import type { Pool } from 'pg';
import type { Article, ArticleSummary, BrowseResult } from '../../shared/types';
import { browse, byKey } from '../core/browse';
import { tablesIn } from '../core/search/pg/schema';

export async function browseServer(
  pool: Pool,
  publication: string | null | undefined,
  date: string | null | undefined,
  schema = 'newsstack',
): Promise<BrowseResult> {
  const t = tablesIn(schema);
  if (publication === undefined) {
    const { rows } = await pool.query<{
      publication: string | null;
      n: string;
      first: string | null;
      last: string | null;
    }>(
      `SELECT publication, count(*) AS n, min(date) AS first, max(date) AS last FROM ${t.articles} GROUP BY publication`,
    );
    return {
      level: 'publications',
      items: rows
        .sort((a, b) => byKey(a.publication, b.publication))
        .map((r) => ({
          publication: r.publication,
          count: Number(r.n),
          ...(r.first ? { firstDate: r.first } : {}),
          ...(r.last ? { lastDate: r.last } : {}),
        })),
    };
  }
  if (date === undefined) {
    const { rows } = await pool.query<{ date: string | null; n: string; pages: string }>(
      `SELECT date, count(*) AS n, count(DISTINCT coalesce(page, E'\\\\x01')) AS pages FROM ${t.articles}
       WHERE publication IS NOT DISTINCT FROM $1 GROUP BY date`,
      [publication],
    );
    return {
      level: 'dates',
      publication,
      items: rows
        .sort((a, b) => -byKey(a.date, b.date) || 0)
        .map((r) => ({ date: r.date, count: Number(r.n), pages: Number(r.pages) })),
    };
  }
  const { rows } = await pool.query<{ doc: Article }>(
    `SELECT doc FROM ${t.articles} WHERE publication IS NOT DISTINCT FROM $1 AND date IS NOT DISTINCT FROM $2`,
    [publication, date],
  );
  const summaries: ArticleSummary[] = rows.map(({ doc }) => ({
    id: doc.id,
    title: doc.title,
    ...(doc.publication ? { publication: doc.publication } : {}),
    ...(doc.date ? { date: doc.date } : {}),
    ...(doc.page ? { page: doc.page } : {}),
    source: doc.source,
  }));
  return browse(summaries, publication, date);
}
