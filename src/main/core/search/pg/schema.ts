/**
 * The PostgreSQL engine's tables, and an article turned into the row they hold.
 *
 *   articles  one row an article: the article as given (doc, with its plain fields in columns
 *             for SQL users), its normalised title and indexed text, and `grams`: the distinct
 *             gram keys of both (every UTF-16 unit and every pair of adjacent units, the desktop
 *             index's keys, grams.ts), under a GIN index. `slot` orders articles as the desktop
 *             index's slots do: a new number whenever an article is added or changed.
 *   article_words  the words of each article's title and the start of its text (one row an
 *             article), so that the counts below can be taken back when it changes or goes.
 *   word_counts    how many articles hold each word, for suggestions of frequent terms (prefix
 *             ranges over a C-collated B-tree), kept by the engine's writes.
 *   stats     one row: how many articles there are and their summed normalised length (BM25's
 *             average length), kept by statement triggers on articles, so that a search reads
 *             one row instead of counting every article.
 */
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Article } from '../../../../shared/types';
import { indexedText } from '../../corrections/text';
import { normalize } from '../../text/normalize';
import { dateKey } from '../docstore';
import { bigramKey, unigramKey } from '../grams';
import { words } from '../words';
import { migrate, type Migration } from './migrate';

/** How much of an article's normalised text its suggestion words come from (segmentation is slow). */
const WORD_SAMPLE = 1000;

/** `name` as an SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The qualified names of the engine's tables in `schema`. */
export interface Tables {
  schema: string;
  articles: string;
  /** The first release's words table (one row a word and article), which version 2 replaced. */
  legacyWords: string;
  articleWords: string;
  wordCounts: string;
  slots: string;
  stats: string;
}

export function tablesIn(schema: string): Tables {
  const s = ident(schema);
  return {
    schema: s,
    articles: `${s}.articles`,
    legacyWords: `${s}.words`,
    articleWords: `${s}.article_words`,
    wordCounts: `${s}.word_counts`,
    slots: `${s}.article_slot`,
    stats: `${s}.stats`,
  };
}

/** The engine's table versions in `schema` (migrate.ts): version 1 is the first release's tables. */
export function engineMigrations(schema: string): Migration[] {
  const t = tablesIn(schema);
  return [
    {
      describe: 'articles, words, slots and stats',
      async up(client) {
        // A schema made before versions were kept has these already: IF NOT EXISTS throughout.
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
        await client.query(`CREATE SEQUENCE IF NOT EXISTS ${t.slots}`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${t.articles} (
        id text PRIMARY KEY,
        slot bigint NOT NULL UNIQUE,
        hash text NOT NULL,
        title text NOT NULL,
        text text NOT NULL,
        publication text,
        date text,
        page text,
        source jsonb NOT NULL,
        doc json NOT NULL,
        ntitle text NOT NULL,
        ntext text NOT NULL,
        pub_norm text NOT NULL,
        date_key integer NOT NULL,
        len integer NOT NULL,
        grams int8[] NOT NULL
      )`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${t.legacyWords} (
        word text COLLATE "C" NOT NULL,
        id text NOT NULL
      )`);
        await createSecondaryIndexes(client, t);
        await prepareStats(client, t);
      },
    },
    {
      // A row a word and article took about half of the database: now a row an article, and
      // a count a word.
      describe: 'word counts instead of a row a word and article',
      async up(client) {
        await client.query(`CREATE TABLE ${t.articleWords} (id text PRIMARY KEY, words text[] NOT NULL)`);
        await client.query(
          `CREATE TABLE ${t.wordCounts} (word text COLLATE "C" PRIMARY KEY, n integer NOT NULL)`,
        );
        await client.query(`INSERT INTO ${t.articleWords} (id, words)
          SELECT id, array_agg(word ORDER BY word) FROM ${t.legacyWords} GROUP BY id`);
        await client.query(`INSERT INTO ${t.wordCounts} (word, n)
          SELECT word, count(*) FROM ${t.legacyWords} GROUP BY word`);
        await client.query(`DROP TABLE ${t.legacyWords}`);
      },
    },
  ];
}

