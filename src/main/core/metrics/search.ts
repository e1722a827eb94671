/**
 * Finding figures across the archive by what they measure and by their unit, for the metric
 * explorer. The query is plain text, never the full-text query syntax: `OR`, `-x`, `title:x` are
 * words like any other, and quotation marks are dropped.
 */
import { LABEL_QUOTES } from '../../../shared/metrics-types';
import { SCOPE } from './phrases';
import type { Currency, Metric, MetricKind } from './types';
import { UNIT_PATTERN, unitInfo, writtenForms } from './units';

export interface ArticleMetrics {
  articleId: string;
  metrics: readonly Metric[];
}

export interface MetricMatch<A extends ArticleMetrics = ArticleMetrics> {
  article: A;
  metric: Metric;
}

export interface MetricSearchOptions {
  /** Only these kinds (all when absent or empty). */
  kinds?: readonly MetricKind[];
  /**
   * How the query and the labels are compared: both go through it. normalizeLabel by default; the
   * host passes the search index's own normaliser so that traditional and simplified characters
   * match here as they do in search.
   */
  normalize?: (text: string) => string;
}

/** NFKC, lower case, no whitespace or quotes: 高新技术企业 matches “国家高新技术企业”. */
export function normalizeLabel(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, '').replace(LABEL_QUOTES, '');
}

/** A piece of the query that names a unit (亿元, 家, %, 万吨, 个百分点) or a rank's scope (全市). */
export interface UnitTerm {
  /** As typed (NFKC). */
  written: string;
  /** The base unit the figures are reported in (元 for 亿元, 吨 for 万吨, 全市 for a scope). */
  unit: string;
  /** Multipliers typed before the unit (亿 in 亿元), '' when none: figures must be written so. */
  multiplier: string;
  currency?: Currency;
  /** A rank's scope rather than a unit. */
  scope?: boolean;
}

export interface MetricQuery {
  /** Normalised pieces every label must contain. */
  labels: string[];
  /** Units, any of which a figure must be in (a figure has one unit, so they are alternatives). */
  units: UnitTerm[];
}

const MULTIPLIER = /^[十百千万亿]{1,3}/u;
const SCOPE_ONLY = new RegExp(`^${SCOPE}$`);

/** The unit a piece names, or null when it is a word of a label. */
export function parseUnitTerm(piece: string): UnitTerm | null {
  const written = piece.normalize('NFKC');
  if (SCOPE_ONLY.test(written)) return { written, unit: written, multiplier: '', scope: true };
  // The longest unit wins: 千米 is kilometres, not thousand metres; 百分点 is not 百 + 分点.
  const most = MULTIPLIER.exec(written)?.[0].length ?? 0;
  for (let m = 0; m <= most; m++) {
    const info = unitInfo(written.slice(m));
    if (!info || info.qualifier) continue;
    return {
      written,
      unit: info.unit,
      multiplier: written.slice(0, m),
      ...(info.currency ? { currency: info.currency } : {}),
    };
  }
  return null;
}

/** Splits the query at spaces; pieces that name a unit are units, the rest label words. */
export function parseMetricQuery(
  query: string,
  normalize: (text: string) => string = normalizeLabel,
): MetricQuery {
  const out: MetricQuery = { labels: [], units: [] };
  for (const piece of query.normalize('NFKC').replace(LABEL_QUOTES, '').split(/\s+/u)) {
    if (!piece) continue;
    const unit = parseUnitTerm(piece);
    if (unit) out.units.push(unit);
    else {
      const text = normalize(piece);
      if (text) out.labels.push(text);
    }
  }
  return out;
}

/**
 * How figures in a unit can be printed, as text an index can look for: 亿元 is printed 亿元, 亿余元,
 * 亿多元 or 亿人民币; % also 百分之; ℃ also 摄氏度. Forms that hold a shorter one are left out.
 */
export function unitSpellings(term: UnitTerm): string[] {
  if (term.scope) return [term.written];
  const forms = writtenForms(term.unit, term.currency);
  if (term.unit === '%') forms.push('百分之');
  const all = forms.flatMap((f) =>
    term.multiplier
      ? [`${term.multiplier}${f}`, `${term.multiplier}余${f}`, `${term.multiplier}多${f}`]
      : [f],
  );
  const folded = [...new Set(all.map((f) => f.normalize('NFKC').toLowerCase()))].sort(
    (a, b) => a.length - b.length,
  );
  return folded.filter((f, i) => !folded.slice(0, i).some((shorter) => f.includes(shorter)));
}

const WRITTEN_MULTIPLIER = new RegExp(`([十百千万亿]*)(?:${UNIT_PATTERN})?$`);

/**
 * The multipliers a figure is written with: 亿 in 3512.5亿元, 万 in 5000万余元 and in 23万 (农民),
 * '' in 267家.
 */
export function writtenMultiplier(text: string): string {
  const plain = text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[余多几数]/gu, '');
  return WRITTEN_MULTIPLIER.exec(plain)?.[1] ?? '';
}

/** True when the figure is in the unit (dates are in none; ranks are in their scope). */
export function inUnit(metric: Metric, term: UnitTerm): boolean {
  if (metric.kind === 'date') return false;
  if (term.scope) return metric.kind === 'rank' && metric.unit === term.unit;
  if (metric.kind === 'rank' || metric.unit !== term.unit) return false;
  if (term.currency && metric.currency !== term.currency) return false;
  return term.multiplier === '' || writtenMultiplier(metric.text).endsWith(term.multiplier);
}

/**
 * Every metric that matches the query, in the order given (articles, then position in the
 * article). The query is text, split at spaces: a piece naming a unit (亿元, 家, %, 万吨) keeps
 * figures in that unit (written with that multiplier when one is typed), any other piece must
 * occur in the figure's label once both are normalised (see MetricSearchOptions.normalize).
 * With label words, figures without a label never match; with units only, every figure in those
 * units does. An empty query matches nothing.
 */
export function searchMetricsByLabel<A extends ArticleMetrics>(
  articlesMetrics: Iterable<A>,
  labelQuery: string,
  options: MetricSearchOptions = {},
): MetricMatch<A>[] {
  const normalize = options.normalize ?? normalizeLabel;
  const { labels, units } = parseMetricQuery(labelQuery, normalize);
  if (labels.length === 0 && units.length === 0) return [];
  const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
  const matches: MetricMatch<A>[] = [];
  for (const article of articlesMetrics) {
    for (const metric of article.metrics) {
      if (kinds && !kinds.has(metric.kind)) continue;
      if (units.length > 0 && !units.some((u) => inUnit(metric, u))) continue;
      if (labels.length > 0) {
        if (metric.label === null) continue;
        const label = normalize(metric.label);
        if (!labels.every((t) => label.includes(t))) continue;
      }
      matches.push({ article, metric });
    }
  }
  return matches;
}
