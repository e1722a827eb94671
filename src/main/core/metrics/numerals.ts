/** Numbers as newspapers write them: Arabic (with 万/亿 multipliers) and Chinese numerals. */

/** Chinese digits, including the circle forms used for zero in years (二○○三年). */
export const CN_DIGITS = '零〇○一二两三四五六七八九';
const DIGIT_VALUE: Record<string, number> = {
  零: 0,
  〇: 0,
  '○': 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const MULTIPLIER_EXPONENT: Record<string, number> = { 十: 1, 百: 2, 千: 3, 万: 4, 亿: 8 };

/**
 * Regex source of a Chinese numeral: starts with a non-zero digit or 十, so 百家, 千家万户 and
 * 零部件 are not numbers.
 */
export const CN_NUMBER = `[一二两三四五六七八九十][${CN_DIGITS}十百千万亿]*`;

/**
 * Regex source of an Arabic number, with optional thousands separators and decimals; not a piece
 * of a code (C919) or of a slashed list (游211/212次 is a train number).
 */
export const AR_NUMBER = '(?<![0-9A-Za-z./])(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?';

/** True when every character is a bare digit (一九九八), the way years are written. */
export function isDigitString(s: string): boolean {
  for (const ch of s) if (!(ch in DIGIT_VALUE)) return false;
  return s.length > 0;
}

/**
 * Value of a Chinese numeral (两万 → 20000, 三十一 → 31, 一九九八 → 1998), or null when it is not a
 * well-formed one. Bare digit strings longer than one character are only read as digit sequences
 * (years); elsewhere (三五成群) they are not numbers, so callers check `isDigitString` first.
 */
export function parseChineseNumber(s: string): number | null {
  if (s.length === 0) return null;
  if (isDigitString(s)) {
    let n = 0;
    for (const ch of s) n = n * 10 + DIGIT_VALUE[ch];
    return n;
  }
  let total = 0; // completed 亿 sections
  let section = 0; // completed 万 sections below 亿
  let group = 0; // below 万
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGIT_VALUE) {
      if (digit !== null && digit !== 0 && DIGIT_VALUE[ch] !== 0) return null; // 三四 is not a number
      digit = DIGIT_VALUE[ch];
    } else if (ch in SMALL_UNIT) {
      group += (digit ?? 1) * SMALL_UNIT[ch];
      digit = null;
    } else if (ch === '万') {
      section += (group + (digit ?? 0)) * 10_000;
      if (section === 0) section = 10_000;
      group = 0;
      digit = null;
    } else if (ch === '亿') {
      total += (section + group + (digit ?? 0)) * 100_000_000;
      if (total === 0) total = 100_000_000;
      section = 0;
      group = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + group + (digit ?? 0);
}

/** Power of ten of a run of multipliers (万 → 4, 亿 → 8, 千万 → 7, 万亿 → 12). */
export function multiplierExponent(multipliers: string): number {
  let e = 0;
  for (const ch of multipliers) e += MULTIPLIER_EXPONENT[ch] ?? 0;
  return e;
}

/**
 * Value of an Arabic number times 10^exponent, computed in decimal so 4.46亿 is exactly 446000000
 * rather than 446000000.00000006.
 */
export function scaleArabic(s: string, exponent: number): number {
  const plain = s.replace(/,/g, '');
  const dot = plain.indexOf('.');
  const digits = dot < 0 ? plain : plain.slice(0, dot) + plain.slice(dot + 1);
  const fraction = dot < 0 ? 0 : plain.length - dot - 1;
  return Number(`${digits}e${exponent - fraction}`);
}

/** Value of a number written either way, times the multipliers that follow it. */
export function numberValue(num: string, multipliers = ''): number | null {
  const e = multiplierExponent(multipliers);
  if (/^[\d,.]+$/.test(num)) return scaleArabic(num, e);
  const base = parseChineseNumber(num);
  if (base === null) return null;
  if (isDigitString(num) && num.length > 1) return null;
  return Number(`${base}e${e}`);
}
