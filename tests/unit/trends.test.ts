import { describe, expect, it } from 'vitest';
import { periodOf } from '../../src/main/core/search/trends';
import { ArchiveService } from '../../src/main/core/service';
import { cli } from './helpers/cli';
import { archiveWith, tempDir } from './helpers/tmp';

const page = (title: string, body: string): string => `${title}\n\n${body}\n`;

function archive(): string {
  return archiveWith({
    '2022-03-01_测试报_01.txt': page('双减落地', '双减政策落地，双减成效初显。'),
    '2022-07-02_测试报_01.txt': page('暑期安排', '暑期托管服务开始报名。'),
    '2023-01-05_测试报_01.txt': page('新年新气象', '学校继续推进双减工作。'),
    '无日期.txt': page('没有日期', '双减也出现在没有日期的文章里。'),
  });
}

describe('term trends', () => {
  it('counts per year, normalised by what the archive holds that year; undated apart', async () => {
    const service = new ArchiveService({ archiveDirs: [archive()], dataDir: tempDir() });
    const { series } = await service.trends(['双减', '托管'], 'year');
    const articles = await Promise.all((await service.listArticles()).map((s) => service.getArticle(s.id)));
    const chars = (year: string): number =>
      articles
        .filter((a) => (a.date ?? '').startsWith(year))
        .reduce((n, a) => n + a.title.length + a.text.length, 0);
    const [jianjian, tuoguan] = series;
    expect(jianjian.points.map((p) => [p.period, p.occurrences, p.articles, p.perHundredArticles])).toEqual([
      ['2022', 3, 1, 50],
      ['2023', 1, 1, 100],
      ['', 1, 1, 100],
    ]);
    expect(jianjian.points[0].perMillionCharacters).toBeCloseTo((3 / chars('2022')) * 1e6, 1);
    // A period where a query never occurs is still there, at zero.
    expect(tuoguan.points.map((p) => [p.period, p.occurrences])).toEqual([
      ['2022', 1],
      ['2023', 0],
      ['', 0],
    ]);
    const byMonth = await service.trends(['双减'], 'month');
    expect(byMonth.series[0].points.map((p) => p.period)).toEqual(['2022-03', '2022-07', '2023-01', '']);
    await service.close();
  });

  it('a date without the precision asked for is counted as undated', () => {
    expect(periodOf('2022-03', 'year')).toBe('2022');
    expect(periodOf('2022-03', 'month')).toBe('2022-03');
    expect(periodOf('2022-03', 'day')).toBe('');
    expect(periodOf('2022-00-00', 'month')).toBe('');
    expect(periodOf(undefined, 'year')).toBe('');
  });

  it('the CLI prints a table or JSON and refuses bad options', async () => {
    const dir = archive();
    const data = tempDir();
    const table = await cli(['trends', '双减', '托管', '--by', 'year', '--archive', dir, '--data', data]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[1]).toMatch(/^2022\t3 \d+(\.\d+)? 50\t1 /u);
    const json = await cli(['trends', '双减', '--json', '--archive', dir, '--data', data]);
    expect(JSON.parse(json.stdout)).toMatchObject({ by: 'year', series: [{ query: '双减' }] });
    const bad = await cli(['trends', '双减', '--by', 'week', '--archive', dir, '--data', data]);
    expect(bad.stderr).toMatch(/--by must be year, month or day/u);
    const many = await cli(['trends', 'a', 'b', 'c', 'd', 'e', 'f', '--archive', dir, '--data', data]);
    expect(many.stderr).toMatch(/one to five QUERY/u);
  });
});
