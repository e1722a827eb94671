/**
 * `npm run server`: the newsroom server. The archive's articles and their search index, the team's
 * users, sessions and notes live in PostgreSQL; pages are imported from folders on the server by
 * editors (the same importer as the desktop app). See README "Newsroom server".
 *
 *   npm run server -- --db postgres://user@host/newsstack [--port 8080] [--host 0.0.0.0] [--secure]
 *                     [--db-read postgres://user@replica/newsstack]   (searches on a read replica)
 *                     [--uploads DIR]   (uploaded page files, a folder per job; ./newsstack-uploads)
 *                     [--import-root DIR]   (editors may import folders under it; without it, only uploads)
 *   npm run server -- --db … --add-user NAME --role admin      (password from NEWSSTACK_PASSWORD)
 *
 * --db may be left out when the PG* environment variables (PGHOST, PGDATABASE …) say where.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { PoolConfig } from 'pg';
import { ResearchWorker } from '../core/research-worker';
import { PgEngine } from '../core/search/pg/engine';
import { archiveCalls } from './calls';
import { startTeamServer } from './http';
import { importIntoEngine } from './import';
import { ImportJobs } from './jobs';
import { SERVER_RESEARCH_WORKER, serverResearchJob } from './research-worker';
import { ROLES, TeamStore, type Role } from './team';

/** Settings for a database URL; none: the PG* environment variables say where. */
function connectionOf(url: string | undefined): PoolConfig {
  return url ? { connectionString: url } : {};
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      'db-read': { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      secure: { type: 'boolean', default: false },
      'add-user': { type: 'string' },
      role: { type: 'string', default: 'reader' },
      uploads: { type: 'string', default: 'newsstack-uploads' },
      'import-root': { type: 'string' },
    },
  });
  const pool = new pg.Pool(connectionOf(values.db));
  // An idle connection the database dropped (a restart, a failover): said, and replaced on next use.
  pool.on('error', (error) => process.stderr.write(`database connection lost: ${error.message}\n`));
  try {
    const team = await TeamStore.open(pool);
    if (values['add-user']) {
      const role = values.role as Role;
      if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const password = process.env.NEWSSTACK_PASSWORD;
      if (!password)
        throw new Error('give the new user’s password in the NEWSSTACK_PASSWORD environment variable');
      const user = await team.createUser(values['add-user'], password, role);
      process.stdout.write(`added ${user.name} (${user.role})\n`);
      await pool.end();
      return 0;
    }
    const engine = await PgEngine.open({ pool });
    // Searches on a streaming replica (hot standby) of the same database, when one is given.
    const replica = values['db-read']
      ? await PgEngine.open({ connection: { connectionString: values['db-read'] } })
      : null;
    const calls = archiveCalls(pool, engine);
    // Research reads every matching article: in a worker thread, on the replica when there is one.
    const researchWorker = new ResearchWorker(
      SERVER_RESEARCH_WORKER,
      serverResearchJob(connectionOf(values['db-read'] ?? values.db)),
    );
    const running = await startTeamServer({
      team,
      engine,
      ...(replica ? { searchEngine: replica } : {}),
      secure: values.secure,
      port: Number(values.port),
      host: values.host,
      ...calls,
      researchWorker,
      jobs: new ImportJobs(pool, (folder, progress) =>
        importIntoEngine(engine, folder, progress, calls.corrections),
      ),
      uploads: path.resolve(values.uploads),
      ...(values['import-root'] ? { importRoot: path.resolve(values['import-root']) } : {}),
    });
    process.stdout.write(`Newsstack newsroom server on ${running.url}\n`);
    const stop = (): void => {
      void running
        .close()
        .then(() => researchWorker.close())
        .then(() => engine.close())
        .then(() => replica?.close())
        .then(() => pool.end())
        .finally(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
