import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concordanceLines, sortConcordance } from '../../src/main/core/search/concordance';
import { ArchiveService } from '../../src/main/core/service';
import { countAll, normalize } from '../../src/main/core/text/normalize';
import { article } from './helpers/articles';
import { cli } from './helpers/cli';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

const collapse = (s: string): string => s.replace(/\s+/gu, ' ');

describe('concordance (keyword in context)', () => {
  it('every occurrence across the archive, as printed, with its context; traditional finds simplified', async () => {
    const service = new ArchiveService({ archiveDirs: [SAMPLE_ARCHIVE], dataDir: tempDir() });
    const { total, lines } = await service.concordance('科技創新', { width: 12, limit: 10_000 });
    // As many lines as the term occurs in the archive's texts (counted without the index).
    const articles = await Promise.all((await service.listArticles()).map((s) => service.getArticle(s.id)));
    const occurrences = articles.reduce((n, a) => n + countAll(normalize(a.text), '科技创新'), 0);
    expect(occurrences).toBeGreaterThan(10);
    expect(total).toBe(occurrences);
    expect(lines).toHaveLength(total);
    for (const line of lines) {
      expect(normalize(line.match)).toBe('科技创新');
      expect(line.left.length).toBeLessThanOrEqual(12);
      expect(line.right.length).toBeLessThanOrEqual(12);
      const text = articles.find((a) => a.id === line.articleId)?.text ?? '';
      expect(text.slice(line.start, line.end)).toBe(line.match);
    }
    // Sorted by the words left of the match, read from the match outwards.
    const left = (await service.concordance('科技创新', { sort: 'left', limit: 10_000 })).lines.map((l) =>
      Array.from(l.left).reverse().join(''),
    );
    expect(left).toEqual([...left].sort());
    const limited = await service.concordance('科技创新', { limit: 3 });
    expect(limited).toMatchObject({ total });
    expect(limited.lines).toHaveLength(3);
    await service.close();
  });

  it('sorts by date and by paper, undated and unnamed last', () => {
    const lines = concordanceLines(
      [
        article('b', '乙', '这里有双减政策。', { date: '2022-05-01', publication: '渝北时报' }),
        article('a', '甲', '双减之后。', { date: '2021-01-01', publication: '北碚报' }),
        article('c', '丙', '没有日期的双减。'),
      ],
      '双减',
    );
    expect(sortConcordance(lines, 'date').map((l) => l.articleId)).toEqual(['a', 'b', 'c']);
    expect(sortConcordance(lines, 'paper').map((l) => l.publication ?? '-')).toEqual([
      '北碚报',
      '渝北时报',
      '-',
    ]);
    expect(sortConcordance(lines, 'right').map((l) => l.right)).toEqual(['。', '之后。', '政策。']);
  });

  it('property: left, match and right are always one run of the article as printed', () => {
    const word = fc.constantFrom(
      '双减',
      '科技',
      '创新',
      '企业',
      '全区',
      '新增',
      ' ',
      '\n',
      '，',
      '。',
      'A',
      '1',
    );
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (parts, width) => {
          const text = parts.join('');
          for (const line of concordanceLines([article('x', '标题', text)], '科技', width)) {
            expect(collapse(text)).toContain(`${line.left}${line.match}${line.right}`);
            expect(line.match).toBe('科技');
          }
        },
      ),
    );
  });

  it('the CLI prints the lines, or JSON, and says what is wrong with its options', async () => {
    const data = tempDir();
    const text = await cli([
      'concordance',
      '科技创新',
      '--limit',
      '3',
      '--data',
      data,
      '--archive',
      SAMPLE_ARCHIVE,
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/【科技创新】/u);
    expect(text.stdout.trim().split('\n').pop()).toMatch(/^3 of \d+ lines$/u);
    const json = await cli([
      'concordance',
      '科技创新',
      '--json',
      '--sort',
      'date',
      '--data',
      data,
      '--archive',
      SAMPLE_ARCHIVE,
    ]);
    expect((JSON.parse(json.stdout) as { lines: unknown[] }).lines.length).toBeGreaterThan(3);
    const bad = await cli([
      'concordance',
      '科技创新',
      '--sort',
      'sideways',
      '--data',
      data,
      '--archive',
      SAMPLE_ARCHIVE,
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--sort must be left, right, date, paper or article/u);
  });
});
