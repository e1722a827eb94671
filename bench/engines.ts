/** The engines the bench compares: ours and the baselines, behind one small interface. */
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import pg from 'pg';
import type { PoolConfig } from 'pg';
import { Catalog, CATALOG_FILE } from '../src/main/core/catalog';
import { DiskEngine } from '../src/main/core/search/disk/engine';
import { ArticleIndex } from '../src/main/core/search/index';
import { PgEngine } from '../src/main/core/search/pg/engine';
import { normalize } from '../src/main/core/text/normalize';
import type { Article } from '../src/shared/types';

/** What a method gives, or a promise of it (the PostgreSQL engine's are asynchronous). */
type Maybe<T> = T | Promise<T>;

export interface Engine {
  /** Builds the index; `file` is where save() will put it, for engines that build straight into a file. */
  build(articles: Article[], file: string): unknown;
  save(file: string): unknown;
  load(file: string, articles: Article[]): unknown;
  /** The ids the engine returns for the query (all of them). */
  ids(query: string): Maybe<string[]>;
  /** What a user waits for: the first page of results. */
  page(query: string): Maybe<unknown>;
  /** Bytes the index takes, when it is not the size of `file`. */
  bytes?(file: string): Maybe<number>;
  /** Called once the engine's figures are taken: connections closed. */
  close?(): unknown;
}

/**
 * Ours: the engine the app uses, with the index on disk in the catalogue's database (the articles
 * and their text are in the same file, as FTS5 keeps its content). `file` is a hard link to it.
 */
function ours(): Engine {
  let catalog: Catalog | null = null;
  let engine: DiskEngine | null = null;
  const dataDir = (file: string): string => `${file}.data`;
  return {
    build: (a, file) => {
      mkdirSync(dataDir(file), { recursive: true });
      catalog = Catalog.open(dataDir(file));
      catalog.putArticles(a);
      engine = DiskEngine.open(catalog);
    },
    save: (file) => {
      catalog?.close();
      rmSync(file, { force: true });
      linkSync(path.join(dataDir(file), CATALOG_FILE), file);
    },
    load: (file) => {
      catalog = Catalog.open(dataDir(file));
      engine = DiskEngine.open(catalog);
    },
    ids: (q) => (engine as DiskEngine).matchIdsNow(q),
    page: (q) => (engine as DiskEngine).searchNow(q, 20),
  };
}

/** The in-memory index the app used before the catalogue (LocalEngine's ArticleIndex). */
function memory(): Engine {
  let index: ArticleIndex;
  return {
    build: (a) => (index = ArticleIndex.build(a)),
    save: (f) => writeFileSync(f, index.toBinary()),
    load: (f, a) => (index = ArticleIndex.fromBinary(readFileSync(f), a)),
    ids: (q) => index.matchIds(q),
    page: (q) => index.search(q, 20),
  };
}

function bigrams(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  if (text.length === 1) out.add(text);
  return [...out];
}

function mini(kind: 'default' | 'bigram'): Engine {
  const options =
    kind === 'default'
      ? { fields: ['title', 'text'] }
      : {
          fields: ['title', 'text'],
          tokenize: (t: string) => bigrams(normalize(t)),
          processTerm: (t: string) => t,
        };
  let ms: MiniSearch;
  const terms = (q: string): string[] =>
    kind === 'default' ? q.split(/\s+/u) : q.split(/\s+/u).flatMap((t) => bigrams(normalize(t)));
  return {
    build: (a) => {
      ms = new MiniSearch(options);
      ms.addAll(a.map((x) => ({ id: x.id, title: x.title, text: x.text })));
    },
    save: (f) => writeFileSync(f, JSON.stringify(ms)),
    load: (f) => (ms = MiniSearch.loadJSON(readFileSync(f, 'utf8'), options)),
    ids: (q) => ms.search({ combineWith: 'AND', queries: terms(q) }).map((r) => String(r.id)),
    page: (q) => ms.search({ combineWith: 'AND', queries: terms(q) }).slice(0, 20),
  };
}

