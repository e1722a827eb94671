/**
 * The newsroom server's own tables (the archive's are the engine's, pg/schema.ts), by version
 * (see migrate.ts): a server upgrades older tables when it starts, and refuses newer ones.
 *
 *   1  users, sessions, failed logins and notes (the first release)
 *   2  import jobs and the page files each one read
 *   3  corrections of articles by editors, with the article as imported, and their log
 *   4  which job ran a failed or interrupted import again
 */
import type { Pool } from 'pg';
import { migrate, type Migration } from '../core/search/pg/migrate';

export const SERVER_MIGRATIONS: readonly Migration[] = [
  {
    describe: 'users, sessions, failed logins and notes',
    async up(client) {
      await client.query(`
        CREATE TABLE IF NOT EXISTS team_users (
          id serial PRIMARY KEY,
          name text NOT NULL UNIQUE,
          role text NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
          password text NOT NULL,
          created timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS team_sessions (
          token_hash text PRIMARY KEY,
          user_id integer NOT NULL REFERENCES team_users(id) ON DELETE CASCADE,
          csrf text NOT NULL,
          expires timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS team_login_failures (
          key text NOT NULL,
          at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS team_login_failures_key ON team_login_failures (key, at);
        CREATE TABLE IF NOT EXISTS team_notes (
          id serial PRIMARY KEY,
          article_id text NOT NULL,
          author_id integer NOT NULL REFERENCES team_users(id) ON DELETE CASCADE,
          shared boolean NOT NULL,
          quote text NOT NULL,
          note text NOT NULL,
          created timestamptz NOT NULL DEFAULT now(),
          modified timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS team_notes_article ON team_notes (article_id);
      `);
    },
  },
  {
    describe: 'import jobs and their page files',
    async up(client) {
      await client.query(`
        CREATE TABLE import_jobs (
          id serial PRIMARY KEY,
          user_id integer REFERENCES team_users(id) ON DELETE SET NULL,
          kind text NOT NULL CHECK (kind IN ('folder', 'upload')),
          folder text NOT NULL,
          label text NOT NULL DEFAULT '',
          state text NOT NULL CHECK (state IN ('queued', 'receiving', 'running', 'done', 'failed', 'interrupted')),
          done integer NOT NULL DEFAULT 0,
          total integer NOT NULL DEFAULT 0,
          received integer NOT NULL DEFAULT 0,
          received_bytes bigint NOT NULL DEFAULT 0,
          articles integer,
          written integer,
          error text,
          created timestamptz NOT NULL DEFAULT now(),
          heartbeat timestamptz NOT NULL DEFAULT now(),
          finished timestamptz
        );
        CREATE TABLE import_pages (
          job_id integer NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
          file text NOT NULL,
          status text NOT NULL,
          format text,
          encoding text,
          articles integer NOT NULL,
          problems jsonb NOT NULL DEFAULT '[]',
          PRIMARY KEY (job_id, file)
        );
      `);
    },
  },
  {
    describe: 'corrections of articles and their log',
    async up(client) {
      await client.query(`
        CREATE TABLE article_corrections (
          article_id text PRIMARY KEY,
          original json,
          correction jsonb NOT NULL,
          updated timestamptz NOT NULL DEFAULT now(),
          updated_by integer REFERENCES team_users(id) ON DELETE SET NULL
        );
        CREATE TABLE correction_log (
          id serial PRIMARY KEY,
          article_id text NOT NULL,
          user_id integer REFERENCES team_users(id) ON DELETE SET NULL,
          at timestamptz NOT NULL DEFAULT now(),
          change jsonb NOT NULL
        );
        CREATE INDEX correction_log_article ON correction_log (article_id, at);
      `);
    },
  },
  {
    describe: 'the job that ran an import again',
    async up(client) {
      await client.query(
        'ALTER TABLE import_jobs ADD COLUMN retried_as integer REFERENCES import_jobs(id) ON DELETE SET NULL',
      );
    },
  },
];

/** Makes the server's tables, or upgrades them to this release's version. */
export async function prepareServerTables(pool: Pool): Promise<void> {
  await migrate(pool, 'team', SERVER_MIGRATIONS, async (client) => {
    const made = await client.query<{ t: string | null }>(`SELECT to_regclass('team_notes')::text AS t`);
    return made.rows[0].t !== null;
  });
}
