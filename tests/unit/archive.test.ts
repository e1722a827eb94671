import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../../src/main/core/archive/decode';
import { importArchive } from '../../src/main/core/archive/import';
import { metaFromFileName } from '../../src/main/core/archive/metadata';
import { splitPage } from '../../src/main/core/archive/split';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

describe('decodePage', () => {
  it('reads UTF-8 with and without BOM and UTF-16 with BOM', () => {
    const text = '本报讯(记者 熊辉)8月24日,北碚区委举行座谈会。';
    expect(decodePage(Buffer.from(text, 'utf8'))).toMatchObject({ ok: true, text, encoding: 'utf-8' });
    expect(decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toMatchObject({
      ok: true,
      text,
      bom: true,
    });
    expect(
      decodePage(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
    ).toMatchObject({
      ok: true,
      text,
      encoding: 'utf-16le',
    });
  });

  it('reads GB18030 text that is not UTF-8', () => {
    // 双减 in GBK.
    const bytes = Buffer.from([0xcb, 0xab, 0xbc, 0xf5]);
    expect(decodePage(bytes)).toMatchObject({ ok: true, text: '双减', encoding: 'gb18030' });
  });

  it('refuses binary files with a reason', () => {
    const result = decodePage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('binary') });
  });
});

describe('metaFromFileName', () => {
  it('reads publication, date and page from common patterns', () => {
    expect(metaFromFileName('2023-08-25_北碚报_03.txt')).toEqual({
      date: '2023-08-25',
      publication: '北碚报',
      page: '3',
    });
    expect(metaFromFileName('20230825-03.txt')).toEqual({ date: '2023-08-25', page: '3' });
    expect(metaFromFileName('1998-01-01_人民日报_01.txt')).toEqual({
      date: '1998-01-01',
      publication: '人民日报',
      page: '1',
    });
    expect(metaFromFileName('000_b2b83c036f656240.txt')).toEqual({});
    expect(metaFromFileName('2023-13-45_x.txt')).toEqual({});
  });

  it('property: never throws and only returns well-formed dates', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const meta = metaFromFileName(`${name}.txt`);
        if (meta.date) expect(meta.date).toMatch(/^\d{4}-\d\d-\d\d$/);
      }),
    );
  });
});

describe('splitPage', () => {
  it('splits a markdown page at its headings and keeps the line range of each article', () => {
    const page = ['', '## 第一篇', '', '本报讯 正文第一段。', '', '## 第二篇', '第二篇的正文。', ''].join(
      '\n',
    );
    const drafts = splitPage(page);
    expect(drafts.map((d) => d.title)).toEqual(['第一篇', '第二篇']);
    expect(drafts[0]).toMatchObject({ lineStart: 2, lineEnd: 4, paragraphs: ['本报讯 正文第一段。'] });
    expect(drafts[1]).toMatchObject({ lineStart: 6, lineEnd: 7 });
  });

  it('splits a plain page at headline lines that stand after a finished sentence', () => {
    const page = [
      '迈向充满希望的新世纪',
      '同胞们、朋友们：',
      '在一九九八年来临之际，我十分高兴。',
      '',
      '江泽民会见法国外长',
      '新华社北京1月23日电，国家主席江泽民今天下午会见法国外长。',
    ].join('\n');
    const drafts = splitPage(page);
    expect(drafts.map((d) => d.title)).toEqual(['迈向充满希望的新世纪', '江泽民会见法国外长']);
    expect(drafts[0].paragraphs).toEqual(['同胞们、朋友们：', '在一九九八年来临之际，我十分高兴。']);
    expect(drafts[1]).toMatchObject({ lineStart: 5, lineEnd: 6 });
  });

  it('joins OCR lines wrapped mid-sentence into one paragraph', () => {
    const page = [
      '北碚区与四川省绵阳市，都是教育',
      '科技资源雄厚的地区，在成渝地区双城',
      '经济圈建设中携手合作。',
    ].join('\n');
    const [draft] = splitPage(page);
    expect(draft.paragraphs).toEqual([
      '北碚区与四川省绵阳市，都是教育科技资源雄厚的地区，在成渝地区双城经济圈建设中携手合作。',
    ]);
  });

  it('property: never throws, articles are ordered, inside the page and do not overlap', () => {
    const line = fc.oneof(
      fc.constant(''),
      fc.constantFrom(
        '## 标题',
        '本报讯 记者',
        '这是一个句子。',
        '没有标点的短行',
        '摄/某人',
        '续行没有结束',
      ),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const page = lines.join('\n');
        const drafts = splitPage(page);
        const total = page.split(/\r\n|\r|\n/).length;
        let last = 0;
        for (const d of drafts) {
          expect(d.lineStart).toBeGreaterThan(last);
          expect(d.lineEnd).toBeGreaterThanOrEqual(d.lineStart);
          expect(d.lineEnd).toBeLessThanOrEqual(total);
          last = d.lineEnd;
        }
      }),
    );
  });
});

describe('importArchive', () => {
  it('reads the bundled archive: every article has an id, a title and lines of its file', async () => {
    const archive = await importArchive(SAMPLE_ARCHIVE);
    expect(archive.problems).toEqual([]);
    expect(archive.files).toHaveLength(5);
    expect(archive.articles.length).toBeGreaterThanOrEqual(20);
    const ids = new Set(archive.articles.map((a) => a.id));
    expect(ids.size).toBe(archive.articles.length);
    for (const a of archive.articles) {
      const lines = readFileSync(path.join(SAMPLE_ARCHIVE, a.source.file), 'utf8').split(/\r\n|\r|\n/);
      expect(a.source.lineEnd).toBeLessThanOrEqual(lines.length);
      expect(a.title.length).toBeGreaterThan(0);
      // The title is printed inside the lines the article covers.
      const covered = lines.slice(a.source.lineStart - 1, a.source.lineEnd).join('\n');
      expect(covered.replace(/^#+\s*/gm, '')).toContain(a.title.replace(/\s+/g, ' ').trim().slice(0, 8));
    }
  });

  it('gives the same ids after a re-import, and reports files it cannot read without stopping', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', '2023-08-25_北碚报_03.txt'), '## 标题一\n\n正文一。\n');
    writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0]));
    writeFileSync(path.join(dir, 'photo.jpg'), 'not a page');
    const first = await importArchive(dir);
    const second = await importArchive(dir);
    expect(first.articles.map((a) => a.id)).toEqual(second.articles.map((a) => a.id));
    expect(first.articles).toHaveLength(1);
    expect(first.articles[0]).toMatchObject({
      title: '标题一',
      publication: '北碚报',
      date: '2023-08-25',
      page: '3',
      source: { file: 'sub/2023-08-25_北碚报_03.txt', lineStart: 1, lineEnd: 3 },
    });
    expect(first.problems).toEqual([{ file: 'binary.txt', message: expect.stringContaining('binary') }]);
  });

  it('says clearly when the archive folder cannot be read', async () => {
    await expect(importArchive(path.join(tempDir(), 'missing'))).rejects.toThrow(
      /cannot read archive folder/,
    );
  });
});
