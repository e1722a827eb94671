/**
 * Traditional and variant Chinese characters folded to simplified ones, one UTF-16 unit to one,
 * so that folding never moves offsets. The tables come from OpenCC (opencc-js): its Hong Kong and
 * Taiwan to mainland converters, applied character by character. Phrase-level conversion is not
 * wanted here: search needs a canonical form applied identically to text and query, not a
 * translation, and a 1:1 character fold keeps highlight offsets exact.
 */
import * as OpenCC from 'opencc-js';

let table: Uint16Array | null = null;

function isIdeograph(c: number): boolean {
  return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

function buildTable(): Uint16Array {
  const folded = new Uint16Array(0x10000);
  const chars: string[] = [];
  for (let c = 0x3400; c <= 0xfaff; c++) if (isIdeograph(c)) chars.push(String.fromCharCode(c));
  // One call per converter over all characters, separated by newlines so no phrase rule applies.
  const joined = chars.join('\n');
  const viaTw = OpenCC.Converter({ from: 'tw', to: 'cn' })(joined).split('\n');
  const viaHk = OpenCC.Converter({ from: 'hk', to: 'cn' })(viaTw.join('\n')).split('\n');
  if (viaHk.length !== chars.length) throw new Error('opencc changed the number of characters');
  for (let k = 0; k < chars.length; k++) {
    const to = viaHk[k];
    if (to.length === 1 && to !== chars[k] && isIdeograph(to.charCodeAt(0))) {
      folded[chars[k].charCodeAt(0)] = to.charCodeAt(0);
    }
  }
  return folded;
}

/** The simplified form of one UTF-16 unit (itself when it has none). */
export function foldChineseUnit(c: number): number {
  if (c < 0x3400 || c > 0xfaff) return c;
  table ??= buildTable();
  return table[c] || c;
}

/** Folds a whole string character by character (used by tests and callers outside normalize). */
export function foldChinese(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldChineseUnit(text.charCodeAt(i)));
  return out;
}