/**
 * Makes the engine's tables in `schema`, or brings them to this release's version (migrate.ts).
 * Tables at this version are only read: opening them needs no right to create anything, and a
 * read-only replica opens them.
 */
export async function prepareSchema(pool: Pool, schema: string): Promise<void> {
  const t = tablesIn(schema);
  await migrate(pool, `engine:${schema}`, engineMigrations(schema), async (client) => {
    // The stats table is made last: a schema that has it was made whole.
    const made = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [t.stats]);
    return made.rows[0].t !== null;
  });
}

/**
 * The index that a bulk load drops while it writes and builds afterwards: built at once from
 * sorted entries, it costs a fraction of what inserting every row's entries one by one costs
 * (some 650 keys an article). `IF NOT EXISTS`: a schema keeps the one it has.
 */
async function createSecondaryIndexes(client: PoolClient, t: Tables): Promise<void> {
  await client.query(`CREATE INDEX IF NOT EXISTS articles_grams ON ${t.articles} USING gin (grams)`);
}

/** Drops the index of createSecondaryIndexes, in the caller's transaction (see bulkLoad). */
export async function dropSecondaryIndexes(client: PoolClient, t: Tables): Promise<void> {
  await client.query(`DROP INDEX IF EXISTS ${t.schema}.articles_grams`);
}

/** Builds it again, with memory enough to sort the GIN index's entries in few passes. */
export async function buildSecondaryIndexes(client: PoolClient, t: Tables, memory: string): Promise<void> {
  await client.query(`SET LOCAL maintenance_work_mem = '${memory.replace(/[^0-9A-Za-z]/gu, '')}'`);
  await createSecondaryIndexes(client, t);
}

/**
 * The stats row and the triggers that keep it: one per kind of statement, since a trigger with
 * transition tables serves one event (INSERT ... ON CONFLICT DO UPDATE fires both).
 */
async function prepareStats(client: PoolClient, t: Tables): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${t.stats} (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    articles bigint NOT NULL,
    length_sum bigint NOT NULL
  )`);
  await client.query(`INSERT INTO ${t.stats} (articles, length_sum)
    SELECT count(*), coalesce(sum(len), 0) FROM ${t.articles} ON CONFLICT DO NOTHING`);
  const fn = `${t.schema}.count_articles`;
  await client.query(`CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $body$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE ${t.stats} SET articles = articles + (SELECT count(*) FROM new_rows),
          length_sum = length_sum + (SELECT coalesce(sum(len), 0) FROM new_rows);
      END IF;
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE ${t.stats} SET articles = articles - (SELECT count(*) FROM old_rows),
          length_sum = length_sum - (SELECT coalesce(sum(len), 0) FROM old_rows);
      END IF;
      RETURN NULL;
    END $body$`);
  const transitions = {
    insert: 'NEW TABLE AS new_rows',
    update: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    delete: 'OLD TABLE AS old_rows',
  };
  for (const [event, tables] of Object.entries(transitions))
    await client.query(`CREATE OR REPLACE TRIGGER articles_count_${event} AFTER ${event.toUpperCase()}
      ON ${t.articles} REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
}

/**
 * PostgreSQL text cannot hold U+0000: it becomes U+FFFD, one unit for one, so that offsets into
 * the text (highlights) stay the same. Queries are made safe the same way.
 */
export function pgSafe(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s;
}

/** The gram keys of a normalised field, added to `keys` (no pair across fields, as the desktop index). */
function addGrams(keys: Set<number>, s: string): void {
  for (let i = 0; i < s.length; i++) {
    keys.add(unigramKey(s.charCodeAt(i)));
    if (i > 0) keys.add(bigramKey(s.charCodeAt(i - 1), s.charCodeAt(i)));
  }
}

export interface ArticleRow {
  id: string;
  hash: string;
  /** The article as JSON, U+0000 made safe. */
  doc: string;
  article: Article;
  ntitle: string;
  ntext: string;
  pubNorm: string;
  dateKey: number;
  /** Normalised length of title and text (UTF-16 units): BM25's document length, as the desktop index. */
  len: number;
  grams: number[];
  words: string[];
}

