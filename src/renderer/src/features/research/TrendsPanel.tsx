import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrendGranularity, TrendPoint } from '../../../../shared/search-types';
import { api } from '../../api';
import { download } from '../notes/download';
import { fileName, trendsCsv, type TrendRow } from './csv';
import { TrendsChart, type ChartSeries, type TrendsChartHandle } from './TrendsChart';

const MAX_QUERIES = 5;
type Measure = 'occurrences' | 'perMillionCharacters' | 'perHundredArticles';
const MEASURES: { value: Measure; key: string }[] = [
  { value: 'occurrences', key: 'measureOccurrences' },
  { value: 'perMillionCharacters', key: 'measurePerMillion' },
  { value: 'perHundredArticles', key: 'measurePerHundred' },
];
const GRANULARITIES: { value: TrendGranularity; key: string }[] = [
  { value: 'year', key: 'byYear' },
  { value: 'month', key: 'byMonth' },
  { value: 'day', key: 'byDay' },
];

interface Result {
  by: TrendGranularity;
  series: { query: string; points: TrendPoint[] }[];
}

/** The search for one query in one period (`from:2024 to:2024`); undated periods cannot be filtered. */
export function periodQuery(query: string, period: string): string {
  return period ? `${query.trim()} from:${period} to:${period}` : query.trim();
}

