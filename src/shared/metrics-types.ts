/** The shape of an extracted figure and the legend of its kinds. */

export type MetricKind =
  | 'count'
  | 'money'
  | 'percent'
  | 'percentage-point'
  | 'growth'
  | 'multiple'
  | 'rank'
  | 'area'
  | 'length'
  | 'volume'
  | 'weight'
  | 'temperature'
  | 'age'
  | 'duration'
  | 'date';

export type Currency = 'CNY' | 'USD' | 'EUR' | 'JPY' | 'HKD' | 'GBP';

/**
 * One figure found in an article.
 *
 * `start`/`end` are UTF-16 offsets into the text it was found in, and `text` is exactly
 * `text.slice(start, end)`. The range covers the figure (number, multiplier, unit, and for growth
 * and rank the verb or scope that gives it meaning), never markdown asterisks; qualifiers found
 * just outside it (超, 近, 约, 达, 以上, 左右 …) are reported in `qualifier` but left out of the
 * range, so `超**4.7万人**` and `超4.7万人` give the same metric.
 *
 * `value` is normalised:
 * - count, money, area, length, volume, weight: multipliers applied (3512.5亿元 → 351250000000,
 *   36万人 → 360000) in `unit`, the base unit as written without multiplier (元, 人, 平方米, 方);
 * - percent, percentage-point: the number of percent or points (15.8 for 15.8%);
 * - growth: signed, negative for a decline (下降3.5% → -3.5), unit `%`, `个百分点` or `倍`;
 * - rank: the place (全市第一 → 1), null for 前列; `unit` is the scope it is ranked in (全市, 全国)
 *   or '' when none is given;
 * - date: a sortable number whose shape `unit` names: 年 → 2023, 年月 → 202308, 年月日 → 19971231,
 *   月日 → 824, 月 → 8, 日 → 24;
 * - ranges (-200°C至1000°C, 2019年至2021年) give the lower bound in `value` and the upper in
 *   `valueTo`; open ranges (2019年至今, 2019年以来) have `valueTo` null.
 */
export interface Metric {
  kind: MetricKind;
  text: string;
  value: number | null;
  /** Upper bound of a range; absent for single figures, null for open ranges (至今). */
  valueTo?: number | null;
  unit: string;
  /** 超, 余, 多, 近, 约, 以上, 左右, 逾, 达 …; several are joined by ','. */
  qualifier: string | null;
  /** The thing measured (国家高新技术企业 for 267家), normalised (half-width), when found nearby. */
  label: string | null;
  start: number;
  end: number;
  currency?: Currency;
  /**
   * What the figure is per when it is a rate (人 for 人均 or 每人, 户 for 户均, 年 for 年均, 亩 for
   * 亩产, 平均 for an unspecified average; several joined by '·'): not comparable with totals.
   */
  per?: string;
  /** The place named at the start of the phrase the label was read from (渝北区, 泰国). */
  place?: string;
  /** True when the figure is about another country: its place, or its report's dateline, is abroad. */
  abroad?: boolean;
}

export interface MetricKindInfo {
  kind: MetricKind;
  /** Legend name in Chinese. */
  zh: string;
  /** Legend name in English. */
  en: string;
}

/** Every kind, in legend order. */
export const METRIC_KINDS: readonly MetricKindInfo[] = [
  { kind: 'count', zh: '数量', en: 'Count' },
  { kind: 'money', zh: '金额', en: 'Money' },
  { kind: 'percent', zh: '百分比', en: 'Percent' },
  { kind: 'percentage-point', zh: '百分点', en: 'Percentage points' },
  { kind: 'growth', zh: '增减', en: 'Growth or decline' },
  { kind: 'multiple', zh: '倍数', en: 'Multiple' },
  { kind: 'rank', zh: '排名', en: 'Rank' },
  { kind: 'area', zh: '面积', en: 'Area' },
  { kind: 'length', zh: '长度', en: 'Length' },
  { kind: 'volume', zh: '体积', en: 'Volume' },
  { kind: 'weight', zh: '重量', en: 'Weight' },
  { kind: 'temperature', zh: '温度', en: 'Temperature' },
  { kind: 'age', zh: '年龄', en: 'Age' },
  { kind: 'duration', zh: '时长', en: 'Duration' },
  { kind: 'date', zh: '日期', en: 'Date' },
];

/** One row of the metric explorer: a figure and the article it was printed in. */
export interface MetricRow {
  articleId: string;
  title: string;
  publication?: string;
  date?: string;
  metric: Metric;
}

/** Quotation marks: a label never holds them, so typed around (or inside) a label they are dropped. */
export const LABEL_QUOTES = /[“”‘’"'「」『』《》〈〉]/gu;

/** One space-separated piece written so that the query syntax cannot read it as syntax. */
function literalPiece(piece: string): string {
  // OR only joins alternatives when written in capitals; case does not matter to matching.
  if (piece === 'OR') return 'or';
  // -x excludes x: a small hyphen-minus (U+FE63) is the same character once normalised (NFKC).
  if (piece.length > 1 && (piece[0] === '-' || piece[0] === '－')) return `\uFE63${piece.slice(1)}`;
  // title:x, from:2020 …: a full-width first letter is no field name, and folds back to ASCII.
  if (/^[A-Za-z]+[:：]/u.test(piece))
    return String.fromCharCode(piece.charCodeAt(0) + 0xfee0) + piece.slice(1);
  return piece;
}

/**
 * What the metric explorer sends for a label the user typed: the same text once normalised as
 * search and label matching normalise it (NFKC, case, traditional = simplified), but with
 * nothing the full-text query syntax would read as an operator, so that an index asked for
 * candidate articles with it matches the text literally. Quotation marks are dropped, pieces
 * stay separated by single spaces (each piece must occur), `OR`, a leading `-` and a leading
 * `field:` become plain text. Returns '' when nothing but quotes and spaces was typed.
 *
 * The service passes the label it is given to the index as a query; this keeps that literal.
 */
export function literalMetricQuery(label: string): string {
  return label
    .replace(LABEL_QUOTES, '')
    .split(/\s+/u)
    .filter((piece) => piece.length > 0)
    .map(literalPiece)
    .join(' ');
}
