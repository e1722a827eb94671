/**
 * Import jobs of the newsroom server, kept in PostgreSQL (tables.ts) so that every server of the
 * team sees them and they outlive a restart: who started it, from a folder on the server or from
 * uploaded files, its progress, and when it ends, each page file it read with its articles and
 * problems. A job whose server stopped (no heartbeat for STALE_MS) is reported as interrupted;
 * importing is idempotent (unchanged articles are left alone), so it can simply be run again.
 */
import type { Pool } from 'pg';
import { inTransaction } from '../core/search/pg/transaction';
import type { ImportReport, ServerImportJob } from '../../shared/types';
import type { ImportOutcome } from './import';
import { TeamError, type User } from './team';

export type JobKind = ServerImportJob['kind'];
export type JobState = ServerImportJob['state'];
export type ImportJob = ServerImportJob;

/** What the upload routes need of a job: its folder, owner, state and what it has received. */
export interface Staging {
  folder: string;
  userId: number | null;
  state: JobState;
  received: number;
  receivedBytes: number;
}

/** A page file a job read, or skipped. */
export interface ImportPage {
  file: string;
  status: 'new' | 'changed' | 'unchanged' | 'failed' | 'skipped';
  format?: string;
  encoding?: string;
  articles: number;
  problems: string[];
}

/** Imports a folder; reports files done of total; returns the articles written and the report. */
export type ImportRunner = (
  folder: string,
  progress: (done: number, total: number) => void,
) => Promise<ImportOutcome>;

/** How often a running job says it is alive, and after how long without a word it is interrupted. */
const HEARTBEAT_MS = 20_000;
export const STALE_MS = 90_000;
export const UPLOAD_STALE_MS = 6 * 3600_000;
/** Progress is written at most this often. */
const PROGRESS_MS = 500;

interface JobRow {
  id: number;
  kind: JobKind;
  folder: string;
  label: string;
  user_name: string | null;
  state: JobState;
  done: number;
  total: number;
  received: number;
  received_bytes: string;
  articles: number | null;
  written: number | null;
  error: string | null;
  created: Date;
  finished: Date | null;
  retried_as: number | null;
}

function jobOf(r: JobRow): ImportJob {
  return {
    id: r.id,
    kind: r.kind,
    ...(r.kind === 'folder' ? { folder: r.folder } : {}),
    label: r.label,
    user: r.user_name,
    state: r.state,
    done: r.done,
    total: r.total,
    received: r.received,
    receivedBytes: Number(r.received_bytes),
    ...(r.articles === null ? {} : { articles: r.articles }),
    ...(r.written === null ? {} : { written: r.written }),
    ...(r.error === null ? {} : { error: r.error }),
    created: r.created.toISOString(),
    ...(r.finished ? { finished: r.finished.toISOString() } : {}),
    ...(r.retried_as === null ? {} : { retriedAs: r.retried_as }),
  };
}

/** The pages of an import report, as import_pages keeps them. */
export function pagesOf(report: ImportReport): ImportPage[] {
  const many = report.roots.length > 1;
  const name = (root: string, file: string): string =>
    many ? `${root.replaceAll('\\', '/')}/${file}` : file;
  return [
    ...report.files.map((f) => ({
      file: name(f.root, f.file),
      status: f.status,
      ...(f.format ? { format: f.format } : {}),
      ...(f.encoding ? { encoding: f.encoding } : {}),
      articles: f.articles,
      problems: [...f.errors, ...f.warnings],
    })),
    ...report.skipped.map((s) => ({
      file: name(s.root, s.file),
      status: 'skipped' as const,
      articles: 0,
      problems: [s.reason],
    })),
  ];
}

export class ImportJobs {
  constructor(
    private readonly pool: Pool,
    private readonly run: ImportRunner,
  ) {}

  private async one(id: number): Promise<ImportJob | null> {
    const { rows } = await this.pool.query<JobRow>(
      `SELECT j.*, u.name AS user_name FROM import_jobs j LEFT JOIN team_users u ON u.id = j.user_id
       WHERE j.id = $1`,
      [id],
    );
    return rows[0] ? jobOf(rows[0]) : null;
  }

