/**
 * The newsroom server's research calls (concordance, collocates, trends) in a worker thread with
 * its own connections to the database: they read every matching article, seconds of work for a
 * frequent term, which on the request thread would hold up every user's searches meanwhile.
 * The caller's side is the desktop's ResearchWorker (core/research-worker.ts), started with
 * SERVER_RESEARCH_WORKER and serverResearchJob(...).
 */
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { PoolConfig } from 'pg';
import type { ResearchReply, ResearchRequest } from '../core/research-worker';
import { research } from '../core/research';
import { PgEngine } from '../core/search/pg/engine';
import { pgResearchSource } from './research';

interface ServerResearchJob {
  newsstackServerResearch: true;
  /** How to reach the database (a read replica will do): plain settings, copied to the worker. */
  connection: PoolConfig;
  schema: string;
}

/** This module, for spawnWorker: its TypeScript source under tsx, or the built script. */
export const SERVER_RESEARCH_WORKER = fileURLToPath(import.meta.url);

export function serverResearchJob(connection: PoolConfig, schema = 'newsstack'): ServerResearchJob {
  return { newsstackServerResearch: true, connection, schema };
}

const job = workerData as ServerResearchJob | undefined;
if (!isMainThread && parentPort && job?.newsstackServerResearch) {
  const port = parentPort;
  const pool = new pg.Pool({ max: 4, ...job.connection });
  // A dropped idle connection is replaced on the next query.
  pool.on('error', () => undefined);
  const source = pgResearchSource(pool, job.schema);
  let engine: Promise<PgEngine> | null = null;
  // Calls run side by side: each waits on the database most of the time.
  port.on('message', (request: ResearchRequest) => {
    // Opened again on the next call when opening failed (the database was down).
    engine ??= PgEngine.open({ pool, schema: job.schema }).catch((error: unknown) => {
      engine = null;
      throw error;
    });
    engine
      .then((e) => research(source, e, request.call))
      .then(
        (value) => port.postMessage({ id: request.id, value } satisfies ResearchReply),
        (error: unknown) =>
          port.postMessage({ id: request.id, error: (error as Error).message } satisfies ResearchReply),
      );
  });
}
