/**
 * The PostgreSQL engine: articles in a table of their own (schema.ts), found through a GIN index
 * over the gram keys of their normalised title and text and verified with strpos (sql.ts), and
 * ranked in Node as the desktop engine ranks them (score.ts), with its snippets and highlights
 * (hits.ts). Several engines, in as many processes, may share one database: every change is one
 * transaction, and every search reads one snapshot.
 *
 * The same query language (query.ts) and normalisation (normalize.ts) as the desktop engines:
 * terms are normalised in Node, and so are the texts before they are stored.
 */
import pg from 'pg';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { Article, Range } from '../../../../shared/types';
import { normalize } from '../../text/normalize';
import type { ArticleChanges, SearchEngine } from '../engine';
import { answerable, noHits } from '../answer';
import { highlightArticle, makeHit } from '../hits';
import { parseQuery, positiveTerms, type ParsedQuery, type QueryTerm } from '../query';
import { startsAWord } from '../words';
import type { SearchOptions, SearchResultEx, SearchSort, Suggestion } from '../types';
import { PageDocs, type PageArticle } from './page-docs';
import {
  buildSecondaryIndexes,
  dropSecondaryIndexes,
  insertNew,
  pgSafe,
  prepareSchema,
  removeWordLists,
  rowOf,
  tablesIn,
  WordCounts,
  writeRows,
  type ArticleRow,
  type Tables,
} from './schema';
import { clauseOrder, facetsOf, order, scoreRows, weightOf, type Corpus, type MatchRow } from './score';
import { keysOf, matchSql, Params, termSql } from './sql';
import { inTransaction } from './transaction';

export interface PgEngineOptions {
  /** A pool to use (its owner ends it), or... */
  pool?: Pool;
  /** ...how to connect: the engine then makes its own pool and ends it on close. */
  connection?: PoolConfig;
  /** The schema holding the engine's tables ('newsstack' unless given); made when missing. */
  schema?: string;
}

/** What a write changed: articles new or changed, and removed. */
export interface ApplyOutcome {
  added: number;
  removed: number;
}

export interface BulkLoadOptions {
  /** Articles an INSERT statement (1000): bounds the statement's size and the rows held in Node. */
  batch?: number;
  /** maintenance_work_mem for building the indexes after the load ('1GB'). */
  indexMemory?: string;
  /** Called after each batch with the articles written so far. */
  progress?: (written: number) => void;
}

/** Articles an apply() of a non-empty engine is split into by bulkLoad, to bound memory. */
const BULK_APPLY_CHUNK = 5000;

/** Title candidates looked at for suggestions, shortest titles first. */
const SUGGEST_CANDIDATES = 2000;

/** Terms as the tables hold text (see pgSafe). */
function safeTerms(terms: QueryTerm[]): QueryTerm[] {
  return terms.map((t) => ({ ...t, text: pgSafe(t.text) }));
}

/**
 * Makes the rest of a transaction find candidates through the GIN index. The planner prefers a
 * sequential scan for a term in a quarter of the articles, which then reads (and decompresses)
 * every article's gram list to test it: several times slower than the index. The cost it then
 * gives a scan it cannot avoid (a query of filters only) would start JIT compilation, which
 * costs more than these queries: off.
 */
async function preferIndex(c: PoolClient): Promise<void> {
  await c.query('SET LOCAL enable_seqscan = off; SET LOCAL jit = off');
}

