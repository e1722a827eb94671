import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../../src/main/core/archive/decode';
import { htmlToText } from '../../src/main/core/archive/html';
import {
  applyCorrections,
  metaFromFileName,
  metaFromPath,
  metaFromText,
} from '../../src/main/core/archive/metadata';
import { parseManifest, parseSidecar } from '../../src/main/core/archive/sidecars';
import type { Article } from '../../src/shared/types';

const FIXTURES = path.resolve('tests/fixtures/archive');
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));
const TEXT = '本报讯(记者 熊辉)8月24日,北碚区委举行座谈会。区委书记王俊出席会议并讲话。';

describe('decodePage', () => {
  it('reads UTF-8 with and without BOM, and UTF-16 LE/BE with or without BOM', () => {
    expect(decodePage(Buffer.from(TEXT))).toEqual({ ok: true, text: TEXT, encoding: 'utf-8', bom: false });
    expect(decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toEqual({
      ok: true,
      text: TEXT,
      encoding: 'utf-8',
      bom: true,
    });
    const le = Buffer.from(`${TEXT}\n`, 'utf16le');
    expect(decodePage(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toMatchObject({
      encoding: 'utf-16le',
      bom: true,
    });
    expect(decodePage(le)).toMatchObject({ ok: true, text: `${TEXT}\n`, encoding: 'utf-16le', bom: false });
    expect(decodePage(fixture('utf16le-nobom.txt'))).toMatchObject({ ok: true, encoding: 'utf-16le' });
    expect(decodePage(fixture('utf16be-bom.txt'))).toMatchObject({
      ok: true,
      encoding: 'utf-16be',
      bom: true,
    });
  });

  it('reads GBK, GB2312 and GB18030 as GB18030, and Big5, even when short', () => {
    // 双减 in GBK: four bytes chardet cannot place; strict decoding and common characters can.
    expect(decodePage(Buffer.from([0xcb, 0xab, 0xbc, 0xf5]))).toMatchObject({
      ok: true,
      text: '双减',
      encoding: 'gb18030',
    });
    for (const enc of ['gbk', 'gb2312', 'gb18030']) {
      expect(decodePage(iconv.encode(TEXT, enc))).toMatchObject({
        ok: true,
        text: TEXT,
        encoding: 'gb18030',
      });
    }
    expect(decodePage(iconv.encode('報紙', 'big5'))).toMatchObject({
      ok: true,
      text: '報紙',
      encoding: 'big5',
    });
    const gbk = decodePage(fixture('gbk-page.txt'));
    expect(gbk).toMatchObject({ ok: true, encoding: 'gb18030' });
    expect(gbk.ok && gbk.text).toContain('双减');
    const big5 = decodePage(fixture('big5-page.txt'));
    expect(big5).toMatchObject({ ok: true, encoding: 'big5' });
    expect(big5.ok && big5.text).toContain('區政協召開主席會議');
  });

  it('refuses binary files with their kind, and reports where undecodable text breaks', () => {
    expect(decodePage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toMatchObject({
      ok: false,
      binary: true,
      reason: 'binary file (PNG image)',
    });
    expect(decodePage(Buffer.from([0x41, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00]))).toMatchObject({
      ok: false,
      binary: true,
    });
    // Valid UTF-8 中 then 0xFF 0xFE 0x41: no encoding takes 0xFF at byte 3.
    const bad = decodePage(Buffer.from([0xe4, 0xb8, 0xad, 0xff, 0xfe, 0x41]));
    expect(bad).toMatchObject({ ok: false, offset: 3 });
    expect(!bad.ok && bad.reason).toMatch(/UTF-8 fails at byte 3/);
    expect(
      decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x41]), Buffer.from([0xc3, 0x28])])),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('byte 4'),
    });
  });

  it('property: text encoded as UTF-8 or UTF-16 with a BOM comes back unchanged', () => {
    const text = fc
      .string({ unit: 'grapheme', maxLength: 80 })
      .filter((s) =>
        Array.from(s).every((c) => (c.charCodeAt(0) >= 0x20 && c !== '\u007f') || '\t\n\r'.includes(c)),
      );
    fc.assert(
      fc.property(text, (s) => {
        // With its BOM: without one, two bytes of UTF-8 may as well be one GBK character (չ is 战).
        expect(decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]))).toMatchObject({
          ok: true,
          text: s,
        });
        expect(
          decodePage(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])),
        ).toMatchObject({ ok: true, text: s });
      }),
    );
  });

  it('property: GB18030 text of common characters comes back unchanged; any bytes never throw', () => {
    const common = fc.constantFrom(
      ...Array.from('的一是不了人在有这中大来上国个到说们为和地出道也时年就要下以生会自着去之过家学对可里后'),
    );
    fc.assert(
      fc.property(fc.array(common, { minLength: 2, maxLength: 60 }), (chars) => {
        const s = chars.join('');
        expect(decodePage(iconv.encode(s, 'gb18030'))).toMatchObject({
          ok: true,
          text: s,
          encoding: 'gb18030',
        });
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => void decodePage(bytes)));
  });
});

