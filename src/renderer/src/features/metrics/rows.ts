/**
 * Pure helpers of the metric explorer: merging repeated figures, sorting, grouping into chart
 * series, formatting values. No React and no I/O, so they are easy to test and reuse.
 */
import { METRIC_KINDS, type Metric, type MetricKind, type MetricRow } from '../../../../shared/metrics-types';

/** A figure as the explorer shows it: the same figure printed twice in one article is one row. */
export interface ExplorerRow extends MetricRow {
  /** Stable across renders: article and the first occurrence's offsets. */
  key: string;
  /** How often this figure (same text, value, unit and label) occurs in the article. */
  occurrences: number;
  /** Distinct qualifiers of the occurrences, joined by ','. */
  qualifier: string | null;
}

export type SortKey = 'none' | 'value' | 'date';
export type SortOrder = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  order: SortOrder;
}

export type Language = 'zh' | 'en';

/** Same figure in the same article, whatever its position or qualifier (超 and 超过 alike). */
function identity(row: MetricRow): string {
  const m = row.metric;
  return [row.articleId, m.kind, m.text, m.value, m.valueTo, m.unit, m.label ?? '', m.currency ?? ''].join(
    '\u0000',
  );
}

export function mergeRows(rows: readonly MetricRow[]): ExplorerRow[] {
  const byIdentity = new Map<string, ExplorerRow>();
  const out: ExplorerRow[] = [];
  for (const row of rows) {
    const id = identity(row);
    const seen = byIdentity.get(id);
    if (seen) {
      seen.occurrences += 1;
      seen.qualifier = joinQualifiers(seen.qualifier, row.metric.qualifier);
      continue;
    }
    const merged: ExplorerRow = {
      ...row,
      key: `${row.articleId}:${row.metric.start}:${row.metric.end}:${row.metric.kind}`,
      occurrences: 1,
      qualifier: row.metric.qualifier,
    };
    byIdentity.set(id, merged);
    out.push(merged);
  }
  return out;
}

function joinQualifiers(a: string | null, b: string | null): string | null {
  const all = new Set([...(a ?? '').split(','), ...(b ?? '').split(',')].filter(Boolean));
  return all.size ? [...all].join(',') : null;
}

/** Dates as the archive writes them (YYYY, YYYY-MM or YYYY-MM-DD) to a UTC timestamp, else null. */
export function dateTime(date: string | undefined): number | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/u.exec(date ?? '');
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1));
}

/** Sorted copy; rows without a value or date go last whatever the order. */
export function sortRows(rows: readonly ExplorerRow[], sort: Sort): ExplorerRow[] {
  if (sort.key === 'none') return [...rows];
  const pick =
    sort.key === 'value' ? (r: ExplorerRow) => r.metric.value : (r: ExplorerRow) => dateTime(r.date);
  const sign = sort.order === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: pick(row) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) {
        if (a.v === b.v) return a.index - b.index;
        return a.v === null ? 1 : -1;
      }
      return (a.v - b.v) * sign || a.index - b.index;
    })
    .map((x) => x.row);
}

export function kindName(kind: MetricKind | string, language: Language): string {
  const info = METRIC_KINDS.find((k) => k.kind === kind);
  return info ? info[language] : kind;
}

/**
 * Figures that can share one value axis: same kind, unit and currency, the same basis (人均 per
 * person is not comparable with a total, nor with 户均 per household) and the same side of the
 * border (figures about other countries are not plotted with figures about China).
 */
export interface Series {
  id: string;
  kind: MetricKind;
  unit: string;
  currency?: string;
  /** What the figures are per (人, 户, 年 …; see Metric.per), absent for totals. */
  per?: string;
  /** The figures are about another country. */
  abroad?: boolean;
  rows: ExplorerRow[];
}

export function seriesId(m: Pick<Metric, 'kind' | 'unit' | 'currency' | 'per' | 'abroad'>): string {
  return `${m.kind}|${m.unit}|${m.currency ?? ''}|${m.per ?? ''}|${m.abroad ? 'abroad' : ''}`;
}

