/** A throwaway PostgreSQL with the newsroom server's tables, its users, and an archive engine. */
import pg from 'pg';
import { PgEngine } from '../../../src/main/core/search/pg/engine';
import { TeamStore, type Role } from '../../../src/main/server/team';
import { startPostgres, type PgBinaries, type PgServer } from './pg-server';

export interface TeamDatabase {
  postgres: PgServer;
  /** The database's name, for connections of their own (a worker's). */
  database: string;
  pool: pg.Pool;
  team: TeamStore;
  engine: PgEngine;
  /** Closes the engine and the pool, and stops and removes the cluster. */
  stop(): Promise<void>;
}

export async function startTeamDatabase(
  found: Exclude<PgBinaries, { reason: string }>,
  users: [name: string, password: string, role: Role][] = [],
): Promise<TeamDatabase> {
  const postgres = await startPostgres(found);
  const database = await postgres.createDatabase();
  const pool = new pg.Pool(postgres.config(database));
  const team = await TeamStore.open(pool);
  for (const [name, password, role] of users) await team.createUser(name, password, role);
  const engine = await PgEngine.open({ pool });
  return {
    postgres,
    database,
    pool,
    team,
    engine,
    async stop() {
      await engine.close();
      await pool.end();
      await postgres.stop();
    },
  };
}
