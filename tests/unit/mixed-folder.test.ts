import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { explain, type Explained } from '../../src/renderer/src/features/report/reasons';
import { ArchiveService } from '../../src/main/core/service';
import { makePdf } from './helpers/pdf';
import { archiveWith, tempDir } from './helpers/tmp';

const fixture = (name: string): Buffer => readFileSync(path.resolve('tests/fixtures/html-pages', name));

function unknownParts(e: Explained): string[] {
  if (e.kind === 'unknown') return [e.text];
  if (e.kind === 'list') return e.items.flatMap(unknownParts);
  if (e.kind === 'match') return Object.values(e.params).flatMap(unknownParts);
  return [];
}

/**
 * A folder mixing every kind of page the importer reads, as a user's archive does: each article
 * whole, dated where its page says when, nothing garbled, and every warning explained.
 */
describe('a folder mixing every kind of page', () => {
  it('imports each page whole and dated, and explains every warning', async () => {
    const gbk = iconv.encode(
      [
        '区政协召开主席会议',
        '',
        '本报讯 8月24日，区政协召开主席会议，听取有关工作汇报，研究部署下一阶段重点工作。',
        '',
        '会议指出，要围绕全区中心工作，深入开展调查研究，积极建言献策，为推动高质量发展贡献力量。',
        '',
        '会议强调，要持续加强自身建设，不断提高履职能力和水平，确保各项工作取得实效。',
        '',
      ].join('\n'),
      'gb18030',
    );
    const damaged = Buffer.concat([gbk.subarray(0, 30), Buffer.from([0xff]), gbk.subarray(30)]);
    const dir = archiveWith({
      'web/portal-article.html': fixture('portal-article.html'),
      'web/saved-page.mhtml': fixture('saved-page.mhtml'),
      'web/wrong-charset.html': fixture('wrong-charset.html'),
      'md/2024-03-01_测试报_02.md': [
        '---',
        'title: 测试报道',
        'date: 2024-03-01',
        'author: 熊辉',
        '---',
        '',
        '本报讯 这是一篇测试报道的正文，讲述江北区的新变化。',
        '',
      ].join('\n'),
      'text/2023-08-25_北碚报_03.txt': damaged,
      'text/2023-08-26_北碚报_01.txt': iconv.encode(
        '北碚新建三座公园\n\n本報訊 北碚區新建三座口袋公園，市民可免費入園。\n',
        'big5',
      ),
      'pdf/2023-06-01_两江报_02.pdf': Buffer.from(
        makePdf([
          {
            runs: [
              { x: 40, y: 100, size: 20, text: '两江新区数字经济产业园开园' },
              { x: 62, y: 130, size: 11, text: '本报讯 昨日，两江新区数字经济产业园举行开园仪式。' },
            ],
          },
        ]),
      ),
      'pdf/scan.pdf': Buffer.from(makePdf([{ scan: true }])),
      'table/export.csv': 'hl,txt,dt\n江北区项目签约,总投资86亿元。,2023-05-06\n',
      'table/export.csv.json': JSON.stringify({ columns: { title: 'hl', body: 'txt', date: 'dt' } }),
    });
    const service = new ArchiveService({ archiveDirs: [dir], dataDir: tempDir() });
    const { report } = await service.info();
    expect(report?.files.filter((f) => f.errors.length).map((f) => [f.file, f.errors])).toEqual([]);
    const byFile = Object.fromEntries(report?.files.map((f) => [f.file, f]) ?? []);
    const articles = await Promise.all((await service.listArticles()).map((a) => service.getArticle(a.id)));
    const of = (file: string): typeof articles => articles.filter((a) => a.source.file === file);

    for (const file of ['web/portal-article.html', 'web/saved-page.mhtml', 'web/wrong-charset.html'])
      expect(of(file), file).toHaveLength(1);
    expect(of('web/portal-article.html')[0].date).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    expect(of('md/2024-03-01_测试报_02.md')[0]).toMatchObject({
      title: '测试报道',
      date: '2024-03-01',
      authors: ['熊辉'],
    });
    expect(of('text/2023-08-25_北碚报_03.txt')[0]).toMatchObject({
      title: '区政协召开主席会议',
      date: '2023-08-25',
    });
    expect(of('text/2023-08-26_北碚报_01.txt')[0].text).toContain('北碚區新建三座口袋公園');
    expect(of('pdf/2023-06-01_两江报_02.pdf')[0]).toMatchObject({
      title: '两江新区数字经济产业园开园',
      date: '2023-06-01',
      region: { page: 1 },
    });
    expect(of('table/export.csv')[0]).toMatchObject({ title: '江北区项目签约', date: '2023-05-06' });
    expect(byFile['pdf/scan.pdf'].articles).toBe(0);

    // Nothing garbled: every article has a title and text, and only the damaged page holds U+FFFD.
    for (const a of articles) {
      expect(a.title.trim(), a.source.file).not.toBe('');
      expect(a.text.trim(), a.source.file).not.toBe('');
      if (a.source.file !== 'text/2023-08-25_北碚报_03.txt')
        expect(a.text, a.source.file).not.toContain('\uFFFD');
    }
    // Every warning is one the report explains (and translates).
    const warnings = report?.files.flatMap((f) => [...f.warnings, ...f.errors]) ?? [];
    expect(warnings.some((w) => w.startsWith('damaged bytes'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('a scanned PDF'))).toBe(true);
    expect(warnings.flatMap((w) => unknownParts(explain(w)))).toEqual([]);
    await service.close();
  });
});
