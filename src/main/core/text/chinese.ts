/**
 * Traditional and variant Chinese characters folded to simplified ones, one UTF-16 unit to one,
 * so that folding never moves offsets. The tables come from OpenCC (opencc-js): its Hong Kong and
 * Taiwan to mainland converters, applied character by character (computed once into
 * fold-table.ts by scripts/fold-table.ts). Phrase-level conversion is not
 * wanted here: search needs a canonical form applied identically to text and query, not a
 * translation, and a 1:1 character fold keeps highlight offsets exact.
 */
import { FOLD_PAIRS } from './fold-table';

let table: Uint16Array | null = null;

/** The fold as a lookup table, from the pairs computed from OpenCC (see fold-table.ts). */
function buildTable(): Uint16Array {
  const folded = new Uint16Array(0x10000);
  for (let k = 0; k + 1 < FOLD_PAIRS.length; k += 2)
    folded[FOLD_PAIRS.charCodeAt(k)] = FOLD_PAIRS.charCodeAt(k + 1);
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
