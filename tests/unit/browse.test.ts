import { describe, expect, it } from 'vitest';
import { browse } from '../../src/main/core/browse';
import { citeGbt7714, citePlain } from '../../src/shared/citation';
import type { ArticleSummary } from '../../src/shared/types';

function summary(
  id: string,
  file: string,
  lineStart: number,
  meta: Partial<ArticleSummary> = {},
): ArticleSummary {
  return { id, title: `标题${id}`, source: { file, lineStart, lineEnd: lineStart + 1 }, ...meta };
}

describe('browse', () => {
  const articles = [
    summary('a', '2023-08-25_北碚报_03.txt', 10, { publication: '北碚报', date: '2023-08-25', page: '3' }),
    summary('b', '2023-08-25_北碚报_03.txt', 1, { publication: '北碚报', date: '2023-08-25', page: '3' }),
    summary('c', '2023-08-25_北碚报_10.txt', 1, { publication: '北碚报', date: '2023-08-25', page: '10' }),
    summary('d', '2023-08-24_北碚报_01.txt', 1, { publication: '北碚报', date: '2023-08-24', page: '1' }),
    summary('e', 'x.txt', 1),
  ];

  it('lists publications with counts and date ranges, unknown last', () => {
    expect(browse(articles)).toEqual({
      level: 'publications',
      items: [
        { publication: '北碚报', count: 4, firstDate: '2023-08-24', lastDate: '2023-08-25' },
        { publication: null, count: 1, firstDate: undefined, lastDate: undefined },
      ],
    });
  });

  it('lists the dates of a publication, newest first', () => {
    const result = browse(articles, '北碚报');
    expect(result).toEqual({
      level: 'dates',
      publication: '北碚报',
      items: [
        { date: '2023-08-25', count: 3, pages: 2 },
        { date: '2023-08-24', count: 1, pages: 1 },
      ],
    });
  });

  it('lists the pages of a day in page order and their articles in reading order', () => {
    const result = browse(articles, '北碚报', '2023-08-25');
    expect(result.level).toBe('pages');
    if (result.level !== 'pages') return;
    expect(result.pages.map((p) => [p.page, p.articles.map((a) => a.id)])).toEqual([
      ['3', ['b', 'a']],
      ['10', ['c']],
    ]);
    expect(browse(articles, null, null)).toMatchObject({ level: 'pages', pages: [{ page: null }] });
  });
});

describe('citations', () => {
  it('writes the GB/T 7714 newspaper form, leaving out what is unknown', () => {
    expect(
      citeGbt7714({
        title: '科技创新为高质量发展赋能蓄力',
        authors: ['黄虹'],
        publication: '北碚报',
        date: '2022-05-28',
        page: '3',
      }),
    ).toBe('黄虹. 科技创新为高质量发展赋能蓄力[N]. 北碚报, 2022-05-28(3).');
    expect(citeGbt7714({ title: '区政协召开十六届三次主席会议' })).toBe('区政协召开十六届三次主席会议[N].');
    expect(citeGbt7714({ title: 'T', authors: ['甲', '乙', '丙', '丁'], publication: '人民日报' })).toBe(
      '甲, 乙, 丙, 等. T[N]. 人民日报.',
    );
    expect(citePlain({ title: 'T', publication: '人民日报', date: '1998-01-01', page: '1' })).toBe(
      '《T》,《人民日报》,1998-01-01,第1版',
    );
  });
});
