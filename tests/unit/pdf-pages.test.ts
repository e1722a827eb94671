import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pdfToText, PdfReadError, regionOfLines } from '../../src/main/core/archive/pdf';
import { ArchiveService } from '../../src/main/core/service';
import { makePdf, type PdfRun } from './helpers/pdf';
import { archiveWith, tempDir } from './helpers/tmp';

const SIZE = 10;
const PITCH = 15;

/** A column of paragraphs set like a newspaper: first line indented two characters, lines full, the last one short. */
function column(
  x: number,
  top: number,
  chars: number,
  paragraphs: string[],
): { runs: PdfRun[]; bottom: number } {
  const runs: PdfRun[] = [];
  let y = top;
  for (const p of paragraphs) {
    let rest = p;
    let first = true;
    while (rest.length) {
      const room = first ? chars - 2 : chars;
      runs.push({ x: first ? x + 2 * SIZE : x, y, size: SIZE, text: rest.slice(0, room) });
      rest = rest.slice(room);
      first = false;
      y += PITCH;
    }
  }
  return { runs, bottom: y };
}

describe('PDF pages', () => {
  it('reads a headline over two columns, then each column in turn, and knows where each paragraph is', async () => {
    const left = column(40, 120, 16, [
      '本报讯 昨日，重庆市江北区举行智能制造项目集中签约仪式，共签约项目12个，总投资86亿元。',
      '据介绍，签约项目涵盖新能源汽车零部件、工业互联网等领域。',
    ]);
    const right = column(320, 120, 16, [
      '另讯 江北区相关负责人表示，将持续优化营商环境，为企业提供全流程服务。',
    ]);
    const pdf = makePdf([
      { runs: [{ x: 80, y: 80, size: 22, text: '江北区智能制造项目集中签约' }, ...left.runs, ...right.runs] },
    ]);
    const out = await pdfToText(pdf);
    expect(out.text.split('\n\n')).toEqual([
      '江北区智能制造项目集中签约',
      '本报讯 昨日，重庆市江北区举行智能制造项目集中签约仪式，共签约项目12个，总投资86亿元。',
      '据介绍，签约项目涵盖新能源汽车零部件、工业互联网等领域。',
      '另讯 江北区相关负责人表示，将持续优化营商环境，为企业提供全流程服务。',
    ]);
    expect(out.scannedPages).toEqual([]);
    // Lines 3 and 5 (the left column's paragraphs) make one box on the left half of the page.
    const region = regionOfLines(out.lineRegions, 3, 5);
    expect(region?.page).toBe(1);
    expect(region?.boxes).toHaveLength(1);
    const [x0, y0, x1, y1] = region?.boxes[0] ?? [0, 0, 0, 0];
    expect(x0).toBeCloseTo(40 / 595, 1);
    expect(x1).toBeLessThan(0.5);
    expect(y0).toBeGreaterThan(100 / 842);
    expect(y1).toBeLessThan((left.bottom + 5) / 842);
    expect(regionOfLines(out.lineRegions, 7, 7)?.boxes[0][0]).toBeGreaterThan(0.5);
  });

  it('reports pages without a text layer (scans) and reads the others', async () => {
    const pdf = makePdf([{ scan: true }, { runs: [{ x: 40, y: 100, size: 12, text: '第二页的正文。' }] }]);
    const out = await pdfToText(pdf);
    expect(out).toMatchObject({ pages: 2, scannedPages: [1], text: '第二页的正文。' });
    expect(out.lineRegions[0]?.page).toBe(2);
  });

  it('refuses what is not a PDF with a reason', async () => {
    await expect(pdfToText(new TextEncoder().encode('%PDF-1.4\nnot really'))).rejects.toBeInstanceOf(
      PdfReadError,
    );
  });

  it('reads any number of columns in order, paragraph by paragraph', async () => {
    const han = fc.constantFrom(
      ...'江北区智能制造项目签约仪式新能源汽车零部件工业互联网领域优化营商环境企业服务',
    );
    const paragraph = fc.string({ unit: han, minLength: 3, maxLength: 60 }).map((s) => `${s}。`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(paragraph, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        async (columns) => {
          const width = 595;
          const gutter = 20;
          const colWidth = Math.floor((width - 80 - gutter * (columns.length - 1)) / columns.length);
          const chars = Math.floor(colWidth / SIZE);
          // A column is mostly full lines: each opens with a paragraph of a few lines, so that
          // where its lines end is known (a column of one-line paragraphs alone has no edge to see).
          const full = columns.map((ps) => ['区'.repeat(Math.round(chars * 2.5)) + '。', ...ps]);
          const runs = full.flatMap((ps, i) => column(40 + i * (colWidth + gutter), 80, chars, ps).runs);
          const out = await pdfToText(makePdf([{ runs }]));
          expect(out.text.split('\n\n')).toEqual(full.flat());
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('PDF pages in the archive', () => {
  it('import as articles with their regions, are searchable, and the reader gets the page file', async () => {
    const left = column(40, 130, 22, [
      '本报讯 昨日，两江新区数字经济产业园举行开园仪式，首批入驻企业36家。',
      '据介绍，产业园规划面积约12万平方米，年营业收入突破100亿元。',
    ]);
    const right = column(320, 160, 22, ['本报讯 记者从市交通局获悉，轨道交通环线西北环段预计年内建成通车。']);
    const pdf = makePdf([
      {
        runs: [
          { x: 40, y: 100, size: 20, text: '两江新区数字经济产业园开园' },
          ...left.runs,
          { x: 320, y: 130, size: 16, text: '轨道交通环线西北环段年内通车' },
          ...right.runs,
        ],
      },
    ]);
    const dir = archiveWith({ '2023-06-01_两江报_02.pdf': Buffer.from(pdf) });
    const service = new ArchiveService({ archiveDirs: [dir], dataDir: tempDir() });
    const { report } = await service.info();
    expect(report?.files[0]).toMatchObject({ format: 'pdf', articles: 2, errors: [] });
    const [first, second] = await Promise.all(
      (await service.listArticles()).map((a) => service.getArticle(a.id)),
    );
    expect(first).toMatchObject({
      title: '两江新区数字经济产业园开园',
      publication: '两江报',
      date: '2023-06-01',
      page: '2',
      paragraphs: [
        '本报讯 昨日，两江新区数字经济产业园举行开园仪式，首批入驻企业36家。',
        '据介绍，产业园规划面积约12万平方米，年营业收入突破100亿元。',
      ],
    });
    expect(second.title).toBe('轨道交通环线西北环段年内通车');
    // Each article's region is its own column of the page.
    expect(first.region?.page).toBe(1);
    expect(first.region?.boxes.every(([x0, , x1]) => x0 < 0.1 && x1 < 320 / 595)).toBe(true);
    expect(second.region?.boxes.every(([x0]) => x0 > 0.5)).toBe(true);
    expect((await service.search('西北环段')).hits.map((h) => h.id)).toEqual([second.id]);

    const file = await service.handle('articles:pageFile', { id: second.id });
    expect(file).toMatchObject({ fileName: '2023-06-01_两江报_02.pdf', mime: 'application/pdf' });
    expect(Buffer.from(file.data, 'base64').equals(Buffer.from(pdf))).toBe(true);
    await service.close();
  });

  it('the page file of a text page is refused with a reason', async () => {
    const dir = archiveWith({ 'a.txt': '标题\n\n本报讯 正文第一段。\n' });
    const service = new ArchiveService({ archiveDirs: [dir], dataDir: tempDir() });
    const [a] = await service.listArticles();
    await expect(service.handle('articles:pageFile', { id: a.id })).rejects.toThrow(/not a PDF/u);
    await service.close();
  });
});
