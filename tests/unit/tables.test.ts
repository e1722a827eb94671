import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { importArchives } from '../../src/main/core/archive';
import { ArchiveService } from '../../src/main/core/service';
import { archiveWith, tempDir } from './helpers/tmp';

const TAIWAN = path.resolve('../shared/corpora/news-web/taiwan-news-json');

const CSV = [
  '标题,日期,来源,版次,作者,正文',
  '区政协召开主席会议,2023年8月25日,北碚报,第3版,熊辉,"8月24日，区政协召开主席会议。',
  '',
  '会议听取了有关工作情况的汇报。"',
  '全区新增高新技术企业52家,2022-05-30,北碚报,1,黄虹 齐宏,全区新增高新技术企业52家，位居全市前列。',
].join('\n');

describe('tables of articles: one article per row', () => {
  it('CSV with Chinese column names: title, date, paper, page, authors and body from their columns', async () => {
    const dir = archiveWith({ 'export.csv': CSV });
    const { report, articles } = await importArchives([dir]);
    expect(report.files[0]).toMatchObject({ file: 'export.csv', format: 'table', articles: 2, errors: [] });
    expect(articles[0]).toMatchObject({
      title: '区政协召开主席会议',
      date: '2023-08-25',
      publication: '北碚报',
      page: '3',
      authors: ['熊辉'],
      paragraphs: ['8月24日，区政协召开主席会议。', '会议听取了有关工作情况的汇报。'],
      source: { file: 'export.csv', lineStart: 2 },
    });
    expect(articles[1]).toMatchObject({
      date: '2022-05-30',
      page: '1',
      authors: ['黄虹', '齐宏'],
      source: { lineStart: 5 },
    });
  });

  it('JSON Lines and JSON arrays with English keys; a table without title or body says which columns it has', async () => {
    const dir = archiveWith({
      'a.jsonl': [
        '{"headline":"First","content":"Body one.","published":"2021-06-18T10:00:00Z","website":"Daily"}',
        '{"headline":"Second","content":"Body two."}',
      ].join('\n'),
      'b.json': JSON.stringify({ articles: [{ title: '标题甲', text: '正文甲。', category: '要闻' }] }),
      'c.json': JSON.stringify([{ name: 'x', value: 1 }]),
    });
    const { report, articles } = await importArchives([dir]);
    expect(articles.map((a) => [a.source.file, a.title, a.date, a.publication])).toEqual([
      ['a.jsonl', 'First', '2021-06-18', 'Daily'],
      ['a.jsonl', 'Second', undefined, undefined],
      ['b.json', '标题甲', undefined, undefined],
    ]);
    expect(articles[2].tags).toEqual(['要闻']);
    expect(report.files.find((f) => f.file === 'c.json')).toMatchObject({
      status: 'failed',
      errors: [
        'no title or body column among name, value; name them title and content (or 标题 and 正文), or name them in the "columns" of a sidecar',
      ],
    });
  });

  it.skipIf(!existsSync(TAIWAN))(
    'real crawler JSON, partly malformed: every readable record is kept, the rest reported',
    async () => {
      const dir = tempDir();
      for (const f of ['apple.json', 'liberty.json', 'ettoday.json'])
        copyFileSync(path.join(TAIWAN, f), path.join(dir, f));
      const { report, articles } = await importArchives([dir]);
      const records = (f: string): number =>
        (readFileSync(path.join(TAIWAN, f), 'utf8').match(/"title"\s*:/gu) ?? []).length;
      for (const f of ['apple.json', 'liberty.json', 'ettoday.json']) {
        const file = report.files.find((r) => r.file === f);
        expect(file?.errors, f).toEqual([]);
        // Most records survive the damage of the file around them.
        expect(file?.articles ?? 0, f).toBeGreaterThan(records(f) * 0.8);
      }
      const liberty = articles.filter((a) => a.source.file === 'liberty.json');
      expect(liberty[0]).toMatchObject({ publication: '自由時報', date: '2017-06-29' });
      expect(liberty.every((a) => !/\t/u.test(a.title))).toBe(true);
      expect(report.files.find((r) => r.file === 'liberty.json')?.warnings).toEqual([
        expect.stringMatching(
          /^\d+ records are not valid JSON and were skipped, the first at character \d+$/u,
        ),
      ]);
    },
  );

  it('a sidecar or a folder manifest says which columns hold what, where the names do not', async () => {
    const csv = ['hl,txt,dt,src,pg,by', '江北区项目签约,总投资86亿元。,2023-05-06,江北报,A3,熊辉'].join('\n');
    const columns = { title: 'hl', body: 'txt', date: 'dt', publication: 'src', page: 'pg', author: 'by' };
    const dir = archiveWith({
      'one/export.csv': csv,
      'one/export.csv.json': JSON.stringify({ columns }),
      'two/newsstack.json': JSON.stringify({ columns: { ...columns, body: 'missing', colour: 'x' } }),
      'two/a.csv': csv,
    });
    const service = new ArchiveService({ archiveDirs: [dir], dataDir: tempDir() });
    const { report } = await service.info();
    const articles = await Promise.all((await service.listArticles()).map((a) => service.getArticle(a.id)));
    const one = articles.find((a) => a.source.file === 'one/export.csv');
    expect(one).toMatchObject({
      title: '江北区项目签约',
      text: '总投资86亿元。',
      date: '2023-05-06',
      publication: '江北报',
      page: 'A3',
      authors: ['熊辉'],
    });
    // The manifest's mapping applies to every table below it; what it gets wrong is said.
    const two = report?.files.find((f) => f.file === 'two/a.csv');
    expect(two?.warnings).toContain(
      'the metadata names column "missing" for body, but the table has no such column (it has hl, txt, dt, src, pg, by)',
    );
    expect(report?.metadataFiles.concat(report.skipped.map((s) => s.reason)).join('\n')).toContain(
      'columns: "colour" is not a field of an article',
    );
    expect(articles.find((a) => a.source.file === 'two/a.csv')).toMatchObject({
      title: '江北区项目签约',
      text: '',
    });

    // Changing the mapping reads the table again.
    writeFileSync(
      path.join(dir, 'one/export.csv.json'),
      JSON.stringify({ columns: { title: 'src', body: 'txt' } }),
    );
    await service.reimport();
    const again = await service.search('总投资86亿元');
    expect(again.hits.map((h) => h.title)).toEqual(['江北报']);
    await service.close();
  });

  it('the rows are searchable and their dates can be filtered on', async () => {
    const service = new ArchiveService({
      archiveDirs: [archiveWith({ 'export.csv': CSV })],
      dataDir: tempDir(),
    });
    const hits = (await service.search('高新技术企业 from:2022-05 to:2022-05')).hits;
    expect(hits.map((h) => h.title)).toEqual(['全区新增高新技术企业52家']);
    await service.close();
  });

  it('property: a CSV written by papaparse comes back row by row', async () => {
    const text = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => /\S/u.test(s) && !Array.from(s).some((c) => c < ' ' || c === '\u007f'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ title: text, content: text }), { minLength: 1, maxLength: 8 }),
        async (rows) => {
          const dir = archiveWith({ 'rows.csv': Papa.unparse(rows) });
          const { articles } = await importArchives([dir]);
          expect(articles.map((a) => a.title)).toEqual(rows.map((r) => r.title.trim().replace(/\s+/gu, ' ')));
          expect(articles.map((a) => a.text)).toEqual(rows.map((r) => r.content.trim()));
        },
      ),
      { numRuns: 25 },
    );
  });
});