/** What the tables hold for an article. */
export function rowOf(article: Article): ArticleRow {
  const doc = JSON.stringify(article, (_key, value: unknown) =>
    typeof value === 'string' ? pgSafe(value) : value,
  );
  const safe = JSON.parse(doc) as Article;
  const ntitle = normalize(safe.title);
  const ntext = normalize(indexedText(safe));
  const grams = new Set<number>();
  addGrams(grams, ntitle);
  addGrams(grams, ntext);
  const sample = new Set([...words(ntitle), ...words(ntext.slice(0, WORD_SAMPLE))]);
  return {
    id: safe.id,
    hash: createHash('sha1').update(doc).digest('hex'),
    doc,
    article: safe,
    ntitle,
    ntext,
    pubNorm: normalize(safe.publication ?? ''),
    dateKey: dateKey(safe.date),
    len: ntitle.length + ntext.length,
    grams: [...grams],
    words: [...sample].filter((w) => w.length >= 2),
  };
}

/**
 * The columns of rows after their id, one array a column, in the order both writing statements
 * take them (hash … grams): the parameters `unnest` turns back into rows.
 */
function rowColumns(rows: ArticleRow[]): unknown[][] {
  const column = <T>(f: (r: ArticleRow) => T): T[] => rows.map(f);
  return [
    column((r) => r.hash),
    column((r) => r.article.title),
    column((r) => r.article.text),
    column((r) => r.article.publication ?? null),
    column((r) => r.article.date ?? null),
    column((r) => r.article.page ?? null),
    column((r) => JSON.stringify(r.article.source)),
    column((r) => r.doc),
    column((r) => r.ntitle),
    column((r) => r.ntext),
    column((r) => r.pubNorm),
    column((r) => r.dateKey),
    column((r) => r.len),
    // A list of gram lists cannot be one parameter: each goes as its array literal.
    column((r) => `{${r.grams.join(',')}}`),
  ];
}

/** Rows written by one statement: bounds the size of its parameters (texts and gram lists). */
const WRITE_BATCH = 500;

/**
 * Inserts or replaces articles (distinct ids) and their word lists, with the changes of the word
 * counts in `counts` (the caller writes them). Each gets a new slot, in the order given, as the
 * desktop index appends them.
 */
export async function writeRows(
  client: PoolClient,
  t: Tables,
  rows: ArticleRow[],
  counts: WordCounts,
): Promise<void> {
  for (let from = 0; from < rows.length; from += WRITE_BATCH) {
    const batch = rows.slice(from, from + WRITE_BATCH);
    const slots = await client.query<{ slot: string }>(
      `SELECT nextval($1::regclass)::text AS slot FROM generate_series(1, $2::int)`,
      [t.slots, batch.length],
    );
    const ids = batch.map((r) => r.id);
    await client.query(
      `INSERT INTO ${t.articles} (id, slot, hash, title, text, publication, date, page, source, doc,
         ntitle, ntext, pub_norm, date_key, len, grams)
       SELECT id, slot, hash, title, text, publication, date, page, source::jsonb, doc::json,
         ntitle, ntext, pub_norm, date_key, len, grams::int8[]
       FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::int[],
         $15::int[], $16::text[])
         AS u(id, slot, hash, title, text, publication, date, page, source, doc, ntitle, ntext,
           pub_norm, date_key, len, grams)
       ON CONFLICT (id) DO UPDATE SET slot = EXCLUDED.slot, hash = EXCLUDED.hash, title = EXCLUDED.title,
         text = EXCLUDED.text, publication = EXCLUDED.publication, date = EXCLUDED.date,
         page = EXCLUDED.page, source = EXCLUDED.source, doc = EXCLUDED.doc, ntitle = EXCLUDED.ntitle,
         ntext = EXCLUDED.ntext, pub_norm = EXCLUDED.pub_norm, date_key = EXCLUDED.date_key,
         len = EXCLUDED.len, grams = EXCLUDED.grams`,
      [ids, slots.rows.map((r) => r.slot), ...rowColumns(batch)],
    );
    await replaceWordLists(client, t, batch, counts);
  }
}

