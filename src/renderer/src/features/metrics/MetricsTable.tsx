import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Metric } from '../../../../shared/metrics-types';
import {
  compactNumber,
  formatValue,
  kindName,
  seriesId,
  type ExplorerRow,
  type Language,
  type Sort,
  type SortKey,
} from './rows';

/** Rows drawn at first and per "show more"; thousands of table rows make typing sluggish. */
export const PAGE_ROWS = 200;

/** Clicking a sortable header cycles: largest/newest first, then smallest/oldest, then archive order. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, order: 'desc' };
  if (current.order === 'desc') return { key, order: 'asc' };
  return { key: 'none', order: 'desc' };
}

function SortHeader({
  column,
  sortKey,
  sort,
  onSort,
}: {
  column: string;
  sortKey: SortKey;
  sort: Sort;
  onSort: (sort: Sort) => void;
}): ReactNode {
  const { t } = useTranslation();
  const active = sort.key === sortKey;
  const order = active ? sort.order : null;
  const spoken =
    order === null
      ? ''
      : sortKey === 'date'
        ? t(order === 'asc' ? 'metricsView.sortedDateAsc' : 'metricsView.sortedDateDesc')
        : t(order === 'asc' ? 'metricsView.sortedAsc' : 'metricsView.sortedDesc');
  return (
    <th scope="col" aria-sort={order === null ? 'none' : order === 'asc' ? 'ascending' : 'descending'}>
      <button
        type="button"
        className="metrics-sort"
        title={t('metricsView.sortBy', { column })}
        onClick={() => onSort(nextSort(sort, sortKey))}
      >
        {column}
        <span className="visually-hidden">{spoken}</span>
        <span aria-hidden="true" className="metrics-sort-mark">
          {order === 'asc' ? '▲' : order === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

/**
 * Every figure shown, with its article (the title opens it) and the group of comparable figures it
 * belongs to; rows of the group the chart plots are marked.
 */
export function MetricsTable({
  rows,
  label,
  sort,
  onSort,
  onOpenArticle,
  groupOf,
  charted,
}: {
  rows: readonly ExplorerRow[];
  label: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
  onOpenArticle: (id: string) => void;
  /** The name of a figure's group (金额 · 元 · 人均). */
  groupOf: (metric: Metric) => string;
  /** The id of the group the chart plots, null when there is only one. */
  charted: string | null;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language.startsWith('en') ? 'en' : 'zh';
  const [shown, setShown] = useState(PAGE_ROWS);
  const visible = rows.slice(0, shown);
  const rest = rows.length - visible.length;
  return (
    <>
      <div
        className="metrics-table-wrap"
        role="region"
        aria-label={t('metricsView.table', { label })}
        tabIndex={0}
      >
        <table className="metrics-table" data-testid="metrics-table">
          <caption className="visually-hidden">{t('metricsView.table', { label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('metricsView.colFigure')}</th>
              <th scope="col">{t('metricsView.colKind')}</th>
              <SortHeader column={t('metricsView.colValue')} sortKey="value" sort={sort} onSort={onSort} />
              <th scope="col">{t('metricsView.colUnit')}</th>
              <th scope="col">{t('metricsView.colGroup')}</th>
              <th scope="col">{t('metricsView.colQualifier')}</th>
              <th scope="col">{t('metricsView.colLabel')}</th>
              <th scope="col">{t('metricsView.colArticle')}</th>
              <th scope="col">{t('metricsView.colPublication')}</th>
              <SortHeader column={t('metricsView.colDate')} sortKey="date" sort={sort} onSort={onSort} />
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => {
              const m = row.metric;
              const compact = m.value === null ? null : compactNumber(m.value, m.kind, language);
              const inChart = charted !== null && seriesId(m) === charted;
              return (
                <tr key={row.key} data-testid="metrics-row" data-charted={inChart || undefined}>
                  <td className="metrics-figure">
                    {m.text}
                    {row.occurrences > 1 && (
                      <span
                        className="metrics-times"
                        title={t('metricsView.occurrences', { count: row.occurrences })}
                      >
                        <span aria-hidden="true">×{row.occurrences}</span>
                        <span className="visually-hidden">
                          {t('metricsView.occurrences', { count: row.occurrences })}
                        </span>
                      </span>
                    )}
                  </td>
                  <td className="metrics-kind">{kindName(m.kind, language)}</td>
                  <td className="metrics-value">
                    {formatValue(m, language, t('metricsView.openEnded'))}
                    {compact && <span className="metrics-compact">{compact}</span>}
                  </td>
                  <td className="metrics-unit">
                    {m.unit}
                    {m.currency && m.currency !== 'CNY' ? ` (${m.currency})` : ''}
                  </td>
                  <td className="metrics-group">
                    {groupOf(m)}
                    {inChart && <span className="visually-hidden">{t('metricsView.inChart')}</span>}
                  </td>
                  <td className="metrics-qualifier">{row.qualifier ?? ''}</td>
                  <td className="metrics-label">{m.label ?? ''}</td>
                  <td className="metrics-article">
                    <button
                      type="button"
                      className="link"
                      title={t('metricsView.openArticle', { title: row.title })}
                      onClick={() => onOpenArticle(row.articleId)}
                    >
                      {row.title}
                    </button>
                  </td>
                  <td>{row.publication ?? t('metricsView.noPublication')}</td>
                  <td className="metrics-date">{row.date ?? t('metricsView.noDate')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rest > 0 && (
        <p className="metrics-more">
          <span>{t('metricsView.shownOf', { shown: visible.length, total: rows.length })}</span>
          <button type="button" onClick={() => setShown((n) => n + PAGE_ROWS)}>
            {t('metricsView.showMore', { count: Math.min(rest, PAGE_ROWS) })}
          </button>
        </p>
      )}
    </>
  );
}
