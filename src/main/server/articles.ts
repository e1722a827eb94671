/**
 * The shared archive's articles as the reader gets them, from the engine's tables: the article
 * with its neighbours on the same page file (in reading order), the team's edits of its text,
 * and the query's highlights (in the printed text too, when the text was corrected).
 */
import type { Pool } from 'pg';
import type { Article, ArticleView, TextRevision } from '../../shared/types';
import type { SearchEngine } from '../core/search/engine';
import { printedHighlights } from '../core/search/hits';
import { tablesIn } from '../core/search/pg/schema';

export async function articleView(
  pool: Pool,
  engine: SearchEngine,
  id: string,
  query: string | undefined,
  schema = 'newsstack',
): Promise<ArticleView | null> {
  const t = tablesIn(schema);
  const { rows } = await pool.query<{ doc: Article }>(`SELECT doc FROM ${t.articles} WHERE id = $1`, [id]);
  const article = rows[0]?.doc;
  if (!article) return null;
  const { rows: near } = await pool.query<{ id: string; line: number }>(
    `SELECT id, (source->>'lineStart')::int AS line FROM ${t.articles}
     WHERE source->>'file' = $1 ORDER BY (source->>'lineStart')::int, id`,
    [article.source.file],
  );
  const at = near.findIndex((n) => n.id === id);
  const { rows: corrected } = await pool.query<{ history: TextRevision[] | null }>(
    `SELECT correction->'textHistory' AS history FROM article_corrections WHERE article_id = $1`,
    [id],
  );
  const history = corrected[0]?.history;
  const found = query?.trim() ? await engine.highlight(id, query) : { text: [], title: [] };
  return {
    ...article,
    ...(at > 0 ? { previousId: near[at - 1].id } : {}),
    ...(at >= 0 && at + 1 < near.length ? { nextId: near[at + 1].id } : {}),
    ...(history?.length ? { textHistory: history } : {}),
    ...(query?.trim() && article.originalText !== undefined
      ? { originalHighlights: printedHighlights(article.originalText, query) }
      : {}),
    highlights: found.text,
    titleHighlights: found.title,
  };
}
