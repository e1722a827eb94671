/** The explorer's rows as CSV for spreadsheets: UTF-8 with a BOM so that Excel reads the Chinese. */
import Papa from 'papaparse';
import { SPREADSHEET_FORMULA } from '../../../../shared/csv-safe';
import type { Metric } from '../../../../shared/metrics-types';
import { kindName, type ExplorerRow, type Language } from './rows';

const BOM = '\uFEFF';

/**
 * One line per row in the order shown, headers in the UI language. Numbers stay numbers (no
 * grouping; a value of -3.5 is written -3.5) so spreadsheets can compute with them; text that a
 * spreadsheet could run as a formula gets a leading apostrophe, by the rule the notes export
 * shares (src/shared/csv-safe.ts: = + - @ first, also after blanks or before a line break).
 */
export function metricsCsv(
  rows: readonly ExplorerRow[],
  language: Language,
  header: (column: string) => string,
  /** The group of comparable figures a row belongs to (金额 · 元 · 人均); no column without it. */
  groupOf?: (metric: Metric) => string,
): string {
  const columns = [
    'colFigure',
    'colKind',
    'colValue',
    'colValueTo',
    'colUnit',
    'colCurrency',
    ...(groupOf ? (['colGroup'] as const) : []),
    'colQualifier',
    'colLabel',
    'colOccurrences',
    'colArticle',
    'colPublication',
    'colDate',
    'colArticleId',
  ] as const;
  const data = rows.map((r) => [
    r.metric.text,
    kindName(r.metric.kind, language),
    r.metric.value ?? '',
    r.metric.valueTo ?? '',
    r.metric.unit,
    r.metric.currency ?? '',
    ...(groupOf ? [groupOf(r.metric)] : []),
    r.qualifier ?? '',
    r.metric.label ?? '',
    r.occurrences,
    r.title,
    r.publication ?? '',
    r.date ?? '',
    r.articleId,
  ]);
  return (
    BOM +
    Papa.unparse(
      { fields: columns.map(header), data },
      { escapeFormulae: SPREADSHEET_FORMULA, newline: '\r\n', quotes: false },
    )
  );
}