function linear(): Engine {
  let docs: { id: string; text: string }[] = [];
  const build = (a: Article[]): void => {
    docs = a.map((x) => ({ id: x.id, text: `${normalize(x.title)}\u0000${normalize(x.text)}` }));
  };
  const ids = (q: string): string[] => {
    const terms = q.split(/\s+/u).map(normalize).filter(Boolean);
    return docs.filter((d) => terms.every((t) => d.text.includes(t))).map((d) => d.id);
  };
  return {
    build,
    save: (f) => writeFileSync(f, ''),
    load: (_f, a) => build(a),
    ids,
    page: (q) => ids(q).slice(0, 20),
  };
}

function flex(): Engine {
  const make = (): InstanceType<typeof FlexSearch.Index> =>
    new FlexSearch.Index({ tokenize: 'forward', encoder: FlexSearch.Charset.CJK });
  let index = make();
  let idOf: string[] = [];
  const ids = (q: string): string[] =>
    (index.search(q, { limit: 1_000_000 }) as number[]).map((n) => idOf[n]);
  return {
    build: (a) => {
      index = make();
      idOf = a.map((x) => x.id);
      a.forEach((x, n) => index.add(n, `${x.title}\n${x.text}`));
    },
    save: (f) => {
      const parts: Record<string, unknown> = {};
      index.export((key: string | number, data: unknown) => (parts[String(key)] = data));
      writeFileSync(f, JSON.stringify({ parts, idOf }));
    },
    load: (f) => {
      const { parts, idOf: stored } = JSON.parse(readFileSync(f, 'utf8')) as {
        parts: Record<string, string>;
        idOf: string[];
      };
      index = make();
      for (const [k, v] of Object.entries(parts)) index.import(k, v);
      idOf = stored;
    },
    ids,
    page: (q) => ids(q).slice(0, 20),
  };
}

/**
 * SQLite FTS5 with the trigram tokenizer, in a file. It is fed the normalised title and text and
 * the query terms are normalised, so that it matches exactly as ours does: every term is a quoted
 * FTS5 phrase, ANDed; terms under 3 characters cannot use the trigram index and are matched with
 * LIKE on the columns (a scan of the stored text) instead. The page does the work ours does for a
 * user: the total, the first 20 by bm25 (in article order when every term is short: there is no
 * rank without MATCH) with their titles and snippets, and the counts by publication and year.
 */
