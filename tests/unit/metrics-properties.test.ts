import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractMetrics, METRIC_KINDS } from '../../src/main/core/metrics';

/** Pieces newspaper figures are made of, so random strings often form (or nearly form) figures. */
const PIECES = [
  ...'0123456789０１２３４５６７８９一二两三四五六七八九十百千万亿零〇○',
  ...'.．·,，、；;。%％-－—~至到第全市国区前列余多近约超逾达以上左右',
  ...'家个项人名户台辆条元美元亿元万元平方米公里亩吨公斤斤°C℃年月日号大倍',
  '增长',
  '下降',
  '个百分点',
  '排名',
  '名列',
  '居',
  '**',
  '*',
  '\n',
  '\n\n',
  ' ',
  '“',
  '”',
  '(',
  ')',
  'C919',
  '𠀀',
  '\uD800',
];

const newsy = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  newsy,
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.oneof(newsy, fc.string({ maxLength: 8 })), { maxLength: 6 }).map((p) => p.join('')),
);

const kinds = new Set(METRIC_KINDS.map((k) => k.kind));

describe('extractMetrics properties', () => {
  it('never throws, and every range lies inside the text and reproduces it exactly', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const m of extractMetrics(text)) {
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(m.start, m.end)).toBe(m.text);
          expect(kinds.has(m.kind)).toBe(true);
          if (m.value !== null) expect(Number.isFinite(m.value)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('returns ranges in order that never overlap and never cover bold markers', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let lastEnd = 0;
        for (const m of extractMetrics(text)) {
          expect(m.start).toBeGreaterThanOrEqual(lastEnd);
          expect(m.text).not.toContain('**');
          lastEnd = m.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the same figures in bold as in plain text', () => {
    const figure = fc.constantFrom('506家', '3512.5亿元', '4.7万人', '15.8%', '36万人', '283平方公里');
    fc.assert(
      fc.property(fc.constantFrom('国家高新技术企业', '总量达到', '超', ''), figure, (before, fig) => {
        const plain = extractMetrics(`${before}${fig}。`);
        const bold = extractMetrics(`${before}**${fig}**。`);
        const strip = (ms: typeof plain) => ms.map(({ start: _s, end: _e, ...rest }) => rest);
        expect(strip(bold)).toEqual(strip(plain));
      }),
    );
  });

  it('gives the same figures for full-width and half-width digits', () => {
    const toFull = (s: string) => s.replace(/[0-9.%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99999 }),
        fc.constantFrom('家', '万元', '%', '年', '月'),
        (n, unit) => {
          const half = extractMetrics(`企业${n}${unit}`);
          const full = extractMetrics(toFull(`企业${n}${unit}`));
          const shape = (ms: typeof half) => ms.map((m) => [m.kind, m.value, m.unit, m.start, m.end]);
          expect(shape(full)).toEqual(shape(half));
        },
      ),
    );
  });
});
