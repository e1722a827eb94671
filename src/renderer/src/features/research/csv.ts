/** The research view's tables as CSV: UTF-8 with a BOM so that Excel reads the Chinese. */
import Papa from 'papaparse';
import { SPREADSHEET_FORMULA } from '../../../../shared/csv-safe';
import type { ConcordanceLine, TrendPoint } from '../../../../shared/search-types';

const BOM = '\uFEFF';

function csv(fields: string[], data: (string | number)[][]): string {
  return (
    BOM +
    Papa.unparse({ fields, data }, { escapeFormulae: SPREADSHEET_FORMULA, newline: '\r\n', quotes: false })
  );
}

export interface TrendRow {
  period: string;
  query: string;
  point: TrendPoint;
}

/** One line per period and query; numbers stay numbers, undated periods get `undated`. */
export function trendsCsv(
  rows: readonly TrendRow[],
  header: (column: string) => string,
  undated: string,
): string {
  const columns = [
    'colPeriod',
    'colQuery',
    'colOccurrences',
    'colArticles',
    'colPerMillion',
    'colPerHundred',
  ];
  return csv(
    columns.map(header),
    rows.map((r) => [
      r.period || undated,
      r.query,
      r.point.occurrences,
      r.point.articles,
      r.point.perMillionCharacters,
      r.point.perHundredArticles,
    ]),
  );
}

/** One line per occurrence in the order shown. */
export function concordanceCsv(
  lines: readonly ConcordanceLine[],
  header: (column: string) => string,
): string {
  const columns = [
    'colLeft',
    'colMatch',
    'colRight',
    'colArticle',
    'colPublication',
    'colDate',
    'colPage',
    'colArticleId',
  ];
  return csv(
    columns.map(header),
    lines.map((l) => [
      l.left,
      l.match,
      l.right,
      l.title,
      l.publication ?? '',
      l.date ?? '',
      l.page ?? '',
      l.articleId,
    ]),
  );
}

/** A file name from its parts, without characters file systems refuse. */
export function fileName(parts: string[], ext: string): string {
  const base = parts
    .join('-')
    .replace(/[\\/:*?"<>|\s]+/gu, '_')
    .slice(0, 80);
  return `${base}.${ext}`;
}