export class PgEngine implements SearchEngine {
  readonly name = 'postgres';
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly t: Tables,
  ) {}

  /** Connects, and makes the schema and tables when they are missing. */
  static async open(options: PgEngineOptions): Promise<PgEngine> {
    const pool = options.pool ?? new pg.Pool({ max: 4, ...options.connection });
    // An idle connection that the server drops is replaced on the next query; without a
    // listener, its error would end the process.
    if (!options.pool) pool.on('error', () => undefined);
    const schema = options.schema ?? 'newsstack';
    try {
      await prepareSchema(pool, schema);
    } catch (error) {
      if (!options.pool) await pool.end().catch(() => undefined);
      throw error;
    }
    return new PgEngine(pool, !options.pool, tablesIn(schema));
  }

  /** Runs `work` in one read-only snapshot. */
  private read<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async size(): Promise<number> {
    return (await this.corpus(this.pool)).count;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResultEx> {
    const { limit = 50, offset = 0, sort = 'relevance' as SearchSort } = options;
    const parsed = parseQuery(query);
    if (!answerable(parsed)) return noHits(query, sort, parsed);
    return this.read(async (c) => {
      const corpus = await this.corpus(c);
      await preferIndex(c);
      const rows = await this.matchRows(c, parsed);
      const { order: clauses, weights } = await this.weights(c, parsed, corpus, rows);
      const scores = scoreRows(rows, clauses, weights, corpus);
      const terms = safeTerms(positiveTerms(parsed));
      const want = Math.max(0, offset) + Math.max(0, limit);
      const fetched = new Map<number, PageArticle>();
      const fetch = async (slots: number[]): Promise<Map<number, PageArticle>> => {
        const missing = slots.filter((s) => !fetched.has(s));
        for (const [slot, page] of await this.pageOf(c, missing)) fetched.set(slot, page);
        return fetched;
      };
      const ranked = await order(rows, scores, terms, sort, want, async (slots) => {
        const pages = await fetch(slots);
        return new Map(
          slots.map((s) => [s, { title: pages.get(s)?.ntitle ?? '', text: pages.get(s)?.ntext ?? '' }]),
        );
      });
      const shown = ranked.slice(Math.max(0, offset));
      const docs = new PageDocs(await fetch(shown.map((k) => rows[k].slot)));
      const hits = shown.map((k) => makeHit(docs, rows[k].slot, scores[k], terms));
      return { query, total: rows.length, hits, sort, facets: facetsOf(rows), issues: parsed.issues };
    });
  }

  /** Live articles and their summed normalised length (BM25's average length), from the stats row. */
  private async corpus(c: Pool | PoolClient): Promise<Corpus> {
    const { rows } = await c.query<{ n: string; sum: string }>(
      `SELECT articles::text AS n, length_sum::text AS sum FROM ${this.t.stats}`,
    );
    return { count: Number(rows[0].n), lengthSum: Number(rows[0].sum) };
  }

  /**
   * The order the desktop engine meets the clauses in, and each alternative's idf: from the
   * exact number of articles holding it for the clause met first, from its rarest gram for the
   * others (as matchTerm estimates a frequency within other matches). A query of one clause and
   * no filter has matched exactly the articles to count: `rows`.
   */
  private async weights(
    c: PoolClient,
    parsed: ParsedQuery,
    corpus: Corpus,
    rows: MatchRow[],
  ): Promise<{ order: number[]; weights: number[][] }> {
    const unfiltered =
      parsed.clauses.length === 1 &&
      parsed.exclude.length === 0 &&
      parsed.publications.length === 0 &&
      !parsed.from &&
      !parsed.to;
    const clauses = parsed.clauses.map((cl) => cl.anyOf);
    let costs: number[][] = clauses.map((alts) => alts.map(() => 0));
    if (clauses.length > 1) {
      const keys = [...new Set(clauses.flat().flatMap(keysOf))];
      const grams = await c.query<{ k: string; df: number }>(
        `SELECT k::text AS k, (SELECT count(*) FROM ${this.t.articles} WHERE grams @> ARRAY[k])::int AS df
         FROM unnest($1::int8[]) AS k`,
        [keys],
      );
      const df = new Map(grams.rows.map((r) => [r.k, r.df]));
      costs = clauses.map((alts) =>
        alts.map((t) => Math.min(...keysOf(t).map((k) => df.get(String(k)) ?? 0))),
      );
    }
    const clauseOrderFound = clauseOrder(costs);
    const weights: number[][] = [];
    for (const [rank, ci] of clauseOrderFound.entries()) {
      weights[ci] = [];
      for (const [a, term] of clauses[ci].entries()) {
        let df = costs[ci][a];
        if (rank === 0 && unfiltered) {
          df = rows.reduce((n, row) => n + (row.values[ci][a] !== 0 ? 1 : 0), 0);
        } else if (rank === 0) {
          const p = new Params();
          const { match } = termSql(term, p, false);
          const counted = await c.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${this.t.articles} WHERE ${match}`,
            p.values,
          );
          df = counted.rows[0].n;
        }
        weights[ci][a] = weightOf(df, corpus);
      }
    }
    return { order: clauseOrderFound, weights };
  }

  /** Every matching article with its counts per clause alternative, in slot order. */
  private async matchRows(c: PoolClient, parsed: ParsedQuery): Promise<MatchRow[]> {
    const m = matchSql(parsed);
    const columns = m.terms.flatMap((alts, ci) =>
      alts.map((t, a) => `${t.tf} AS f${ci}_${a}, ${t.inTitle} AS t${ci}_${a}`),
    );
    const { rows } = await c.query<Record<string, string | number>>(
      `SELECT slot::text AS slot, len, date_key, coalesce(publication, '') AS publication
         ${columns.map((col) => `, ${col}`).join('')}
       FROM ${this.t.articles} WHERE ${m.where}`,
      m.params.values,
    );
    // Sorted here: ORDER BY slot can make the planner walk the slot index and test every row.
    const matched = rows.map((r) => ({
      slot: Number(r.slot),
      len: Number(r.len),
      date: Number(r.date_key),
      publication: String(r.publication),
      values: m.terms.map((alts, ci) =>
        alts.map((_, a) => {
          const tf = Number(r[`f${ci}_${a}`]);
          return tf > 0 ? tf * 2 + Number(r[`t${ci}_${a}`]) : 0;
        }),
      ),
    }));
    return matched.sort((a, b) => a.slot - b.slot);
  }

  /** The articles of these slots, with their normalised title and text. */
  private async pageOf(c: PoolClient, slots: number[]): Promise<Map<number, PageArticle>> {
    const out = new Map<number, PageArticle>();
    if (slots.length === 0) return out;
    const { rows } = await c.query<{ slot: string; doc: Article; ntitle: string; ntext: string }>(
      `SELECT slot::text AS slot, doc, ntitle, ntext FROM ${this.t.articles} WHERE slot = ANY($1::int8[])`,
      [slots],
    );
    for (const r of rows) out.set(Number(r.slot), { article: r.doc, ntitle: r.ntitle, ntext: r.ntext });
    return out;
  }

  async matchIds(query: string): Promise<string[]> {
    const parsed = parseQuery(query);
    if (!answerable(parsed)) return [];
    const m = matchSql(parsed, false);
    return this.read(async (c) => {
      await preferIndex(c);
      const { rows } = await c.query<{ id: string; slot: string }>(
        `SELECT id, slot::text AS slot FROM ${this.t.articles} WHERE ${m.where}`,
        m.params.values,
      );
      // In slot order, as the desktop engines list them (sorted here, as in matchRows).
      return rows
        .map((r) => ({ id: r.id, slot: Number(r.slot) }))
        .sort((a, b) => a.slot - b.slot)
        .map((r) => r.id);
    });
  }

  async highlight(id: string, query: string): Promise<{ text: Range[]; title: Range[] }> {
    const { rows } = await this.pool.query<{ doc: Article }>(
      `SELECT doc FROM ${this.t.articles} WHERE id = $1`,
      [pgSafe(id)],
    );
    if (rows.length === 0) return { text: [], title: [] };
    return highlightArticle(rows[0].doc, safeTerms(positiveTerms(parseQuery(query))));
  }

  /** Titles holding the prefix at the start of a word (shortest first), then frequent words. */
  async suggest(prefix: string, limit = 10): Promise<Suggestion[]> {
    const p = pgSafe(normalize(prefix));
    if (!p || limit <= 0) return [];
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    const titleBudget = Math.max(1, Math.ceil(limit / 2));
    const params = new Params();
    const { match } = termSql({ text: p, raw: prefix, field: 'title' }, params, false);
    const titles = await this.read(async (c) => {
      await preferIndex(c);
      return c.query<{ id: string; title: string; ntitle: string }>(
        `SELECT id, title, ntitle FROM ${this.t.articles} WHERE ${match}
         ORDER BY char_length(ntitle), slot LIMIT ${SUGGEST_CANDIDATES}`,
        params.values,
      );
    });
    for (const r of titles.rows) {
      if (out.length >= titleBudget) break;
      if (seen.has(r.title) || (!r.ntitle.startsWith(p) && !startsAWord(r.ntitle, p))) continue;
      seen.add(r.title);
      out.push({ kind: 'title', text: r.title, id: r.id });
    }
    const terms = await this.pool.query<{ word: string; n: number }>(
      `SELECT word, n FROM ${this.t.wordCounts}
       WHERE word > $1 AND word < $1 || chr(1114111) AND n >= 2
       ORDER BY n DESC, word LIMIT $2`,
      [p, limit + seen.size],
    );
    for (const { word, n } of terms.rows) {
      if (out.length >= limit) break;
      if (seen.has(word)) continue;
      seen.add(word);
      out.push({ kind: 'term', text: word, count: n });
    }
    return out;
  }

  /** Removals, then new and changed articles (unchanged ones are left alone), in one transaction. */
  async apply(changes: ArticleChanges): Promise<{ added: number; removed: number }> {
    return this.write((_client, apply) => apply(changes));
  }

  /**
   * Runs `work` in one transaction as the engine's one writer (other writes wait): `apply` makes
   * changes within it, and `client` reads and writes the caller's own tables in it, so that they
   * and the articles change together or not at all (the server's corrections, server/corrections.ts).
   */
  async write<T>(
    work: (client: PoolClient, apply: (changes: ArticleChanges) => Promise<ApplyOutcome>) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.pool, async (c) => {
      // One writer at a time: the stats row is every change's anyway, and writers that met
      // each other's articles in different orders could deadlock.
      await c.query(`SELECT 1 FROM ${this.t.stats} FOR UPDATE`);
      return work(c, (changes) => this.applyIn(c, changes));
    });
  }

  private async applyIn(c: PoolClient, changes: ArticleChanges): Promise<ApplyOutcome> {
    const latest = new Map<string, Article>();
    for (const a of changes.upsert) latest.set(a.id, a);
    const rows: ArticleRow[] = [...latest.values()].map(rowOf);
    let removed = 0;
    const counts = new WordCounts();
    if (changes.remove.length) {
      const ids = changes.remove.map(pgSafe);
      removed =
        (await c.query(`DELETE FROM ${this.t.articles} WHERE id = ANY($1::text[])`, [ids])).rowCount ?? 0;
      await removeWordLists(c, this.t, ids, counts);
    }
    const held = await c.query<{ id: string; hash: string }>(
      `SELECT id, hash FROM ${this.t.articles} WHERE id = ANY($1::text[])`,
      [rows.map((r) => r.id)],
    );
    const hashes = new Map(held.rows.map((r) => [r.id, r.hash]));
    const changed = rows.filter((row) => hashes.get(row.id) !== row.hash);
    await writeRows(c, this.t, changed, counts);
    await counts.write(c, this.t);
    return { added: changed.length, removed };
  }

  /**
   * Loads many articles as apply() would upsert them (the last of the same id wins, in the place
   * of its first; the same slots, ranking and words), building rows a batch at a time, about
   * twice as fast. Into an empty engine, it is one transaction that drops the GIN and word
   * indexes, inserts the rows in batches (the server writes a batch while Node builds the next
   * one's rows), and builds the indexes at once at the end, with `indexMemory` to sort their
   * entries; other engines' writes and searches wait for it (dropping an index locks its table),
   * and see the articles once it commits. Into an engine that
   * holds articles, it is apply() in chunks of some thousands: an index build would cost more
   * than the new articles' inserts.
   */
  async bulkLoad(articles: Iterable<Article>, options: BulkLoadOptions = {}): Promise<{ added: number }> {
    const { batch = 1000, indexMemory = '1GB', progress } = options;
    const list = [...articles];
    // The last of an id, in the place of the first, as apply()'s Map keeps them.
    const last = new Map<string, number>();
    list.forEach((a, k) => last.set(a.id, k));
    const order: Article[] = [];
    const placed = new Set<string>();
    for (const a of list) {
      if (placed.has(a.id)) continue;
      placed.add(a.id);
      order.push(list[last.get(a.id) as number]);
    }
    if ((await this.corpus(this.pool)).count > 0) {
      let added = 0;
      for (let from = 0; from < order.length; from += BULK_APPLY_CHUNK) {
        added += (await this.apply({ upsert: order.slice(from, from + BULK_APPLY_CHUNK), remove: [] })).added;
        progress?.(Math.min(order.length, from + BULK_APPLY_CHUNK));
      }
      return { added };
    }
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT 1 FROM ${this.t.stats} FOR UPDATE`);
      // Another writer may have come first, while this one waited for the lock.
      if ((await this.corpus(c)).count > 0) {
        await c.query('ROLLBACK');
        return this.bulkLoad(order, options);
      }
      await dropSecondaryIndexes(c, this.t);
      // LZ4 compresses the texts (TOASTed) faster than the default pglz, when the server has it
      // (an error otherwise, which the savepoint undoes).
      await c.query('SAVEPOINT lz4');
      await c.query("SET LOCAL default_toast_compression = 'lz4'").then(
        () => c.query('RELEASE SAVEPOINT lz4'),
        () => c.query('ROLLBACK TO SAVEPOINT lz4'),
      );
      // A block of slots taken at once: every writer takes the stats row's lock first.
      let slot = 0;
      if (order.length > 0) {
        const first = await c.query<{ slot: string }>(`SELECT nextval($1::regclass)::text AS slot`, [
          this.t.slots,
        ]);
        slot = Number(first.rows[0].slot);
        await c.query('SELECT setval($1::regclass, $2::int8)', [this.t.slots, slot + order.length - 1]);
      }
      let pending: Promise<unknown> = Promise.resolve();
      const counts = new WordCounts();
      for (let from = 0; from < order.length; from += batch) {
        const rows: ArticleRow[] = order.slice(from, from + batch).map(rowOf);
        for (const row of rows) counts.add(row.words, 1);
        await pending;
        progress?.(from);
        pending = insertNew(c, this.t, rows, slot + from);
        // Handled below, when awaited; not reported as unhandled while the next rows are built.
        pending.catch(() => undefined);
      }
      await pending;
      progress?.(order.length);
      await counts.write(c, this.t);
      await buildSecondaryIndexes(c, this.t, indexMemory);
      await c.query('COMMIT');
      return { added: order.length };
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      c.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }
}
