/** The metrics part of the contract: an article's figures, and figures by label across the archive. */
import type { MetricRow } from '../../shared/metrics-types';
import type { Article } from '../../shared/types';
import { extractMetrics, searchMetricsByLabel, type Metric } from './metrics';

const cache = new WeakMap<Article, Metric[]>();

/** The figures of one article, extracted once per article text. */
export function metricsOf(article: Article): Metric[] {
  let metrics = cache.get(article);
  if (!metrics) {
    metrics = extractMetrics(article.text);
    cache.set(article, metrics);
  }
  return metrics;
}

/**
 * Every figure whose label contains `label`, across `candidates` (the articles that contain the
 * label's text at all, found by the index, so that not every article has to be read).
 */
export function exploreMetrics(
  candidates: Article[],
  label: string,
  kinds?: string[],
  limit = 5000,
): MetricRow[] {
  const rows = searchMetricsByLabel(
    candidates.map((a) => ({ articleId: a.id, article: a, metrics: metricsOf(a) })),
    label,
    kinds?.length ? { kinds: kinds as Metric['kind'][] } : {},
  );
  return rows.slice(0, limit).map(({ article, metric }) => ({
    articleId: article.articleId,
    title: article.article.title,
    ...(article.article.publication ? { publication: article.article.publication } : {}),
    ...(article.article.date ? { date: article.article.date } : {}),
    metric,
  }));
}
