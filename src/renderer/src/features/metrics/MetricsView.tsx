import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetricKind, MetricRow } from '../../../../shared/metrics-types';
import { literalMetricQuery, METRIC_KINDS } from '../../../../shared/metrics-types';
import { api } from '../../api';
import { download } from '../notes/download';
import { metricsCsv } from './csv';
import './i18n';
import './metrics.css';
import { MetricsChart } from './MetricsChart';
import { MetricsTable } from './MetricsTable';
import { fileSafe, groupSeries, mergeRows, seriesName, sortRows, type Language, type Sort } from './rows';

export const EXPLORE_DELAY_MS = 250;
/** Rows asked of the core at once; beyond this the label is too vague to compare anything. */
const LIMIT = 5000;
const EXAMPLES = ['高新技术企业', '规上工业总产值', '科技型企业'];
const STORE_KEY = 'newsstack-metrics-explorer';

interface Stored {
  label: string;
  kinds: MetricKind[];
  sort: Sort;
  series: string | null;
  /** The table shows only the group the chart plots. */
  onlyCharted: boolean;
}

/** What was typed and chosen, kept for the session: opening an article leaves this view. */
function loadStored(): Stored {
  const fallback: Stored = {
    label: '',
    kinds: [],
    sort: { key: 'none', order: 'desc' },
    series: null,
    onlyCharted: false,
  };
  try {
    const raw = sessionStorage.getItem(STORE_KEY);
    if (!raw) return fallback;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    const known = new Set<string>(METRIC_KINDS.map((k) => k.kind));
    return {
      label: typeof parsed.label === 'string' ? parsed.label.slice(0, 200) : '',
      kinds: Array.isArray(parsed.kinds) ? parsed.kinds.filter((k) => known.has(k)) : [],
      sort:
        parsed.sort && ['none', 'value', 'date'].includes(parsed.sort.key)
          ? { key: parsed.sort.key, order: parsed.sort.order === 'asc' ? 'asc' : 'desc' }
          : fallback.sort,
      series: typeof parsed.series === 'string' ? parsed.series : null,
      onlyCharted: parsed.onlyCharted === true,
    };
  } catch {
    return fallback;
  }
}

interface Result {
  label: string;
  /** The kinds asked of the core, '' for all (then filtered here). */
  kinds: string;
  rows: MetricRow[];
}

