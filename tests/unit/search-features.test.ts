import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../src/main/core/archive/import';
import { ArticleIndex } from '../../src/main/core/search/index';
import { SAMPLE_ARCHIVE } from './helpers/tmp';
import { article } from './helpers/articles';

const PD1998 = '../shared/corpora/pd1998/articles.jsonl';

describe('search features', () => {
  it('treats traditional and simplified Chinese as equal and highlights the original text', () => {
    const index = ArticleIndex.build([
      article('t', '科技', '全區高新技術企業267家。'),
      article('s', '科技', '全区高新技术企业300家。'),
    ]);
    expect(new Set(index.search('高新技術企業').hits.map((h) => h.id))).toEqual(new Set(['t', 's']));
    expect(index.search('高新技术企业').total).toBe(2);
    const { text } = index.highlight('t', '高新技术企业');
    expect('全區高新技術企業267家。'.slice(...text[0])).toBe('高新技術企業');
  });

  it('finds mixed Latin, digits and Chinese, single characters, and nothing scattered', () => {
    const index = ArticleIndex.build([
      article('a', '航空', '国产C919大飞机，５Ｇ基站，总额3512.5亿元。'),
      article('b', '其他', 'C 9 1 9 不是，3512亿，5亿元G。'),
    ]);
    expect(
      index
        .search('c919')
        .hits.map((h) => h.id)
        .sort(),
    ).toEqual(['a', 'b']); // spaces are ignored in text
    expect(index.search('5G').hits.map((h) => h.id)).toEqual(['a']);
    expect(index.search('3512.5亿元').hits.map((h) => h.id)).toEqual(['a']);
    expect(index.search('飞').hits.map((h) => h.id)).toEqual(['a']);
  });

  it('supports phrases, exclusion, OR, title: and publication/date filters with facets', () => {
    const index = ArticleIndex.build([
      article('1', '双减工作会', '部署双减。', { publication: '北碚报', date: '2022-01-05' }),
      article('2', '教育新闻', '双减落地，三超整治。', { publication: '渝北时报', date: '2021-06-01' }),
      article('3', '三超治理', '三超问题。', { publication: '北碚报', date: '2022-03-01' }),
    ]);
    const ids = (q: string): string[] =>
      index
        .search(q)
        .hits.map((h) => h.id)
        .sort();
    expect(ids('双减 -三超')).toEqual(['1']);
    expect(ids('双减 OR 三超')).toEqual(['1', '2', '3']);
    expect(ids('title:双减')).toEqual(['1']);
    expect(ids('双减 publication:北碚')).toEqual(['1']);
    expect(ids('双减 OR 三超 from:2022-01-01 to:2022-02')).toEqual(['1']);
    expect(ids('publication:北碚报')).toEqual(['1', '3']);
    const r = index.search('双减 OR 三超');
    expect(r.total).toBe(3);
    expect(r.facets.publication).toEqual([
      { value: '北碚报', count: 2 },
      { value: '渝北时报', count: 1 },
    ]);
    expect(r.facets.year).toEqual([
      { value: '2022', count: 2 },
      { value: '2021', count: 1 },
    ]);
    expect(index.search('双减 OR 三超', { sort: 'newest' }).hits.map((h) => h.id)).toEqual(['3', '1', '2']);
    expect(index.search('双减 OR 三超', { sort: 'oldest' }).hits.map((h) => h.id)).toEqual(['2', '1', '3']);
    const bad = index.search('双减 from:2022-99');
    expect(bad.total).toBe(0);
    expect(bad.issues[0].message).toMatch(/from:/u);
  });

  it('ranks title above body, more hits above fewer, whole words above parts', () => {
    const index = ArticleIndex.build([
      article('once', '新闻', '今天讨论了教育问题，以及其他事情和许多别的内容。'),
      article('thrice', '新闻', '教育，教育，再教育，是今天的事情和许多别的内容。'),
      article('title', '教育大会', '会议今天召开，讨论了许多别的内容。'),
    ]);
    expect(index.search('教育').hits.map((h) => h.id)).toEqual(['title', 'thrice', 'once']);
    const words = ArticleIndex.build([
      article('part', '新闻', '这是一个大学生的故事，大家都喜欢。'),
      article('word', '新闻', '这是一个大学里的故事，大家都喜欢。'),
    ]);
    expect(words.search('大学').hits.map((h) => h.id)).toEqual(['word', 'part']);
  });

  it('suggests titles and frequent terms for a prefix', async () => {
    const { articles } = await importArchive(SAMPLE_ARCHIVE);
    const index = ArticleIndex.build(articles);
    const word = articles[0].title.slice(0, 2);
    const suggestions = index.suggest(word, 8);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(8);
    for (const s of suggestions)
      if (s.kind === 'title') expect(articles.some((a) => a.id === s.id && a.title === s.text)).toBe(true);
    expect(index.suggest('', 5)).toEqual([]);
  });

  it.skipIf(!existsSync(PD1998))(
    "answers People's Daily queries like a linear scan (skipped where ../shared/corpora is absent)",
    () => {
      const rows = readFileSync(PD1998, 'utf8')
        .trim()
        .split('\n')
        .slice(0, 800)
        .map((l) => JSON.parse(l) as { id: string; title: string; text: string; date: string });
      const articles = rows.map((r) =>
        article(r.id, r.title, r.text.replaceAll('\n', '\n\n'), { date: r.date, publication: '人民日报' }),
      );
      const index = ArticleIndex.build(articles);
      for (const q of ['经济', '改革开放', '中国 人民', '邓小平理论', '１９９８年', '江泽民']) {
        const terms = q.split(' ').map((t) => t.normalize('NFKC'));
        const expected = articles.filter((a) =>
          terms.every((t) => `${a.title}${a.text}`.normalize('NFKC').replace(/\s/gu, '').includes(t)),
        );
        const r = index.search(q, 10000);
        expect(r.total, q).toBe(expected.length);
        expect(r.facets.year[0]).toEqual({ value: '1998', count: expected.length });
      }
    },
  );
});