function fts5(): Engine {
  let db: Database.Database | undefined;
  let idOf: string[] = [];
  const statements = new Map<string, Database.Statement>();
  const like = (t: string): string => `%${t.replace(/[\\%_]/gu, '\\$&')}%`;
  type Kind = 'ids' | 'hits' | 'facets';
  const compile = (q: string, page: Kind): { sql: string; params: string[] } | null => {
    const terms = q.split(/\s+/u).map(normalize).filter(Boolean);
    if (!terms.length) return null;
    const long = terms.filter((t) => [...t].length >= 3);
    const short = terms.filter((t) => [...t].length < 3);
    const where = [
      ...(long.length ? ['t MATCH ?'] : []),
      ...short.map(() => "(title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')"),
    ].join(' AND ');
    // snippet() needs a MATCH; with short terms only, the text's start stands in for it.
    const snippet = long.length ? "snippet(t, 1, '[', ']', '…', 24)" : 'substr(text, 1, 48)';
    const sql =
      page === 'hits'
        ? `SELECT rowid, title, ${snippet} AS snippet FROM t WHERE ${where} ORDER BY ${long.length ? 'rank' : 'rowid'} LIMIT 20`
        : page === 'facets'
          ? `SELECT pub, year, count(*) AS n FROM t WHERE ${where} GROUP BY pub, year`
          : `SELECT rowid FROM t WHERE ${where}`;
    const params = [
      ...(long.length ? [long.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ')] : []),
      ...short.flatMap((t) => [like(t), like(t)]),
    ];
    return { sql, params };
  };
  const run = (q: string, page: Kind): { rowid: number; total?: number }[] => {
    const c = compile(q, page);
    if (!c || !db) return [];
    let statement = statements.get(c.sql);
    if (!statement) statements.set(c.sql, (statement = db.prepare(c.sql)));
    return statement.all(...c.params) as { rowid: number; total?: number }[];
  };
  return {
    build: (a, file) => {
      rmSync(file, { force: true });
      db = new Database(file);
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      // Case-sensitive: the text is normalised already, and SQLite's own case folding must not add matches.
      db.exec(
        "CREATE VIRTUAL TABLE t USING fts5(title, text, pub UNINDEXED, year UNINDEXED, tokenize = 'trigram case_sensitive 1')",
      );
      const insert = db.prepare('INSERT INTO t(rowid, title, text, pub, year) VALUES (?, ?, ?, ?, ?)');
      db.transaction(() =>
        a.forEach((x, n) =>
          insert.run(
            n,
            normalize(x.title),
            normalize(x.text),
            x.publication ?? '',
            x.date?.slice(0, 4) ?? '',
          ),
        ),
      )();
      db.exec("INSERT INTO t(t) VALUES ('optimize')");
    },
    save: () => db?.close(),
    load: (f, a) => {
      db = new Database(f, { readonly: true, fileMustExist: true });
      statements.clear();
      idOf = a.map((x) => x.id);
    },
    ids: (q) => run(q, 'ids').map((r) => idOf[r.rowid]),
    page: (q) => {
      const rows = run(q, 'hits');
      return {
        total: rows[0]?.total ?? 0,
        hits: rows.map((r) => ({ ...r, id: idOf[r.rowid] })),
        facets: run(q, 'facets'),
      };
    },
  };
}

/** Connection settings of the bench's PostgreSQL cluster, which run.ts starts for 'pg' and passes on. */
export const PG_ENV = 'NEWSSTACK_BENCH_PG';

function pgConfig(database: string): PoolConfig {
  const shared = process.env[PG_ENV];
  if (!shared) throw new Error(`${PG_ENV} is not set: run.ts starts the cluster`);
  return { ...(JSON.parse(shared) as PoolConfig), database };
}

/** The database a 'pg' run's file names (one a dataset, made by build). */
export const pgDatabaseOf = (file: string): string =>
  `bench_${path
    .basename(file)
    .replace(/[^a-z0-9]/giu, '_')
    .toLowerCase()}`;

/** Drops the dataset's database, once its figures are taken. */
export async function dropPgDatabase(file: string): Promise<void> {
  const client = new pg.Client(pgConfig('postgres'));
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pgDatabaseOf(file)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * The newsroom server's engine (PgEngine) on a database of its own in a throwaway cluster:
 * build is the bulk load (PgEngine.bulkLoad), load is opening the engine (a connection and the
 * stats row: the index stays in the server), and the page is search() with 20 hits, as the
 * others. Its size is pg_database_size (tables, TOAST, indexes and the catalogue's few MB). The
 * bench's RSS is the Node process's alone, not the server's.
 */
function postgres(): Engine {
  let engine: PgEngine | null = null;
  const open = async (file: string): Promise<PgEngine> =>
    (engine = await PgEngine.open({ connection: pgConfig(pgDatabaseOf(file)), schema: 'newsstack' }));
  return {
    build: async (a, file) => {
      const admin = new pg.Client(pgConfig('postgres'));
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pgDatabaseOf(file)}`);
      await admin.query(`CREATE DATABASE ${pgDatabaseOf(file)}`);
      await admin.end();
      await (await open(file)).bulkLoad(a, { indexMemory: '2GB' });
      // Statistics for the planner, as a server's autovacuum would gather them after a load.
      const c = new pg.Client(pgConfig(pgDatabaseOf(file)));
      await c.connect();
      await c.query('VACUUM ANALYZE');
      await c.end();
    },
    save: async (file) => {
      writeFileSync(file, pgDatabaseOf(file));
      await engine?.close();
    },
    load: async (file) => void (await open(file)),
    ids: (q) => (engine as PgEngine).matchIds(q),
    page: (q) => (engine as PgEngine).search(q, { limit: 20 }),
    bytes: async (file) => {
      const c = new pg.Client(pgConfig('postgres'));
      await c.connect();
      const { rows } = await c.query<{ n: string }>('SELECT pg_database_size($1)::text AS n', [
        pgDatabaseOf(file),
      ]);
      await c.end();
      return Number(rows[0].n);
    },
    close: () => engine?.close(),
  };
}

export const ENGINES: Record<string, () => Engine> = {
  ours,
  pg: postgres,
  memory,
  fts5,
  'minisearch-default': () => mini('default'),
  'minisearch-bigram': () => mini('bigram'),
  linear,
  flexsearch: flex,
};

/** Sizes above which a baseline is not run: it cannot finish or fit (see the printed note). */
export const CAPS: Record<string, number> = {
  'minisearch-bigram': 10_000,
  'minisearch-default': 10_000,
  flexsearch: 10_000,
};