describe('htmlToText', () => {
  it('keeps text only, turns headings into markdown and maps lines back to the HTML file', () => {
    const html = fixture('page.html').toString('utf8');
    const { text, lineMap } = htmlToText(html);
    expect(text).not.toMatch(/不应出现|color: red|北碚报/);
    const lines = text.split('\n');
    expect(lines[0]).toBe('## 区政协召开主席会议');
    expect(text).toContain('统筹好“减”与“加”的关系');
    expect(lineMap).toHaveLength(lines.length);
    const htmlLines = html.split('\n');
    expect(htmlLines[lineMap[0][0] - 1]).toContain('区政协召开主席会议');
  });
});

describe('metadata', () => {
  it('reads publication, date and page from common file-name patterns and folders', () => {
    expect(metaFromFileName('2023-08-25_北碚报_03.txt')).toEqual({
      date: '2023-08-25',
      publication: '北碚报',
      page: '3',
    });
    expect(metaFromFileName('20230825-03.txt')).toEqual({ date: '2023-08-25', page: '3' });
    expect(metaFromFileName('北碚报_2023年8月25日_第3版.txt')).toEqual({
      date: '2023-08-25',
      publication: '北碚报',
      page: '3',
    });
    expect(metaFromFileName('1998-01-01_人民日报_01.txt')).toEqual({
      date: '1998-01-01',
      publication: '人民日报',
      page: '1',
    });
    expect(metaFromFileName('000_b2b83c036f656240.txt')).toEqual({});
    expect(metaFromFileName('2023-02-30_x.txt')).toEqual({});
    expect(metaFromPath('北碚报/2023-08-25/03.txt')).toEqual({
      date: '2023-08-25',
      page: '3',
      publication: '北碚报',
    });
  });

  it('infers metadata from the text only from lines of their own at the edges of the page', () => {
    expect(metaFromText('北碚报\n2023年8月25日 星期五\n第3版\n\n标题\n\n正文。')).toEqual({
      publication: '北碚报',
      date: '2023-08-25',
      page: '3',
    });
    expect(metaFromText('标题\n\n本报讯 8月25日,2023年8月25日召开会议。')).toEqual({});
  });

  it('parses sidecars and manifests, warning about what it ignores', () => {
    expect(
      parseSidecar('{"publication":"北碚报","date":"2023/8/25","page":3,"encoding":"GBK"}', 's.json'),
    ).toEqual({
      meta: { publication: '北碚报', date: '2023-08-25', page: '3', encoding: 'gb18030' },
      warnings: [],
    });
    const bad = parseSidecar('{"date":"someday","colour":"red"}', 's.json');
    expect(bad.meta).toEqual({});
    expect(bad.warnings).toEqual([expect.stringContaining('colour'), expect.stringContaining('someday')]);
    expect(parseSidecar('{nope', 's.json').warnings).toEqual([expect.stringContaining('not valid JSON')]);
    expect(
      parseManifest('{"publication":"北碚报","pages":{"./a/03.txt":{"page":"03"}}}', 'newsstack.json')
        .manifest,
    ).toEqual({
      publication: '北碚报',
      pages: { 'a/03.txt': { page: '3' } },
    });
  });

  it('applies corrections by article id, clears fields with null, ignores unknown ids and bad dates', () => {
    const article = (id: string): Article => ({
      id,
      title: 't',
      date: '2023-01-01',
      source: { file: 'f.txt', lineStart: 1, lineEnd: 1 },
      paragraphs: ['p'],
      text: 'p',
    });
    const [a, b] = applyCorrections([article('a'), article('b')], {
      a: { title: ' 新标题 ', publication: '北碚报', page: '03', date: null },
      b: { date: 'not a date' },
      gone: { title: 'x' },
    });
    expect(a).toMatchObject({
      title: '新标题',
      publication: '北碚报',
      page: '3',
      corrected: ['date', 'page', 'publication', 'title'],
    });
    expect(a.date).toBeUndefined();
    expect(b).toEqual(article('b'));
  });

  it('property: file names never throw and only give real dates', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const meta = metaFromPath(`${name}.txt`);
        if (meta.date) expect(meta.date).toMatch(/^\d{4}-\d\d-\d\d$/);
      }),
    );
  });
});
