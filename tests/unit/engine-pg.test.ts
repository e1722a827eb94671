import fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/shared/types';
import { LocalEngine } from '../../src/main/core/search/local-engine';
import { PgEngine } from '../../src/main/core/search/pg/engine';
import { article } from './helpers/articles';
import { describeEngineContract } from './helpers/engine-contract';
import { ALL, HANDMADE, loadCorpus, pieceOf } from './helpers/engine-corpus';
import { findPostgres, startPostgres, type PgServer } from './helpers/pg-server';

// NEWSSTACK_PG_ROOT: another folder of PostgreSQL versions than /usr/lib/postgresql.
const found = findPostgres(process.env.NEWSSTACK_PG_ROOT);

if ('reason' in found) {
  describe('the PostgreSQL engine', () => {
    it.skip(`is not tested here: ${found.reason}`, () => {});
  });
} else {
  // One cluster for the file, started by the first engine that needs it.
  let server: Promise<PgServer> | null = null;
  const cluster = (): Promise<PgServer> => (server ??= startPostgres(found));
  afterAll(async () => {
    if (server) await (await server).stop();
  });
  let schemas = 0;
  /** An engine on a fresh schema of a shared database, or on the given database. */
  const fresh = async (database?: string, schema = `s${++schemas}`): Promise<PgEngine> => {
    const s = await cluster();
    return PgEngine.open({ connection: s.config(database ?? 'postgres'), schema });
  };

  describeEngineContract('postgres', async (_dir, articles) => {
    const engine = await fresh();
    await engine.apply({ upsert: articles, remove: [] });
    return engine;
  });

  describe('the PostgreSQL engine', () => {
    it('ranks and scores as the desktop engine, and makes the same snippets', async () => {
      const corpus = await loadCorpus();
      const engine = await fresh();
      await engine.apply({ upsert: corpus, remove: [] });
      const local = LocalEngine.build(corpus);
      const queries = [
        '经济',
        '的',
        '改革开放',
        '科技 创新',
        '企业 OR 经济 -科技',
        'title:科技 创新',
        '碳达峰',
        '发展 建设',
      ];
      for (const q of queries) {
        for (const sort of ['relevance', 'newest', 'oldest'] as const) {
          const mine = await engine.search(q, { ...ALL, sort });
          const theirs = await local.search(q, { ...ALL, sort });
          expect(mine.total, q).toBe(theirs.total);
          expect(mine.hits, `${q} ${sort}`).toEqual(theirs.hits);
          expect(mine.facets, q).toEqual(theirs.facets);
        }
      }
      // Pieces of the texts, alone, as two terms, as alternatives, and a page further on.
      await fc.assert(
        fc.asyncProperty(
          pieceOf(corpus, [1, 2, 3, 5]),
          pieceOf(corpus, [1, 2, 3]),
          fc.constantFrom('', ' ', ' OR ', ' -'),
          async (p, q, join) => {
            const query = join ? `${p}${join}${q}` : p;
            for (const options of [{ limit: 15 }, { offset: 5, limit: 5, sort: 'oldest' as const }])
              expect((await engine.search(query, options)).hits, query).toEqual(
                (await local.search(query, options)).hits,
              );
          },
        ),
        { numRuns: 80 },
      );
      await engine.close();
    });

    it('bulk-loads as apply() loads: the same hits, words, stats and indexes', async () => {
      const corpus = await loadCorpus();
      // A repeated id: the last one wins, in the place of the first, as with apply().
      const input = [...corpus, { ...corpus[0], text: `${corpus[0].text}重复` }];
      const bulk = await fresh();
      const seen: number[] = [];
      expect(await bulk.bulkLoad(input, { batch: 7, progress: (n) => seen.push(n) })).toEqual({
        added: corpus.length,
      });
      expect(seen.at(-1)).toBe(corpus.length);
      const applied = await fresh();
      await applied.apply({ upsert: input, remove: [] });
      for (const q of ['经济', '的', '科技 创新', '企业 OR 经济 -科技', 'title:科技 创新', '重复']) {
        expect((await bulk.search(q, ALL)).hits, q).toEqual((await applied.search(q, ALL)).hits);
        expect(await bulk.matchIds(q), q).toEqual(await applied.matchIds(q));
      }
      expect(await bulk.suggest('经', 10)).toEqual(await applied.suggest('经', 10));
      // Into an engine that holds articles: upserts, unchanged ones left alone.
      const more = [...HANDMADE, { ...corpus[1], text: `${corpus[1].text}再改` }, corpus[2]];
      expect((await bulk.bulkLoad(more)).added).toBe(
        (await applied.apply({ upsert: more, remove: [] })).added,
      );
      for (const q of ['琥珀', '再改', '发展'])
        expect(await bulk.matchIds(q), q).toEqual(await applied.matchIds(q));
      expect(await bulk.size()).toBe(await applied.size());
      const s = await cluster();
      const client = new pg.Client(s.config('postgres'));
      await client.connect();
      const { rows } = await client.query<{ indexes: string[] }>(
        `SELECT array_agg(indexname::text ORDER BY indexname) AS indexes FROM pg_indexes WHERE schemaname = $1`,
        [`s${schemas - 1}`],
      );
      await client.end();
      expect(rows[0].indexes).toEqual([
        'article_words_pkey',
        'articles_grams',
        'articles_pkey',
        'articles_slot_key',
        'stats_pkey',
        'word_counts_pkey',
      ]);
      await bulk.close();
      await applied.close();
    });

    it('lets two engines on one database see each other’s changes', async () => {
      const s = await cluster();
      const database = await s.createDatabase();
      // Opened together: the second waits for the first to make the tables.
      const [a, b] = await Promise.all([fresh(database, 'shared'), fresh(database, 'shared')]);
      await a.apply({ upsert: HANDMADE, remove: [] });
      expect(await b.size()).toBe(HANDMADE.length);
      expect(await b.matchIds('琥珀')).toEqual(['amber']);
      await b.apply({ upsert: [article('new', '敦煌壁画', '莫高窟壁画修复。')], remove: ['amber'] });
      expect(await a.matchIds('莫高窟')).toEqual(['new']);
      expect(await a.matchIds('琥珀')).toEqual([]);
      // Writers at the same time, over the same articles: one waits for the other.
      const edited = (mark: string): Article[] => HANDMADE.map((x) => ({ ...x, text: `${x.text}${mark}` }));
      await Promise.all([
        a.apply({ upsert: edited('甲'), remove: [] }),
        b.apply({ upsert: edited('乙'), remove: ['new'] }),
      ]);
      expect(await a.size()).toBe(HANDMADE.length);
      expect((await b.matchIds('甲 OR 乙')).length).toBe(HANDMADE.length);
      // The counts that ranking reads are those of the table.
      const client = new pg.Client(s.config(database));
      await client.connect();
      const { rows } = await client.query<{ same: boolean }>(
        `SELECT (SELECT (articles, length_sum) FROM shared.stats) =
           (SELECT (count(*), sum(len)) FROM shared.articles) AS same`,
      );
      await client.end();
      expect(rows[0].same).toBe(true);
    });

    it('takes % _ \\ and quotes in a query literally', async () => {
      const engine = await fresh();
      await engine.apply({
        upsert: [
          article('pct', '涨幅', '同比增长50%以上。'),
          article('under', '代码', '变量名 a_b 与 a-b 不同。'),
          article('slash', '路径', '文件在 C:\\data 目录。'),
          article('quote', '引号', "他说 it's 好。"),
          article('plain', '其他', '增长50以上，ab，Cdata。'),
          // PostgreSQL text cannot hold U+0000: stored as U+FFFD, offsets unchanged.
          article('nul', '控制\u0000字符', '前\u0000后。'),
        ],
        remove: [],
      });
      expect(await engine.matchIds('50%')).toEqual(['pct']);
      expect(await engine.matchIds('%')).toEqual(['pct']);
      expect(await engine.matchIds('a_b')).toEqual(['under']);
      expect(await engine.matchIds('_')).toEqual(['under']);
      expect(await engine.matchIds('c:\\data')).toEqual(['slash']);
      expect(await engine.matchIds('\\')).toEqual(['slash']);
      expect(await engine.matchIds("it's")).toEqual(['quote']);
      expect((await engine.search('50%')).hits.map((h) => h.highlights.length)).toEqual([1]);
      expect(await engine.matchIds('%%')).toEqual([]);
      expect(await engine.matchIds('前\u0000后')).toEqual(['nul']);
      expect(await engine.highlight('nul', '前\u0000后')).toEqual({ text: [[0, 3]], title: [] });
      expect((await engine.search('title:制\u0000字')).hits.map((h) => h.titleHighlights)).toEqual([
        [[1, 4]],
      ]);
      await engine.close();
    });

    it('counts a term of two equal characters where it overlaps itself, as the desktop index', async () => {
      const articles = [
        article('three', '哈哈哈', '哈哈哈哈。'),
        article('two', '笑', '哈哈。'),
        article('long', '长文', `${'其他内容'.repeat(30)}哈哈。`),
      ];
      const engine = await fresh();
      await engine.apply({ upsert: articles, remove: [] });
      const local = LocalEngine.build(articles);
      expect((await engine.search('哈哈')).hits).toEqual((await local.search('哈哈')).hits);
      await engine.close();
    });
  });
}
