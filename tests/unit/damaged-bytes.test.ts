import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importArchives } from '../../src/main/core/archive';
import { decodePage } from '../../src/main/core/archive/decode';
import { archiveWith, PD1998_PAGES } from './helpers/tmp';

/** A page of real news text (People's Daily when the corpus is there, else the sample archive). */
function newsText(chars = 1500): string {
  const dir = existsSync(PD1998_PAGES) ? PD1998_PAGES : path.resolve('archive');
  const file = readdirSync(dir).sort()[3];
  return readFileSync(path.join(dir, file), 'utf8').slice(0, chars);
}

/** `bytes` with `extra` inserted at `at`. */
function insert(bytes: Uint8Array, at: number, extra: number[]): Buffer {
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(extra), bytes.subarray(at)]);
}

/** A byte offset at a character boundary of UTF-8 `bytes` near `at`. */
function boundary(bytes: Uint8Array, at: number): number {
  let i = at;
  while (i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++;
  return i;
}

describe('damaged bytes never lose a page', () => {
  it('a UTF-8 page with a few bytes no encoding takes keeps all the rest, and says where', () => {
    const text = newsText();
    const clean = Buffer.from(text, 'utf8');
    const at = boundary(clean, 600);
    const damaged = insert(insert(clean, at, [0xff]), boundary(clean, 1200) + 1, [0xc3, 0x28 - 0x28 + 0xfe]);
    const decoded = decodePage(damaged);
    expect(decoded).toMatchObject({ ok: true, encoding: 'utf-8', damage: { invalid: { firstByte: at } } });
    if (!decoded.ok) return;
    expect(decoded.damage?.invalid?.count).toBeGreaterThanOrEqual(2);
    expect(decoded.text.replace(/\ufffd/gu, '')).toBe(text);
  });

  it('a GBK page with a damaged byte is read as GBK, not refused', () => {
    const text = newsText();
    const gbk = iconv.encode(text, 'gbk');
    let at = 700;
    while (gbk[at] >= 0x80) at++; // an ASCII byte: the damage does not split a character
    const decoded = decodePage(insert(gbk, at, [0xff]));
    expect(decoded).toMatchObject({
      ok: true,
      encoding: 'gb18030',
      damage: { invalid: { count: 1, firstByte: at } },
    });
    expect(decoded.ok && decoded.text.replace('\ufffd', '')).toBe(text);
  });

  it('a stray DEL or NUL is damage, not a binary file; a NUL does not turn UTF-8 into UTF-16', () => {
    const text = newsText();
    const clean = Buffer.from(text, 'utf8');
    for (const stray of [0x7f, 0x00, 0x01]) {
      const at = boundary(clean, 901);
      const decoded = decodePage(insert(clean, at, [stray]));
      expect(decoded, `byte ${stray}`).toMatchObject({
        ok: true,
        encoding: 'utf-8',
        damage: { controls: { count: 1 } },
      });
      expect(decoded.ok && decoded.text.replace('\ufffd', '')).toBe(text);
    }
    // Real UTF-16 is still read as UTF-16, and real binary data is still binary.
    expect(decodePage(Buffer.from(text, 'utf16le'))).toMatchObject({ ok: true, encoding: 'utf-16le', text });
    expect(
      decodePage(Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 0 : 65 + (i % 26))))),
    ).toMatchObject({
      ok: false,
      binary: true,
    });
    const manyDel = Buffer.from(
      Array.from(text)
        .map((c, i) => (i % 20 === 0 ? '\u007f' : c))
        .join(''),
      'utf8',
    );
    expect(decodePage(manyDel)).toMatchObject({ ok: false, binary: true });
  });

  it('"?" between Chinese characters in GBK text is flagged as likely damage', () => {
    const decoded = decodePage(
      iconv.encode(`${newsText(400)}据统计，全区新增企业?家，其中高新技术企业?个。\n`, 'gbk'),
    );
    expect(decoded).toMatchObject({ ok: true, encoding: 'gb18030', damage: { questionMarks: { count: 2 } } });
  });

  it('the import reports the damage with its position, and the page keeps its articles', async () => {
    const clean = Buffer.from(`测试标题\n\n${newsText()}\n`, 'utf8');
    const dir = archiveWith({
      'damaged.txt': insert(clean, boundary(clean, 500), [0xfe]),
      'del.txt': insert(clean, boundary(clean, 40), [0x7f]),
    });
    const { report, articles } = await importArchives([dir]);
    const files = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(files['damaged.txt'].errors).toEqual([]);
    expect(files['damaged.txt'].warnings).toEqual([
      expect.stringMatching(
        /^damaged bytes: 1 sequences no encoding takes were read as U\+FFFD, the first at byte \d+; the rest of the page was kept$/u,
      ),
    ]);
    expect(files['del.txt'].warnings).toEqual([
      expect.stringMatching(
        /^damaged text: 1 control characters were read as U\+FFFD, the first at character \d+/u,
      ),
    ]);
    expect(articles.filter((a) => a.source.file === 'damaged.txt').length).toBeGreaterThan(0);
    expect(articles.filter((a) => a.source.file === 'del.txt').length).toBe(
      articles.filter((a) => a.source.file === 'damaged.txt').length,
    );
  });

  it('property: up to one damaged byte in a hundred, the rest of a UTF-8 page comes back exactly', () => {
    const text = newsText(800);
    const clean = Buffer.from(text, 'utf8');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: clean.length }), {
          minLength: 1,
          maxLength: Math.floor(clean.length / 200),
        }),
        fc.constantFrom(0xff, 0xfe, 0xc0, 0xf8),
        (positions, bad) => {
          let bytes: Buffer = clean;
          // From the end, so that earlier positions stay where they were; each at a character boundary.
          for (const p of [...new Set(positions.map((p) => boundary(clean, p)))].sort((a, b) => b - a))
            bytes = insert(bytes, p, [bad]);
          const decoded = decodePage(bytes);
          expect(decoded.ok).toBe(true);
          if (decoded.ok) {
            expect(decoded.encoding).toBe('utf-8');
            expect(decoded.text.replace(/\ufffd/gu, '')).toBe(text);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
