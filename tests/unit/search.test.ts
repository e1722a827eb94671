import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../src/main/core/archive/import';
import { ArticleIndex } from '../../src/main/core/search/index';
import { normalize } from '../../src/main/core/text/normalize';
import type { Article } from '../../src/shared/types';
import { PD1998_PAGES, SAMPLE_ARCHIVE } from './helpers/tmp';
import { article } from './helpers/articles';

/** Every article whose normalised title or text contains the normalised query: the truth for recall. */
const normalized = new WeakMap<Article, string>();
function linearScan(articles: Article[], query: string): Set<string> {
  const q = normalize(query);
  const textOf = (a: Article): string => {
    let n = normalized.get(a);
    if (n === undefined) normalized.set(a, (n = `${normalize(a.title)}\u0000${normalize(a.text)}`));
    return n;
  };
  return new Set(articles.filter((a) => textOf(a).includes(q)).map((a) => a.id));
}

/** Deterministic sample of substrings of the articles' text: 1 to 6 characters long. */
function queriesFrom(articles: Article[], count: number): string[] {
  const queries: string[] = [];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  while (queries.length < count) {
    const a = articles[next() % articles.length];
    const text = normalize(a.text);
    if (text.length < 8) continue;
    const len = 1 + (next() % 6);
    const at = next() % (text.length - len);
    const q = text.slice(at, at + len);
    // Quotes, a leading minus and OR are query syntax, not text to find.
    if (/["“”]|^[-－]|^or$|^[a-z]+[:：]/u.test(q)) continue;
    queries.push(q);
  }
  return queries;
}

describe('ArticleIndex', () => {
  it('finds exactly the articles that contain a query, 2-character words included', async () => {
    const { articles } = await importArchive(SAMPLE_ARCHIVE);
    const index = ArticleIndex.build(articles);
    for (const q of [
      '双减',
      '科技创新',
      'C919',
      'PTFE',
      '3512.5亿元',
      '中等职业学校',
      '全市第一',
      '5G',
      '碚',
    ]) {
      const expected = linearScan(articles, q);
      const result = index.search(q, 10000);
      expect(new Set(result.hits.map((h) => h.id)), q).toEqual(expected);
      expect(result.total).toBe(expected.size);
    }
    expect(index.search('双减').total).toBeGreaterThan(0);
  });

  it('recall equals a linear scan for 300 queries drawn from the text', async () => {
    const { articles } = await importArchive(SAMPLE_ARCHIVE);
    const index = ArticleIndex.build(articles);
    for (const q of queriesFrom(articles, 300)) {
      expect(new Set(index.search(q, 10000).hits.map((h) => h.id)), q).toEqual(linearScan(articles, q));
    }
  });

  it.skipIf(!existsSync(PD1998_PAGES))(
    "recall equals a linear scan on the People's Daily pages (skipped where ../shared/corpora is absent)",
    async () => {
      const { articles } = await importArchive(PD1998_PAGES);
      const subset = articles.slice(0, 600);
      const index = ArticleIndex.build(subset);
      for (const q of queriesFrom(subset, 150)) {
        expect(new Set(index.search(q, 10000).hits.map((h) => h.id)), q).toEqual(linearScan(subset, q));
      }
    },
  );

  it('does not match characters that are only scattered through an article', () => {
    const index = ArticleIndex.build([
      article('a', '甲', '高新企业和技术中心都在这里。'),
      article('b', '乙', '这里有高新技术企业267家。'),
    ]);
    expect(index.search('高新技术企业').hits.map((h) => h.id)).toEqual(['b']);
  });

  it('finds words broken across lines, full-width forms and Latin in any case', () => {
    const index = ArticleIndex.build([article('a', '标题', '北碚有中等职业学\n\n校６所，ＰＴＦＥ膜。')]);
    expect(index.search('中等职业学校').total).toBe(1);
    expect(index.search('6所').total).toBe(1);
    expect(index.search('ptfe').total).toBe(1);
  });

  it('ranks title hits first and gives snippets with highlight offsets, never HTML', () => {
    const index = ArticleIndex.build([
      article('body', '其他新闻', '文中提到双减工作。'),
      article('title', '双减工作推进会', '会议部署双减工作。'),
    ]);
    const { hits } = index.search('双减');
    expect(hits.map((h) => h.id)).toEqual(['title', 'body']);
    for (const hit of hits) {
      expect(hit.highlights.length).toBeGreaterThan(0);
      for (const [s, e] of hit.highlights) expect(hit.snippet.slice(s, e)).toBe('双减');
    }
    expect(hits[0].titleHighlights).toEqual([[0, 2]]);
  });

  it('treats space as AND and an empty query as no hits', () => {
    const index = ArticleIndex.build([article('a', 't', '双减工作'), article('b', 't', '双减和三超')]);
    expect(index.search('双减 三超').hits.map((h) => h.id)).toEqual(['b']);
    expect(index.search('   ').total).toBe(0);
  });

  it('survives a save and load with the same answers', async () => {
    const { articles } = await importArchive(SAMPLE_ARCHIVE);
    const built = ArticleIndex.build(articles);
    const loaded = ArticleIndex.fromJSON(JSON.stringify(built.toJSON()), articles);
    expect(loaded.search('科技创新', 1000)).toEqual(built.search('科技创新', 1000));
  });
});