/** The metric explorer: every figure about a label across the archive, as a table and a chart. */
export function MetricsView({
  onOpenArticle,
  onError,
  onToast,
}: {
  onOpenArticle: (id: string) => void;
  onError: (error: unknown) => void;
  onToast: (message: string) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language.startsWith('en') ? 'en' : 'zh';
  const [initial] = useState(loadStored);
  const [label, setLabel] = useState(initial.label);
  const [query, setQuery] = useState(initial.label.trim());
  const [kinds, setKinds] = useState<MetricKind[]>(initial.kinds);
  const [sort, setSort] = useState<Sort>(initial.sort);
  const [seriesChoice, setSeriesChoice] = useState<string | null>(initial.series);
  const [onlyCharted, setOnlyCharted] = useState(initial.onlyCharted);
  const [result, setResult] = useState<Result | null>(null);
  const [narrowed, setNarrowed] = useState<Result | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    sessionStorage.setItem(
      STORE_KEY,
      JSON.stringify({ label, kinds, sort, series: seriesChoice, onlyCharted }),
    );
  }, [label, kinds, sort, seriesChoice, onlyCharted]);

  // Typing settles before the core is asked; Enter asks at once.
  useEffect(() => {
    const next = label.trim().slice(0, 200);
    if (next === query) return;
    const timer = window.setTimeout(() => setQuery(next), EXPLORE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [label, query]);

  // The label is text, not a search query: what is sent cannot be read as OR, -x or title:x.
  // Only quotes and spaces typed: nothing to look for.
  const literal = literalMetricQuery(query);
  const nothing = useMemo<Result | null>(
    () => (query && !literal ? { label: query, kinds: '', rows: [] } : null),
    [query, literal],
  );

  useEffect(() => {
    if (!literal) return;
    let live = true;
    api['metrics:explore']({ label: literal, limit: LIMIT }).then(
      (rows) => live && setResult({ label: query, kinds: '', rows }),
      (e: unknown) => {
        if (!live) return;
        setFailed(query);
        onError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [query, literal, attempt, onError]);

  const current = nothing ?? (result && result.label === query ? result : null);
  const truncated = current !== null && current.rows.length >= LIMIT;
  const kindKey = [...kinds].sort().join(',');

  // With more rows than LIMIT, filtering here would miss some: ask the core for just these kinds.
  useEffect(() => {
    if (!truncated || !kindKey || !literal) return;
    let live = true;
    api['metrics:explore']({ label: literal, kinds: kindKey.split(','), limit: LIMIT }).then(
      (rows) => live && setNarrowed({ label: query, kinds: kindKey, rows }),
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [truncated, kindKey, query, literal, onError]);

  const loading = Boolean(query) && !current && failed !== query;
  // While a new label loads, the previous rows stay (dimmed) rather than flashing away.
  const shown = current ?? (loading ? result : null);

  const merged = useMemo(() => mergeRows(shown?.rows ?? []), [shown]);
  const counts = useMemo(() => {
    const map = new Map<MetricKind, number>();
    for (const row of merged) map.set(row.metric.kind, (map.get(row.metric.kind) ?? 0) + 1);
    return map;
  }, [merged]);
  const narrowedRows = useMemo(
    () =>
      narrowed && narrowed.label === shown?.label && narrowed.kinds === kindKey
        ? mergeRows(narrowed.rows)
        : null,
    [narrowed, shown, kindKey],
  );
  const filtered = useMemo(() => {
    if (!kinds.length) return merged;
    if (truncated && narrowedRows) return narrowedRows;
    const wanted = new Set(kinds);
    return merged.filter((r) => wanted.has(r.metric.kind));
  }, [merged, kinds, truncated, narrowedRows]);
  const sorted = useMemo(() => sortRows(filtered, sort), [filtered, sort]);
  const series = useMemo(() => groupSeries(sorted), [sorted]);
  const chosen = series.find((s) => s.id === seriesChoice) ?? series[0];
  const articleCount = useMemo(() => new Set(sorted.map((r) => r.articleId)).size, [sorted]);
  const noUnit = t('metricsView.noUnit');
  const groupOf = useCallback(
    (m: MetricRow['metric']) => seriesName(m, language, noUnit),
    [language, noUnit],
  );
  // The table shows every figure with its group, or only the group the chart plots.
  const tableRows = useMemo(
    () => (onlyCharted && chosen && series.length > 1 ? chosen.rows : sorted),
    [onlyCharted, chosen, series.length, sorted],
  );

  const ask = (next: string): void => {
    setLabel(next);
    setQuery(next.trim().slice(0, 200));
    input.current?.focus();
  };

  const toggleKind = (kind: MetricKind): void =>
    setKinds((ks) => (ks.includes(kind) ? ks.filter((k) => k !== kind) : [...ks, kind]));

  const retry = (): void => {
    setFailed(null);
    setAttempt((a) => a + 1);
  };

  const exportCsv = useCallback(() => {
    if (!shown) return;
    const csv = metricsCsv(tableRows, language, (column) => t(`metricsView.${column}`), groupOf);
    const name = `${t('metricsView.filePrefix')}-${fileSafe(shown.label)}.csv`;
    download(name, csv, 'text/csv;charset=utf-8');
    onToast(t('metricsView.exported', { count: tableRows.length, name }));
  }, [shown, tableRows, language, t, onToast, groupOf]);

  const chipKinds = METRIC_KINDS.filter((k) => counts.has(k.kind) || kinds.includes(k.kind));

  let body: ReactNode;
  if (!query) {
    body = (
      <div className="empty-state metrics-empty" data-testid="metrics-status">
        <h3>{t('metricsView.emptyTitle')}</h3>
        <p>{t('metricsView.emptyHint')}</p>
        <Examples onPick={ask} />
      </div>
    );
  } else if (!shown && failed === query) {
    body = (
      <div className="empty-state metrics-empty" role="alert" data-testid="metrics-status">
        <p>{t('metricsView.failed')}</p>
        <button type="button" onClick={retry}>
          {t('metricsView.retry')}
        </button>
      </div>
    );
  } else if (!shown) {
    body = (
      <p className="status" role="status" aria-busy="true" data-testid="metrics-status">
        {t('metricsView.searching')}
      </p>
    );
  } else if (merged.length === 0) {
    body = (
      <div className="empty-state metrics-empty" role="status" data-testid="metrics-status">
        <h3>{loading ? t('metricsView.searching') : t('metricsView.none', { label: shown.label })}</h3>
        <p>{t('metricsView.noneHint')}</p>
        <Examples onPick={ask} />
      </div>
    );
  } else {
    const hidden = merged.length - filtered.length;
    body = (
      <div className={loading ? 'metrics-results stale' : 'metrics-results'} aria-busy={loading}>
        <div className="metrics-bar">
          <p className="status" role="status" data-testid="metrics-status">
            {loading
              ? t('metricsView.searching')
              : kinds.length && !truncated
                ? t('metricsView.statusFiltered', {
                    label: shown.label,
                    count: sorted.length,
                    total: merged.length,
                    articles: articleCount,
                  })
                : t('metricsView.status', {
                    label: shown.label,
                    count: sorted.length,
                    articles: articleCount,
                  })}
          </p>
          <button
            type="button"
            className="primary"
            onClick={exportCsv}
            disabled={sorted.length === 0}
            title={t('metricsView.exportHint')}
            data-testid="metrics-export"
          >
            {t('metricsView.export')}
          </button>
        </div>
        {truncated && <p className="warning">{t('metricsView.truncated', { limit: LIMIT })}</p>}
        {sorted.length === 0 ? (
          <div className="empty-state metrics-empty">
            <p>{t('metricsView.hiddenByKinds', { count: hidden })}</p>
            <button type="button" onClick={() => setKinds([])}>
              {t('metricsView.clearKinds')}
            </button>
          </div>
        ) : (
          <>
            <section className="metrics-chart-section" aria-labelledby="metrics-chart-title">
              <div className="metrics-chart-head">
                <h3 id="metrics-chart-title">{t('metricsView.chart')}</h3>
                {series.length > 1 && chosen && (
                  <label>
                    {t('metricsView.series')}
                    <select
                      value={chosen.id}
                      onChange={(e) => setSeriesChoice(e.target.value)}
                      data-testid="metrics-series"
                    >
                      {series.map((s) => (
                        <option key={s.id} value={s.id}>
                          {t('metricsView.seriesOption', {
                            name: seriesName(s, language, noUnit),
                            count: s.rows.length,
                          })}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </div>
              {series.length > 1 && (
                <p className="metrics-groups-hint" data-testid="metrics-groups-hint">
                  {t('metricsView.groupsHint', { count: series.length })}
                </p>
              )}
              {chosen && <MetricsChart series={chosen} label={shown.label} onOpenArticle={onOpenArticle} />}
            </section>
            {series.length > 1 && chosen && (
              <label className="metrics-only-charted">
                <input
                  type="checkbox"
                  checked={onlyCharted}
                  onChange={(e) => setOnlyCharted(e.target.checked)}
                />
                {t('metricsView.onlyCharted', {
                  name: seriesName(chosen, language, noUnit),
                  count: chosen.rows.length,
                })}
              </label>
            )}
            <MetricsTable
              key={`${shown.label}|${kindKey}|${sort.key}|${sort.order}|${onlyCharted ? (chosen?.id ?? '') : ''}`}
              rows={tableRows}
              label={shown.label}
              sort={sort}
              onSort={setSort}
              onOpenArticle={onOpenArticle}
              groupOf={groupOf}
              charted={series.length > 1 ? (chosen?.id ?? null) : null}
            />
          </>
        )}
      </div>
    );
  }

  return (
    <section className="metrics-view" aria-labelledby="metrics-title" data-testid="metrics-view">
      <h2 id="metrics-title">{t('metricsView.title')}</h2>
      <p className="metrics-intro">{t('metricsView.intro')}</p>
      <form
        className="metrics-query"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(label.trim().slice(0, 200));
        }}
      >
        <label htmlFor="metrics-label">{t('metricsView.label')}</label>
        <input
          id="metrics-label"
          ref={input}
          type="search"
          value={label}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('metricsView.placeholder')}
          onChange={(e) => setLabel(e.target.value)}
        />
      </form>
      {chipKinds.length > 0 && (
        <div className="metrics-kinds" role="group" aria-label={t('metricsView.kinds')}>
          <button
            type="button"
            className="metrics-chip"
            aria-pressed={kinds.length === 0}
            onClick={() => setKinds([])}
          >
            {t('metricsView.clearKinds')}
          </button>
          {chipKinds.map((k) => (
            <button
              key={k.kind}
              type="button"
              className="metrics-chip"
              aria-pressed={kinds.includes(k.kind)}
              onClick={() => toggleKind(k.kind)}
              data-kind={k.kind}
            >
              {t('metricsView.kindCount', { name: k[language], count: counts.get(k.kind) ?? 0 })}
            </button>
          ))}
        </div>
      )}
      {body}
    </section>
  );
}

function Examples({ onPick }: { onPick: (label: string) => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <p className="metrics-examples">
      <span>{t('metricsView.examples')}</span>
      {EXAMPLES.map((example) => (
        <button key={example} type="button" className="metrics-chip" onClick={() => onPick(example)}>
          {example}
        </button>
      ))}
    </p>
  );
}
