/**
 * Versions of the tables a Newsstack server keeps in PostgreSQL, and their upgrades. Each part
 * (the team's tables, each engine schema) has a version in `newsstack_versions`; a server brings
 * older tables up to its own version on start, in one transaction under a lock (several servers
 * starting together upgrade once), and refuses tables made by a newer server rather than write
 * into what it does not know. Tables made before versions were kept are recognised by the
 * caller's `existing` test and count as version 1.
 */
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction';

export interface Migration {
  /** What it changes, for the error message when it fails. */
  describe: string;
  up(client: PoolClient): Promise<void>;
}

export class SchemaVersionError extends Error {}

/** Where the versions are kept: the first schema of the connection's search path. */
const VERSIONS = 'newsstack_versions';

async function versionOf(c: Pool | PoolClient, part: string): Promise<number | null> {
  const table = await c.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [VERSIONS]);
  if (table.rows[0].t === null) return null;
  const { rows } = await c.query<{ version: number }>(`SELECT version FROM ${VERSIONS} WHERE part = $1`, [
    part,
  ]);
  return rows[0]?.version ?? null;
}

function tooNew(part: string, found: number, known: number): SchemaVersionError {
  return new SchemaVersionError(
    `the database's ${part} tables are at version ${found}, made by a newer Newsstack server; ` +
      `this server knows versions up to ${known}. Run the newer server (nothing was changed).`,
  );
}

/**
 * Brings `part`'s tables to the last of `migrations` (migration i makes version i + 1). Tables at
 * that version are only read: a read-only replica opens them. Returns the versions before and after.
 */
export async function migrate(
  pool: Pool,
  part: string,
  migrations: readonly Migration[],
  existing: (client: PoolClient) => Promise<boolean>,
): Promise<{ from: number; to: number }> {
  const latest = migrations.length;
  const seen = await versionOf(pool, part);
  if (seen !== null && seen > latest) throw tooNew(part, seen, latest);
  if (seen === latest) return { from: seen, to: seen };
  let from = 0;
  let step = '';
  try {
    return await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`newsstack:${part}`]);
      await client.query(`CREATE TABLE IF NOT EXISTS ${VERSIONS} (
      part text PRIMARY KEY,
      version integer NOT NULL,
      upgraded timestamptz NOT NULL DEFAULT now()
    )`);
      // Read again under the lock: another server may have upgraded meanwhile.
      from = (await versionOf(client, part)) ?? ((await existing(client)) ? 1 : 0);
      if (from > latest) throw tooNew(part, from, latest);
      for (let v = from; v < latest; v++) {
        step = `to version ${v + 1} (${migrations[v].describe})`;
        await migrations[v].up(client);
      }
      await client.query(
        `INSERT INTO ${VERSIONS} (part, version) VALUES ($1, $2)
       ON CONFLICT (part) DO UPDATE SET version = EXCLUDED.version, upgraded = now()`,
        [part, latest],
      );
      return { from, to: latest };
    });
  } catch (error) {
    if (error instanceof SchemaVersionError) throw error;
    const code = (error as { code?: string }).code;
    if (code === '25006')
      throw new SchemaVersionError(
        `the database is read-only (a replica?) and its ${part} tables are ${seen === null ? 'from before versions were kept' : `at version ${seen}`}; ` +
          `this server needs version ${latest}: start it once on the primary database to upgrade them`,
        { cause: error },
      );
    throw new SchemaVersionError(
      `upgrading the database's ${part} tables ${step || `from version ${from}`} failed, and nothing ` +
        `was changed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
