/** The metrics part of the contract: an article's figures, and figures by label across the archive. */
import { literalMetricQuery, type MetricRow } from '../../shared/metrics-types';
import type { Article } from '../../shared/types';
import { extractMetrics, parseUnitTerm, searchMetricsByLabel, unitSpellings, type Metric } from './metrics';
import { normalize } from './text/normalize';

/**
 * Figures already read, by article id, checked against the text they were read from (the catalog
 * hands out fresh Article objects on every call, and an article's text can change on re-import).
 * Bounded by the characters of text held; the oldest entries go first.
 */
const MAX_CACHED_CHARS = 32_000_000;
const cache = new Map<string, { text: string; metrics: Metric[] }>();
let cachedChars = 0;

/** The figures of one article, extracted once per article text. */
export function metricsOf(article: Article): Metric[] {
  const hit = cache.get(article.id);
  if (hit && hit.text === article.text) {
    cache.delete(article.id); // most recently used last
    cache.set(article.id, hit);
    return hit.metrics;
  }
  if (hit) {
    cache.delete(article.id);
    cachedChars -= hit.text.length;
  }
  const metrics = extractMetrics(article.text);
  if (article.text.length <= MAX_CACHED_CHARS) {
    cache.set(article.id, { text: article.text, metrics });
    cachedChars += article.text.length;
    for (const [id, old] of cache) {
      if (cachedChars <= MAX_CACHED_CHARS) break;
      cache.delete(id);
      cachedChars -= old.text.length;
    }
  }
  return metrics;
}

/**
 * The full-text query that finds every article that can hold a figure the label matches, for
 * the host to ask its index with before exploreMetrics reads the articles. Each label word is
 * literal text (see literalMetricQuery: OR, -x, title:x or quotes typed in the explorer are not
 * search syntax); a unit is any of its printed forms (% OR 百分之, 公斤 OR 千克). Returns '' when
 * the label has nothing to look for.
 *
 * The service asks its index with the label itself today, which literalMetricQuery keeps
 * literal; only figures printed in another form of a typed unit (百分之三十 for %) in an article
 * without the typed form are then missed. Calling this instead closes that gap.
 */
export function metricsCandidateQuery(label: string): string {
  return literalMetricQuery(label)
    .split(' ')
    .filter((piece) => piece.length > 0)
    .map((piece) => {
      const unit = parseUnitTerm(piece);
      return unit ? unitSpellings(unit).map(literalMetricQuery).join(' OR ') : piece;
    })
    .join(' ');
}

/**
 * Every figure whose label contains the words of `label`, or that is in a unit it names (亿元, 家,
 * %), across `candidates` (the articles that contain the label's text at all, found by the index,
 * so that not every article has to be read). The label is text, not a search query; it is
 * compared as search compares text (NFKC, case, traditional = simplified).
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
    { normalize, ...(kinds?.length ? { kinds: kinds as Metric['kind'][] } : {}) },
  );
  return rows.slice(0, limit).map(({ article, metric }) => ({
    articleId: article.articleId,
    title: article.article.title,
    ...(article.article.publication ? { publication: article.article.publication } : {}),
    ...(article.article.date ? { date: article.article.date } : {}),
    metric,
  }));
}
