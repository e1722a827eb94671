/**
 * Corrections of the shared archive's articles by editors: publication, date, page and title,
 * and the text (with its history, as on the desktop: corrections/text.ts). The archive's
 * articles are the corrected ones (search finds the corrected text and the printed passages that
 * differ); `article_corrections` keeps each article's corrections and the article as imported,
 * so that a correction can change again, and an import of the same page again applies them to
 * the new text instead of undoing them. `correction_log` says who changed what, and when.
 */
import type { Pool, PoolClient } from 'pg';
import type { Article, ArticleCorrection, TextRevision } from '../../shared/types';
import { applyCorrections } from '../core/archive/metadata';
import { addRevision } from '../core/corrections/text';
import type { PgEngine } from '../core/search/pg/engine';
import { tablesIn } from '../core/search/pg/schema';
import { TeamError, type User } from './team';

export class ServerCorrections {
  private readonly articles: string;

  constructor(
    private readonly pool: Pool,
    private readonly engine: PgEngine,
    schema = 'newsstack',
  ) {
    this.articles = tablesIn(schema).articles;
  }

  /** The text history of an article, oldest first (undefined when never edited). */
  async textHistory(id: string): Promise<TextRevision[] | undefined> {
    const { rows } = await this.pool.query<{ correction: ArticleCorrection }>(
      'SELECT correction FROM article_corrections WHERE article_id = $1',
      [id],
    );
    const history = rows[0]?.correction.textHistory;
    return history?.length ? history : undefined;
  }

  /** Corrects publication, date, page or title (merged into the article's earlier corrections). */
  async correct(by: User, id: string, correction: ArticleCorrection): Promise<void> {
    const { textHistory: _ignored, ...fields } = correction;
    await this.change(by, id, (old) => ({ ...old, ...fields }), fields);
  }

  /**
   * A new revision of the text (null: back to the text as printed), with the editor's note.
   * An edit that changes nothing is not stored; one that would drop the text is refused.
   */
  async correctText(by: User, id: string, text: string | null, note: string | undefined, now = new Date()) {
    await this.change(
      by,
      id,
      (old, original) => {
        const outcome = addRevision(old.textHistory, original.text, text, note, now);
        if (outcome.kind === 'refused') throw new TeamError('invalid', outcome.message);
        return outcome.kind === 'changed' ? { ...old, textHistory: outcome.history } : null;
      },
      { text: text === null ? null : `${text.length} characters`, note: note ?? null },
    );
  }

  /**
   * As the engine's one writer (imports wait), under a lock of the article: its corrections and
   * the article as imported, the new corrections from `next` (null: nothing to change), and the
   * corrected article written to the engine with them, in one transaction.
   */
  private async change(
    by: User,
    id: string,
    next: (old: ArticleCorrection, original: Article) => ArticleCorrection | null,
    logged: unknown,
  ): Promise<void> {
    await this.engine.write(async (c, apply) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`newsstack:correct:${id}`]);
      const held = await c.query<{ original: Article | null; correction: ArticleCorrection }>(
        'SELECT original, correction FROM article_corrections WHERE article_id = $1',
        [id],
      );
      const original = held.rows[0]?.original ?? (await this.imported(c, id));
      if (!original) throw new TeamError('not-found', `no article with id ${id}`);
      const correction = next(held.rows[0]?.correction ?? {}, original);
      if (correction === null) return;
      await c.query(
        `INSERT INTO article_corrections (article_id, original, correction, updated_by)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (article_id) DO UPDATE SET correction = EXCLUDED.correction,
           original = EXCLUDED.original, updated = now(), updated_by = EXCLUDED.updated_by`,
        [id, JSON.stringify(original), JSON.stringify(correction), by.id],
      );
      await c.query('INSERT INTO correction_log (article_id, user_id, change) VALUES ($1, $2, $3)', [
        id,
        by.id,
        JSON.stringify(logged),
      ]);
      await apply({ upsert: applyCorrections([original], { [id]: correction }), remove: [] });
    });
  }

  /** The article as the engine holds it: as imported, when it has no corrections yet. */
  private async imported(c: PoolClient, id: string): Promise<Article | null> {
    const { rows } = await c.query<{ doc: Article }>(`SELECT doc FROM ${this.articles} WHERE id = $1`, [id]);
    return rows[0]?.doc ?? null;
  }

  /**
   * Writes imported articles with their corrections applied, as the engine's one writer (a
   * correction made meanwhile waits, then applies to what this wrote); the imported forms of the
   * corrected ones are kept as their new originals (also for corrections made before the
   * article's page was imported). Returns the articles new or changed.
   */
  async importBatch(articles: Article[]): Promise<number> {
    return this.engine.write(async (c, apply) => {
      const { rows } = await c.query<{ article_id: string; correction: ArticleCorrection }>(
        'SELECT article_id, correction FROM article_corrections WHERE article_id = ANY($1::text[])',
        [articles.map((a) => a.id)],
      );
      if (rows.length === 0) return (await apply({ upsert: articles, remove: [] })).added;
      const corrections = new Map(rows.map((r) => [r.article_id, r.correction]));
      const originals = articles.filter((a) => corrections.has(a.id));
      await c.query(
        `UPDATE article_corrections c SET original = o.doc::json
         FROM unnest($1::text[], $2::text[]) AS o(id, doc) WHERE c.article_id = o.id`,
        [originals.map((a) => a.id), originals.map((a) => JSON.stringify(a))],
      );
      return (await apply({ upsert: applyCorrections(articles, corrections), remove: [] })).added;
    });
  }
}
