/** The research calls (concordance, collocates, trends) over the shared archive's tables. */
import type { Pool } from 'pg';
import type { Article } from '../../shared/types';
import type { ResearchSource } from '../core/research';
import { tablesIn } from '../core/search/pg/schema';

export function pgResearchSource(pool: Pool, schema = 'newsstack'): ResearchSource {
  const t = tablesIn(schema);
  return {
    async articles(ids) {
      const { rows } = await pool.query<{ doc: Article }>(
        `SELECT doc FROM ${t.articles} WHERE id = ANY($1)`,
        [[...ids]],
      );
      // In the order asked for, as the desktop's catalogue answers.
      const byId = new Map(rows.map((r) => [r.doc.id, r.doc]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async count() {
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.articles}`);
      return Number(rows[0].n);
    },
    async periodTotals(length) {
      // As the desktop counts (catalog.ts): undated, short or 00-month dates make the '' period.
      const { rows } = await pool.query<{ period: string; articles: string; characters: string }>(
        `SELECT CASE WHEN date IS NULL OR length(date) < $1
                       OR ($1 > 4 AND strpos(substr(date, 1, $1), '-00') > 0)
                     THEN '' ELSE substr(date, 1, $1) END AS period,
                count(*) AS articles, sum(length(title) + length(text)) AS characters
           FROM ${t.articles} GROUP BY 1`,
        [length],
      );
      return new Map(
        rows.map((r) => [r.period, { articles: Number(r.articles), characters: Number(r.characters) }]),
      );
    },
  };
}
