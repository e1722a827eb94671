/**
 * Metrics: the figures in an article's text (counts, money, percentages, growth, ranks, areas,
 * weights, temperatures, durations, dates …) with normalised values, qualifiers, the label they
 * measure and their exact range in the text; and searching them by label across the archive.
 *
 * Owns only pure functions over strings: it reads no files, knows nothing about archives, the
 * index or hosts, and must not import electron or other core folders (text/ is left to its own
 * search-oriented normalisation; the folding here keeps offsets one to one).
 */
export { extractMetrics } from './extract';
export {
  inUnit,
  normalizeLabel,
  parseMetricQuery,
  parseUnitTerm,
  searchMetricsByLabel,
  unitSpellings,
  writtenMultiplier,
} from './search';
export type { ArticleMetrics, MetricMatch, MetricQuery, MetricSearchOptions, UnitTerm } from './search';
export { METRIC_KINDS } from './types';
export type { Currency, Metric, MetricKind, MetricKindInfo } from './types';