export function TrendsPanel({
  onRunSearch,
  onError,
  onToast,
}: {
  onRunSearch: (query: string) => void;
  onError: (e: unknown) => void;
  onToast: (message: string) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const [queries, setQueries] = useState<string[]>(['']);
  const [by, setBy] = useState<TrendGranularity>('year');
  const [measure, setMeasure] = useState<Measure>('occurrences');
  const [result, setResult] = useState<Result | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const chart = useRef<TrendsChartHandle>(null);
  const request = useRef(0);

  const run = (granularity: TrendGranularity): void => {
    const list = queries.map((q) => q.trim()).filter(Boolean);
    if (list.length === 0) return;
    const id = ++request.current;
    setLoading(true);
    setFailed(false);
    api['search:trends']({ queries: list, by: granularity }).then(
      (r) => {
        if (id !== request.current) return;
        setResult(r);
        setLoading(false);
      },
      (e: unknown) => {
        if (id !== request.current) return;
        setLoading(false);
        setFailed(true);
        onError(e);
      },
    );
  };

  const number = useMemo(
    () =>
      new Intl.NumberFormat(i18n.language.startsWith('en') ? 'en' : 'zh-CN', { maximumFractionDigits: 2 }),
    [i18n.language],
  );
  const format = useCallback((v: number) => number.format(v), [number]);

  // Periods in order, undated last.
  const periods = useMemo(() => {
    if (!result) return [];
    const all = new Set(result.series.flatMap((s) => s.points.map((p) => p.period)));
    const dated = [...all].filter(Boolean).sort();
    return all.has('') ? [...dated, ''] : dated;
  }, [result]);
  const labels = useMemo(() => periods.map((p) => p || t('research.undated')), [periods, t]);
  const chartSeries = useMemo<ChartSeries[]>(
    () =>
      (result?.series ?? []).map((s) => {
        const byPeriod = new Map(s.points.map((p) => [p.period, p]));
        return { query: s.query, values: periods.map((p) => byPeriod.get(p)?.[measure] ?? 0) };
      }),
    [result, periods, measure],
  );
  const rows = useMemo<TrendRow[]>(() => {
    if (!result) return [];
    const out: TrendRow[] = [];
    for (const period of periods) {
      for (const s of result.series) {
        const point = s.points.find((p) => p.period === period);
        if (point) out.push({ period, query: s.query, point });
      }
    }
    return out;
  }, [result, periods]);

  const measureName = t(`research.${MEASURES.find((m) => m.value === measure)?.key ?? 'measureOccurrences'}`);
  const byName = t(`research.${GRANULARITIES.find((g) => g.value === (result?.by ?? by))?.key ?? 'byYear'}`);
  const summary = t('research.chartSummary', {
    measure: measureName,
    by: byName,
    series: chartSeries
      .map((s) => {
        const top = s.values.reduce<number>((best, v, k) => ((v ?? 0) > (s.values[best] ?? 0) ? k : best), 0);
        return t('research.chartSeries', {
          query: s.query,
          max: format(s.values[top] ?? 0),
          period: labels[top] ?? '',
        });
      })
      .join(t('research.listSeparator')),
  });

  const onPick = useCallback(
    (seriesIndex: number, periodIndex: number) => {
      const s = result?.series[seriesIndex];
      const period = periods[periodIndex];
      const point = s?.points.find((p) => p.period === period);
      if (s && period !== undefined && point && point.occurrences > 0)
        onRunSearch(periodQuery(s.query, period));
    },
    [result, periods, onRunSearch],
  );

  const baseName = [
    t('research.filePrefix'),
    t('research.fileTrends'),
    ...(result?.series.map((s) => s.query) ?? []),
  ];
  const exportCsv = (): void => {
    const name = fileName(baseName, 'csv');
    download(
      name,
      trendsCsv(rows, (c) => t(`research.${c}`), t('research.undated')),
      'text/csv;charset=utf-8',
    );
    onToast(t('research.exported', { name }));
  };
  const exportPng = (): void => {
    const url = chart.current?.toPng();
    if (!url) return;
    const name = fileName(baseName, 'png');
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    onToast(t('research.exported', { name }));
  };

  const hasHits = rows.some((r) => r.point.occurrences > 0);
  return (
    <div className="research-trends">
      <form
        className="research-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(by);
        }}
      >
        <div className="research-queries">
          {queries.map((q, i) => (
            <div className="research-query" key={i}>
              <span className="research-swatch" data-series={i + 1} aria-hidden="true" />
              <input
                type="search"
                value={q}
                aria-label={t('research.queryN', { n: i + 1 })}
                placeholder={t('research.queryN', { n: i + 1 })}
                maxLength={500}
                autoFocus={i === queries.length - 1 && i > 0}
                onChange={(e) => setQueries((list) => list.map((x, j) => (j === i ? e.target.value : x)))}
              />
              {queries.length > 1 && (
                <button
                  type="button"
                  className="research-remove"
                  aria-label={t('research.removeQuery', { n: i + 1 })}
                  title={t('research.removeQuery', { n: i + 1 })}
                  onClick={() => setQueries((list) => list.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="research-add"
            disabled={queries.length >= MAX_QUERIES}
            title={queries.length >= MAX_QUERIES ? t('research.maxQueries') : undefined}
            onClick={() => setQueries((list) => [...list, ''])}
          >
            + {t('research.addQuery')}
          </button>
        </div>
        <div className="research-controls">
          <label>
            {t('research.by')}
            <select
              value={by}
              onChange={(e) => {
                const next = e.target.value as TrendGranularity;
                setBy(next);
                if (result) run(next);
              }}
            >
              {GRANULARITIES.map((g) => (
                <option key={g.value} value={g.value}>
                  {t(`research.${g.key}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('research.measure')}
            <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
              {MEASURES.map((m) => (
                <option key={m.value} value={m.value}>
                  {t(`research.${m.key}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="research-primary">
            {t('research.show')}
          </button>
        </div>
      </form>

      <p className="research-status" role="status" data-testid="trends-status">
        {loading
          ? t('research.loading')
          : failed
            ? t('research.failed')
            : result
              ? hasHits
                ? t('research.trendsStatus', { count: result.series.length, periods: periods.length })
                : t('research.noHits')
              : t('research.trendsEmpty')}
      </p>

      {result && hasHits && (
        <>
          <figure className="research-chart" data-testid="trends-chart">
            <TrendsChart
              ref={chart}
              labels={labels}
              series={chartSeries}
              summary={summary}
              format={format}
              onPick={onPick}
            />
            <figcaption>
              <span aria-hidden="true">{summary}</span>
              <span>{t('research.chartHint')}</span>
              {periods.includes('') && <span>{t('research.undatedNote')}</span>}
            </figcaption>
          </figure>
          <div className="research-actions">
            <button type="button" onClick={exportCsv}>
              {t('research.exportCsv')}
            </button>
            <button type="button" onClick={exportPng}>
              {t('research.exportPng')}
            </button>
          </div>
          <div className="research-table-wrap">
            <table className="research-table" data-testid="trends-table">
              <caption>{t('research.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('research.colPeriod')}</th>
                  <th scope="col">{t('research.colQuery')}</th>
                  {(['occurrences', 'articles', 'perMillionCharacters', 'perHundredArticles'] as const).map(
                    (c) => (
                      <th key={c} scope="col" className={`num${c === measure ? ' research-measured' : ''}`}>
                        {t(
                          `research.${{ occurrences: 'colOccurrences', articles: 'colArticles', perMillionCharacters: 'colPerMillion', perHundredArticles: 'colPerHundred' }[c]}`,
                        )}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const index = result.series.findIndex((s) => s.query === r.query);
                  const periodLabel = r.period || t('research.undated');
                  return (
                    <tr key={`${r.period}\u0000${r.query}`} data-testid="trends-row">
                      <td>
                        {r.point.occurrences > 0 ? (
                          <button
                            type="button"
                            className="research-link"
                            title={
                              r.period
                                ? t('research.searchPeriod', { query: r.query, period: r.period })
                                : t('research.searchUndated', { query: r.query })
                            }
                            onClick={() => onRunSearch(periodQuery(r.query, r.period))}
                          >
                            {periodLabel}
                          </button>
                        ) : (
                          periodLabel
                        )}
                      </td>
                      <td>
                        <span className="research-swatch" data-series={index + 1} aria-hidden="true" />
                        {r.query}
                      </td>
                      {(
                        ['occurrences', 'articles', 'perMillionCharacters', 'perHundredArticles'] as const
                      ).map((c) => (
                        <td key={c} className={`num${c === measure ? ' research-measured' : ''}`}>
                          {format(r.point[c])}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