  /**
   * Jobs whose server has gone quiet are marked interrupted, for everyone to see: running or
   * queued ones after STALE_MS without a heartbeat, and uploads that took no file for
   * UPLOAD_STALE_MS (the app that sent them stopped before starting the import).
   */
  private async markStale(): Promise<void> {
    await this.pool.query(
      `UPDATE import_jobs SET state = 'interrupted', finished = now(),
         error = CASE WHEN state = 'receiving'
           THEN 'the upload stopped before its import was started; upload the folder again'
           ELSE 'the server stopped during this import; start it again (unchanged articles are skipped)' END
       WHERE (state IN ('running', 'queued') AND heartbeat < now() - make_interval(secs => $1))
          OR (state = 'receiving' AND heartbeat < now() - make_interval(secs => $2))`,
      [STALE_MS / 1000, UPLOAD_STALE_MS / 1000],
    );
  }

  async create(by: User, kind: JobKind, folder: string, label = '', files = 0): Promise<ImportJob> {
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO import_jobs (user_id, kind, folder, label, state, total)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [by.id, kind, folder, label, kind === 'upload' ? 'receiving' : 'queued', files],
    );
    return (await this.one(rows[0].id)) as ImportJob;
  }

  async get(id: number): Promise<ImportJob | null> {
    await this.markStale();
    return this.one(id);
  }

  /** The newest jobs first. */
  async list(limit = 50): Promise<ImportJob[]> {
    await this.markStale();
    const { rows } = await this.pool.query<JobRow>(
      `SELECT j.*, u.name AS user_name FROM import_jobs j LEFT JOIN team_users u ON u.id = j.user_id
       ORDER BY j.id DESC LIMIT $1`,
      [limit],
    );
    return rows.map(jobOf);
  }

  async pages(id: number): Promise<ImportPage[]> {
    const { rows } = await this.pool.query<{
      file: string;
      status: ImportPage['status'];
      format: string | null;
      encoding: string | null;
      articles: number;
      problems: string[];
    }>(
      'SELECT file, status, format, encoding, articles, problems FROM import_pages WHERE job_id = $1 ORDER BY file',
      [id],
    );
    return rows.map((r) => ({
      file: r.file,
      status: r.status,
      ...(r.format ? { format: r.format } : {}),
      ...(r.encoding ? { encoding: r.encoding } : {}),
      articles: r.articles,
      problems: r.problems,
    }));
  }

  /** The folder of a job and whether it still takes files (upload jobs). */
  async staging(id: number): Promise<Staging | null> {
    const { rows } = await this.pool.query<{
      folder: string;
      user_id: number | null;
      state: JobState;
      received: number;
      received_bytes: string;
    }>('SELECT folder, user_id, state, received, received_bytes FROM import_jobs WHERE id = $1', [id]);
    const r = rows[0];
    return r
      ? {
          folder: r.folder,
          userId: r.user_id,
          state: r.state,
          received: r.received,
          receivedBytes: Number(r.received_bytes),
        }
      : null;
  }

  /** Counts a file received; false when the job no longer takes files (it was started meanwhile). */
  async received(id: number, bytes: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE import_jobs SET received = received + 1, received_bytes = received_bytes + $2, heartbeat = now()
       WHERE id = $1 AND state = 'receiving'`,
      [id, bytes],
    );
    return rowCount === 1;
  }

  /**
   * Runs a job's import in the background; its state is written as it goes. Returns once the
   * job is marked running (an upload job must be receiving, and only one start wins).
   */
  async start(id: number): Promise<ImportJob> {
    const { rows } = await this.pool.query<{ folder: string }>(
      `UPDATE import_jobs SET state = 'running', heartbeat = now(), done = 0, total = 0
       WHERE id = $1 AND state IN ('queued', 'receiving')
       RETURNING folder`,
      [id],
    );
    if (!rows[0]) throw new TeamError('invalid', `import job ${id} has already started`);
    const folder = rows[0].folder;
    let last = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const write = (sql: string, params: unknown[]): void => {
      writing = writing.then(() => this.pool.query(sql, params)).catch(() => undefined);
    };
    const heartbeat = setInterval(
      () => write('UPDATE import_jobs SET heartbeat = now() WHERE id = $1', [id]),
      HEARTBEAT_MS,
    );
    heartbeat.unref();
    const progress = (done: number, total: number): void => {
      const now = Date.now();
      if (now - last < PROGRESS_MS && done < total) return;
      last = now;
      write('UPDATE import_jobs SET done = $2, total = $3, heartbeat = now() WHERE id = $1', [
        id,
        done,
        total,
      ]);
    };
    void this.run(folder, progress)
      .then(
        async (outcome) => {
          clearInterval(heartbeat);
          await writing;
          await this.finish(id, outcome);
        },
        async (error: unknown) => {
          clearInterval(heartbeat);
          await writing;
          await this.fail(id, error);
        },
      )
      // Recording the outcome failed (the database went away): said in the log, and the job
      // marked failed when the database takes it.
      .catch(async (error: unknown) => {
        process.stderr.write(`import job ${id}: ${(error as Error).message}\n`);
        await this.fail(id, error).catch(() => undefined);
      });
    return (await this.one(id)) as ImportJob;
  }

  /**
   * Runs a failed or interrupted job again, as a new job (an upload's files are still there);
   * a job is run again once: the old one names the new.
   */
  async retry(by: User, id: number): Promise<ImportJob> {
    const made = await inTransaction(this.pool, async (c) => {
      const { rows } = await c.query<{
        kind: JobKind;
        folder: string;
        label: string;
        state: JobState;
        retried_as: number | null;
      }>('SELECT kind, folder, label, state, retried_as FROM import_jobs WHERE id = $1 FOR UPDATE', [id]);
      const old = rows[0];
      if (!old) throw new TeamError('not-found', `no import job ${id}`);
      if (old.retried_as !== null)
        throw new TeamError('invalid', `import job ${id} was run again already, as job ${old.retried_as}`);
      if (old.state !== 'failed' && old.state !== 'interrupted')
        throw new TeamError(
          'invalid',
          `import job ${id} is ${old.state}: only a failed or interrupted job is run again`,
        );
      const inserted = await c.query<{ id: number }>(
        `INSERT INTO import_jobs (user_id, kind, folder, label, state) VALUES ($1, $2, $3, $4, 'queued') RETURNING id`,
        [by.id, old.kind, old.folder, old.label],
      );
      const next = inserted.rows[0].id;
      await c.query('UPDATE import_jobs SET retried_as = $2 WHERE id = $1', [id, next]);
      return next;
    });
    return this.start(made);
  }

  /** Marks a running job failed with the reason (not one already marked otherwise). */
  private async fail(id: number, error: unknown): Promise<void> {
    await this.pool.query(
      `UPDATE import_jobs SET state = 'failed', error = $2, finished = now() WHERE id = $1 AND state = 'running'`,
      [id, (error as Error).message.slice(0, 2000)],
    );
  }

  private async finish(id: number, { articles, written, report }: ImportOutcome): Promise<void> {
    const pages = pagesOf(report);
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM import_pages WHERE job_id = $1', [id]);
      await client.query(
        `INSERT INTO import_pages (job_id, file, status, format, encoding, articles, problems)
         SELECT $1, file, status, format, encoding, articles, problems::jsonb
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
           AS p(file, status, format, encoding, articles, problems)
         ON CONFLICT DO NOTHING`,
        [
          id,
          pages.map((p) => p.file),
          pages.map((p) => p.status),
          pages.map((p) => p.format ?? null),
          pages.map((p) => p.encoding ?? null),
          pages.map((p) => p.articles),
          pages.map((p) => JSON.stringify(p.problems)),
        ],
      );
      await client.query(
        `UPDATE import_jobs SET state = 'done', articles = $2, written = $3, done = $4, total = $4,
           error = NULL, finished = now() WHERE id = $1 AND state IN ('running', 'interrupted')`,
        [id, articles, written, report.totals.files],
      );
    });
  }
}
