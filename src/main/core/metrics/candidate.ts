/** What every pattern produces, and the pieces of regex and number reading they share. */
import { AR_NUMBER, CN_NUMBER, isDigitString, numberValue, parseChineseNumber } from './numerals';
import type { Currency, MetricKind } from './types';

export interface Candidate {
  kind: MetricKind;
  start: number;
  end: number;
  value: number | null;
  valueTo?: number | null;
  unit: string;
  /** Qualifiers written inside the range (20余家, 10%以上 is outside and found later). */
  qualifiers: string[];
  currency?: Currency;
  /** Wins ties between candidates of the same length: rank > growth > date > plain figure. */
  priority: number;
  /** The label follows the figure (三大产品板块, 288家市级科技型企业). */
  labelAfter?: boolean;
  /** The label, when the pattern itself names it (23万农民). */
  label?: string;
}

export const NUM = `(?:${AR_NUMBER}|${CN_NUMBER})`;
export const MULT = '[十百千万亿]{1,3}';
export const SIGN = '(?<![0-9A-Za-z.%])-|零下';
export const CONNECTOR = '至|到|-|—|–|~';

/** Prefixes that make a four-digit 年 a duration (近2000年, 长达1000年), not a year. */
const DURATION_PREFIX = /(?:近|多|逾|超|约|达|历时|历经|连续)$/;

export function readNumber(s: string): number | null {
  if (isDigitString(s) && s.length === 4) return parseChineseNumber(s);
  return numberValue(s);
}

export function isYearLike(text: string, at: number, num: string): boolean {
  let n: number | null = null;
  if (/^\d{4}$/.test(num)) n = Number(num);
  else if (num.length === 4 && isDigitString(num)) n = parseChineseNumber(num);
  if (n === null || n < 1000 || n > 2199) return false;
  return !DURATION_PREFIX.test(text.slice(Math.max(0, at - 2), at));
}