/** Series largest first (ties in order of first appearance). */
export function groupSeries(rows: readonly ExplorerRow[]): Series[] {
  const byId = new Map<string, Series>();
  for (const row of rows) {
    const id = seriesId(row.metric);
    let series = byId.get(id);
    if (!series) {
      series = {
        id,
        kind: row.metric.kind,
        unit: row.metric.unit,
        ...(row.metric.currency ? { currency: row.metric.currency } : {}),
        ...(row.metric.per ? { per: row.metric.per } : {}),
        ...(row.metric.abroad ? { abroad: true } : {}),
        rows: [],
      };
      byId.set(id, series);
    }
    series.rows.push(row);
  }
  return [...byId.values()].sort((a, b) => b.rows.length - a.rows.length);
}

const PER_NAMES: Record<Language, Record<string, string>> = {
  zh: { 人: '人均', 户: '户均', 年: '年均', 月: '月均', 日: '日均', 亩: '亩均', 平均: '平均' },
  en: {
    人: 'per person',
    户: 'per household',
    年: 'per year',
    月: 'per month',
    日: 'per day',
    亩: 'per mu',
    平均: 'average',
  },
};

/** 人均 for 人, 人均·月均 for 人·月 (每人每月). */
export function perName(per: string, language: Language): string {
  return per
    .split('·')
    .map((p) => PER_NAMES[language][p] ?? (language === 'zh' ? `每${p}` : `per ${p}`))
    .join(language === 'zh' ? '·' : ', ');
}

/**
 * What a group of comparable figures is, for the chart's choice and the table's group column:
 * 金额 · 元 · 人均, Count · 家 · abroad. `noUnit` names an empty unit (a rank without scope).
 */
export function seriesName(
  s: Pick<Series, 'kind' | 'unit' | 'currency' | 'per' | 'abroad'>,
  language: Language,
  noUnit: string,
): string {
  const unit = s.unit ? `${s.unit}${s.currency && s.currency !== 'CNY' ? ` (${s.currency})` : ''}` : noUnit;
  const parts = [kindName(s.kind, language), unit];
  if (s.per) parts.push(perName(s.per, language));
  if (s.abroad) parts.push(language === 'zh' ? '国外' : 'abroad');
  return parts.join(' · ');
}

export function intlLocale(language: Language): string {
  return language === 'en' ? 'en' : 'zh-CN';
}

/** A date-kind value (2023, 202308, 19971231, 824 …) written as a date, following its unit. */
function formatDateValue(value: number, unit: string): string {
  const s = String(Math.trunc(value));
  if (unit === '年月' && s.length === 6) return `${s.slice(0, 4)}-${s.slice(4)}`;
  if (unit === '年月日' && s.length === 8) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`;
  if (unit === '月日' && s.length >= 3) return `${s.slice(0, -2).padStart(2, '0')}-${s.slice(-2)}`;
  return s;
}

export function formatNumber(value: number, kind: MetricKind, unit: string, language: Language): string {
  if (kind === 'date') return formatDateValue(value, unit);
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 6 }).format(value);
}

/** 351250000000 → 3512.5亿 (zh) or 351.25B (en); null when the full number is short enough. */
export function compactNumber(value: number, kind: MetricKind, language: Language): string | null {
  if (kind === 'date' || Math.abs(value) < 10_000) return null;
  return new Intl.NumberFormat(intlLocale(language), {
    notation: 'compact',
    maximumFractionDigits: 2,
  }).format(value);
}

/** The normalised value, with the upper bound of a range (`openEnded` for 至今). */
export function formatValue(m: Metric, language: Language, openEnded: string): string {
  if (m.value === null) return '—';
  const low = formatNumber(m.value, m.kind, m.unit, language);
  if (m.valueTo === undefined) return low;
  if (m.valueTo === null) return `${low}–${openEnded}`;
  return `${low}–${formatNumber(m.valueTo, m.kind, m.unit, language)}`;
}

/** A label fit for a file name on every platform. */
export function fileSafe(text: string): string {
  return (
    [...text]
      .filter((c) => c >= ' ')
      .join('')
      .replace(/[\\/:*?"<>|\s]+/gu, '_')
      .replace(/^[._]+|[._]+$/gu, '')
      .slice(0, 60) || 'metrics'
  );
}
