import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldChinese } from '../../src/main/core/text/chinese';
import { FOLD_PAIRS } from '../../src/main/core/text/fold-table';
import { foldPairsFromOpenCC } from '../../src/main/core/text/opencc-table';
import { findAll, normalize, normalizeWithMap, toOriginalRange } from '../../src/main/core/text/normalize';

describe('normalize', () => {
  it('makes full- and half-width forms, case and line breaks compare equal', () => {
    expect(normalize('ＰＴＦＥ空气净化膜')).toBe('ptfe空气净化膜');
    expect(normalize('１９９８年')).toBe('1998年');
    expect(normalize('中等职业学\n\n校6所')).toBe('中等职业学校6所');
    expect(normalize('C919 大飞机')).toBe('c919大飞机');
  });

  it('maps every normalised character back to the original text', () => {
    const original = '北碚有西南大学、中等职业学\n\n校６所，ＰＴＦＥ';
    const map = normalizeWithMap(original);
    const at = map.text.indexOf('职业学校');
    const [s, e] = toOriginalRange(map, at, at + 4, original);
    expect(original.slice(s, e)).toBe('职业学\n\n校');
    const p = map.text.indexOf('ptfe');
    const [ps, pe] = toOriginalRange(map, p, p + 4, original);
    expect(original.slice(ps, pe)).toBe('ＰＴＦＥ');
  });

  it('property: the map has one origin per unit and the mapped range normalises to the match', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.nat(), fc.nat(), (text, a, b) => {
        const map = normalizeWithMap(text);
        expect(map.text).toBe(normalize(text));
        expect(map.origin.length).toBe(map.text.length);
        if (map.text.length === 0) return;
        const start = a % map.text.length;
        const end = start + 1 + (b % (map.text.length - start));
        const [s, e] = toOriginalRange(map, start, end, text);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(text.length);
        expect(normalize(text.slice(s, e))).toContain(map.text.slice(start + 1, end - 1));
      }),
    );
  });

  it('findAll returns non-overlapping starts', () => {
    expect(findAll('双减双减双', '双减')).toEqual([0, 2]);
    expect(findAll('abc', '')).toEqual([]);
  });

  it('folds traditional to simplified exactly as OpenCC does (the generated table is current)', () => {
    const pairs = foldPairsFromOpenCC();
    expect(pairs.length).toBeGreaterThan(3000);
    expect(pairs.map(([from, to]) => String.fromCharCode(from, to)).join('')).toBe(FOLD_PAIRS);
    expect(foldChinese('國際經濟與臺灣')).toBe('国际经济与台湾');
  });
});
