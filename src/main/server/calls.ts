/** What the server answers of the desktop's contract, over its PostgreSQL tables (see http.ts). */
import type { Pool } from 'pg';
import type { PgEngine } from '../core/search/pg/engine';
import { articleView } from './articles';
import { browseServer } from './browse';
import { ServerCorrections } from './corrections';
import type { TeamServerOptions } from './http';
import { pgResearchSource } from './research';

export function archiveCalls(
  pool: Pool,
  engine: PgEngine,
): Pick<TeamServerOptions, 'article' | 'browse' | 'research' | 'corrections'> {
  return {
    corrections: new ServerCorrections(pool, engine),
    article: (id, query) => articleView(pool, engine, id, query),
    browse: (publication, date) => browseServer(pool, publication, date),
    research: pgResearchSource(pool),
  };
}
