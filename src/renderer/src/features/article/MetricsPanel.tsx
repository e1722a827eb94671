import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { METRIC_KINDS, type Metric, type MetricKind } from '../../../../shared/metrics-types';
import { api } from '../../api';
import type { Layer } from '../../components/RichText';

export interface ArticleMetrics {
  metrics: Metric[];
  enabled: Set<MetricKind>;
  toggle: (kind: MetricKind) => void;
  layers: Layer[];
}

/** What a figure means, in words: its label and normalised value. */
export function describeMetric(m: Metric): string {
  // A date's value is only a sort key (20230825): the printed date says it better.
  if (m.kind === 'date') return [m.label, m.text].filter(Boolean).join(': ');
  const value =
    m.value === null ? '' : `${m.value.toLocaleString()}${m.valueTo ? `–${m.valueTo.toLocaleString()}` : ''}`;
  return [m.label, [m.qualifier, value, m.unit, m.currency].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(': ');
}

/** The figures of an article, which kinds are shown, and their highlight layers. */
export function useArticleMetrics(articleId: string, onError: (e: unknown) => void): ArticleMetrics {
  const [metrics, setMetrics] = useState<Metric[]>([]);
  const [hidden, setHidden] = useState<Set<MetricKind>>(new Set());
  useEffect(() => {
    let live = true;
    api['metrics:article']({ id: articleId }).then(
      (m) => live && setMetrics(m),
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [articleId, onError]);
  const enabled = useMemo(
    () => new Set(METRIC_KINDS.map((k) => k.kind).filter((k) => !hidden.has(k))),
    [hidden],
  );
  const layers = useMemo(
    () =>
      metrics
        .map((m, i) => ({ m, i }))
        .filter(({ m }) => enabled.has(m.kind))
        .map(({ m, i }) => ({
          start: m.start,
          end: m.end,
          className: `metric metric-${m.kind}`,
          data: { metric: i },
          title: describeMetric(m),
        })),
    [metrics, enabled],
  );
  const toggle = (kind: MetricKind): void =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  return { metrics, enabled, toggle, layers };
}

/** Legend with a toggle per kind present, and the list of figures (click to find it in the text). */
export function MetricsPanel({
  state,
  onJump,
}: {
  state: ArticleMetrics;
  onJump: (index: number) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const present = METRIC_KINDS.filter((k) => state.metrics.some((m) => m.kind === k.kind));
  if (state.metrics.length === 0) return null;
  return (
    <section className="metrics-panel" aria-label={t('metrics.panel')} data-testid="metrics-panel">
      <h2>{t('metrics.title', { count: state.metrics.length })}</h2>
      <div className="legend" role="group" aria-label={t('metrics.legend')}>
        {present.map((k) => (
          <button
            key={k.kind}
            type="button"
            className={`chip metric-chip metric-${k.kind}`}
            aria-pressed={state.enabled.has(k.kind)}
            onClick={() => state.toggle(k.kind)}
          >
            {zh ? k.zh : k.en}
          </button>
        ))}
      </div>
      <ol className="metric-list">
        {state.metrics.map((m, i) =>
          state.enabled.has(m.kind) ? (
            <li key={`${m.start}-${m.end}`}>
              <button
                type="button"
                className={`metric-item metric-${m.kind}`}
                onClick={() => onJump(i)}
                title={describeMetric(m)}
              >
                <span className="figure">{m.text}</span>
                <span className="what">{describeMetric(m)}</span>
              </button>
            </li>
          ) : null,
        )}
      </ol>
    </section>
  );
}
