/** Finding figures across the archive by what they measure, for the metric explorer. */
import type { Metric, MetricKind } from './types';

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
}

/** NFKC, lower case, no whitespace or quotes: 高新技术企业 matches “国家高新技术企业”. */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s“”‘’"'「」『』《》]+/g, '');
}

/**
 * Every metric whose label contains the query once both are normalised (see normalizeLabel),
 * in the order given (articles, then position in the article). Words separated by spaces must
 * all occur. An empty query matches nothing, and metrics without a label never match.
 */
export function searchMetricsByLabel<A extends ArticleMetrics>(
  articlesMetrics: Iterable<A>,
  labelQuery: string,
  options: MetricSearchOptions = {},
): MetricMatch<A>[] {
  const terms = labelQuery
    .normalize('NFKC')
    .split(/\s+/)
    .map(normalizeLabel)
    .filter((t) => t.length > 0);
  if (terms.length === 0) return [];
  const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
  const matches: MetricMatch<A>[] = [];
  for (const article of articlesMetrics) {
    for (const metric of article.metrics) {
      if (metric.label === null || (kinds && !kinds.has(metric.kind))) continue;
      const label = normalizeLabel(metric.label);
      if (terms.every((t) => label.includes(t))) matches.push({ article, metric });
    }
  }
  return matches;
}
