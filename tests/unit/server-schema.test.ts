import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgEngine } from '../../src/main/core/search/pg/engine';
import { hashPassword } from '../../src/main/server/passwords';
import { SERVER_MIGRATIONS } from '../../src/main/server/tables';
import { TeamStore } from '../../src/main/server/team';
import type { Article } from '../../src/shared/types';
import { findPostgres, startPostgres, type PgServer } from './helpers/pg-server';

const found = findPostgres();
const skip = 'reason' in found ? found.reason : null;

const article: Article = {
  id: 'p1',
  title: '江北区新建三座口袋公园',
  text: '本报讯 江北区新建三座口袋公园，市民可免费入园。',
  paragraphs: ['本报讯 江北区新建三座口袋公园，市民可免费入园。'],
  source: { file: 'p1.txt', lineStart: 1, lineEnd: 2 },
};

describe.skipIf(skip !== null)(`server table versions${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let postgres: PgServer;

  beforeAll(async () => {
    if ('reason' in found) return;
    postgres = await startPostgres(found);
  }, 120_000);

  afterAll(async () => {
    await postgres?.stop();
  });

  const freshPool = async (): Promise<pg.Pool> =>
    new pg.Pool(postgres.config(await postgres.createDatabase()));

  it('upgrades the first release’s tables in place: users, sessions and notes are kept', async () => {
    const pool = await freshPool();
    try {
      // The first release's tables, with no version kept, and what its users made in them.
      const client = await pool.connect();
      await SERVER_MIGRATIONS[0].up(client);
      client.release();
      const { rows: made } = await pool.query<{ id: number }>(
        `INSERT INTO team_users (name, role, password) VALUES ('wang', 'editor', $1) RETURNING id`,
        [await hashPassword('editor-password-1')],
      );
      await pool.query(
        `INSERT INTO team_notes (article_id, author_id, shared, quote, note) VALUES ('p1', $1, false, '口袋公园', '待核实')`,
        [made[0].id],
      );

      const team = await TeamStore.open(pool);
      const { rows } = await pool.query<{ version: number }>(
        `SELECT version FROM newsstack_versions WHERE part = 'team'`,
      );
      expect(rows[0].version).toBe(SERVER_MIGRATIONS.length);
      const session = await team.login('wang', 'editor-password-1', '127.0.0.1');
      expect(await team.notes(session.user)).toMatchObject([{ quote: '口袋公园', note: '待核实' }]);
      // The new tables are there.
      expect((await pool.query('SELECT count(*)::int AS n FROM import_jobs')).rows[0].n).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('refuses tables made by a newer server, says so, and changes nothing', async () => {
    const pool = await freshPool();
    try {
      const team = await TeamStore.open(pool);
      await team.createUser('li', 'reader-password-2', 'reader');
      await pool.query(`UPDATE newsstack_versions SET version = 99 WHERE part = 'team'`);
      await expect(TeamStore.open(pool)).rejects.toThrow(
        /team tables are at version 99, made by a newer Newsstack server; this server knows versions up to \d+/,
      );
      expect((await pool.query('SELECT name FROM team_users')).rows).toEqual([{ name: 'li' }]);

      const engine = await PgEngine.open({ pool, schema: 'archive' });
      await engine.apply({ upsert: [article], remove: [] });
      await engine.close();
      await pool.query(`UPDATE newsstack_versions SET version = 7 WHERE part = 'engine:archive'`);
      await expect(PgEngine.open({ pool, schema: 'archive' })).rejects.toThrow(
        /engine:archive tables are at version 7, made by a newer Newsstack server/,
      );
      expect((await pool.query('SELECT id FROM archive.articles')).rows).toEqual([{ id: 'p1' }]);
    } finally {
      await pool.end();
    }
  });

  it('opens an archive made before versions were kept, and a read-only replica of it', async () => {
    const database = await postgres.createDatabase();
    const pool = new pg.Pool(postgres.config(database));
    try {
      const engine = await PgEngine.open({ pool });
      const other = { ...article, id: 'p2', title: '江北区口袋公园开放', text: '江北区口袋公园今日开放。' };
      await engine.apply({ upsert: [article, other], remove: [] });
      const suggested = await engine.suggest('口', 10);
      expect(suggested).toContainEqual({ kind: 'term', text: '口袋', count: 2 });
      await engine.close();
      // As the first release left it: a row a word and article, no word counts, no version.
      await pool.query(`
        CREATE TABLE newsstack.words (word text COLLATE "C" NOT NULL, id text NOT NULL, PRIMARY KEY (word, id));
        CREATE INDEX words_id ON newsstack.words (id);
        INSERT INTO newsstack.words SELECT unnest(words), id FROM newsstack.article_words;
        DROP TABLE newsstack.article_words, newsstack.word_counts, newsstack_versions;
      `);
      const reopened = await PgEngine.open({ pool });
      expect((await reopened.search('口袋公园')).hits.map((h) => h.id).sort()).toEqual(['p1', 'p2']);
      // The words were carried over: the same suggestions, and they follow later changes.
      expect(await reopened.suggest('口', 10)).toEqual(suggested);
      await reopened.apply({ upsert: [], remove: ['p2'] });
      expect((await reopened.suggest('口', 10)).some((s) => s.kind === 'term')).toBe(false);
      await reopened.apply({ upsert: [other], remove: [] });
      await reopened.close();
      const { rows } = await pool.query<{ version: number }>(
        `SELECT version FROM newsstack_versions WHERE part = 'engine:newsstack'`,
      );
      expect(rows[0].version).toBe(2);
      expect((await pool.query(`SELECT to_regclass('newsstack.words') AS t`)).rows[0].t).toBeNull();

      // A hot standby takes no writes: tables at this version are only read.
      await pool.query(`ALTER DATABASE ${database} SET default_transaction_read_only = on`);
      const replicaPool = new pg.Pool(postgres.config(database));
      try {
        const replica = await PgEngine.open({ pool: replicaPool });
        expect((await replica.search('口袋公园')).total).toBe(2);
        await replica.close();
        // An old version there cannot be upgraded: the message says where to do it.
        await pool.query(`ALTER DATABASE ${database} SET default_transaction_read_only = off`);
        await pool.query(`UPDATE newsstack_versions SET version = 0 WHERE part = 'engine:newsstack'`);
        await pool.query(`ALTER DATABASE ${database} SET default_transaction_read_only = on`);
        const stale = new pg.Pool(postgres.config(database));
        await expect(PgEngine.open({ pool: stale })).rejects.toThrow(
          /read-only \(a replica\?\).*start it once on the primary database/,
        );
        await stale.end();
      } finally {
        await replicaPool.end();
      }
    } finally {
      await pool.end();
    }
  });
});