/**
 * Changes of word_counts, gathered over a write (a word's articles up or down) and written at
 * its end in one statement.
 */
export class WordCounts {
  private readonly delta = new Map<string, number>();

  add(words: readonly string[], by: 1 | -1): void {
    for (const w of words) this.delta.set(w, (this.delta.get(w) ?? 0) + by);
  }

  async write(client: PoolClient, t: Tables): Promise<void> {
    const changed = [...this.delta].filter(([, n]) => n !== 0);
    this.delta.clear();
    for (let from = 0; from < changed.length; from += COUNT_BATCH) {
      const part = changed.slice(from, from + COUNT_BATCH);
      const words = part.map(([w]) => w);
      await client.query(
        `INSERT INTO ${t.wordCounts} AS c (word, n) SELECT * FROM unnest($1::text[], $2::int[])
         ON CONFLICT (word) DO UPDATE SET n = c.n + EXCLUDED.n`,
        [words, part.map(([, n]) => n)],
      );
      await client.query(`DELETE FROM ${t.wordCounts} WHERE word = ANY($1::text[]) AND n <= 0`, [words]);
    }
  }
}

/** Words written to word_counts by one statement. */
const COUNT_BATCH = 10_000;

/** Removes articles' word lists, counting their words down. */
export async function removeWordLists(
  client: PoolClient,
  t: Tables,
  ids: string[],
  counts: WordCounts,
): Promise<void> {
  const { rows } = await client.query<{ words: string[] }>(
    `DELETE FROM ${t.articleWords} WHERE id = ANY($1::text[]) RETURNING words`,
    [ids],
  );
  for (const r of rows) counts.add(r.words, -1);
}

/** The word lists of these rows, in place of any they had: counted down, then up. */
async function replaceWordLists(
  client: PoolClient,
  t: Tables,
  rows: ArticleRow[],
  counts: WordCounts,
): Promise<void> {
  await removeWordLists(
    client,
    t,
    rows.map((r) => r.id),
    counts,
  );
  await client.query(insertWordListsSql(t, '$1', '$2'), [
    rows.map((r) => r.id),
    rows.map((r) => JSON.stringify(r.words)),
  ]);
  for (const r of rows) counts.add(r.words, 1);
}

/** An INSERT of word lists from parameters: ids, and each article's words as a JSON array. */
function insertWordListsSql(t: Tables, ids: string, lists: string): string {
  return `INSERT INTO ${t.articleWords} (id, words)
    SELECT id, ARRAY(SELECT json_array_elements_text(list::json)) FROM unnest(${ids}::text[], ${lists}::text[]) AS w(id, list)`;
}

/**
 * Inserts new articles (ids not in the table, distinct) and their word lists in one statement, with
 * slots `firstSlot`, `firstSlot + 1`... in the order given: the bulk load's statement, without
 * the upsert's conflict handling and with no slot query before it, so that the load can send it
 * and build the next batch's rows while the server writes this one.
 */
export function insertNew(
  client: PoolClient,
  t: Tables,
  rows: ArticleRow[],
  firstSlot: number,
): Promise<unknown> {
  return client.query(
    `WITH a AS (
       INSERT INTO ${t.articles} (id, slot, hash, title, text, publication, date, page, source, doc,
         ntitle, ntext, pub_norm, date_key, len, grams)
       SELECT id, $16::int8 + n - 1, hash, title, text, publication, date, page, source::jsonb, doc::json,
         ntitle, ntext, pub_norm, date_key, len, grams::int8[]
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::int[], $15::text[])
         WITH ORDINALITY AS u(id, hash, title, text, publication, date, page, source, doc, ntitle, ntext,
           pub_norm, date_key, len, grams, n)
     )
     ${insertWordListsSql(t, '$1', '$17')}`,
    [rows.map((r) => r.id), ...rowColumns(rows), firstSlot, rows.map((r) => JSON.stringify(r.words))],
  );
}
