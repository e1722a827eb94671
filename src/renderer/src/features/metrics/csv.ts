/** The explorer's rows as CSV for spreadsheets: UTF-8 with a BOM so that Excel reads the Chinese. */
import Papa from 'papaparse';
import { kindName, type ExplorerRow, type Language } from './rows';

const BOM = '\uFEFF';

/**
 * One line per row in the order shown, headers in the UI language. Numbers stay numbers (no
 * grouping) so spreadsheets can compute with them; text that a spreadsheet would run as a formula
 * (=, +, -, @ at the start) is quoted with a leading apostrophe.
 */
export function metricsCsv(
  rows: readonly ExplorerRow[],
  language: Language,
  header: (column: string) => string,
): string {
  const columns = [
    'colFigure',
    'colKind',
    'colValue',
    'colValueTo',
    'colUnit',
    'colCurrency',
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
      { escapeFormulae: true, newline: '\r\n', quotes: false },
    )
  );
}
