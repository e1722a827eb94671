/**
 * CSV export: one row per bookmark, saved search or annotation, UTF-8 with a byte-order mark so
 * that Excel and WPS show Chinese correctly. Text cells that a spreadsheet could run as a formula
 * get a leading apostrophe, by the rule in src/shared/csv-safe.ts (also after leading blanks or
 * with line breaks inside, which papaparse's own pattern misses). Numbers (start, end) stay numbers.
 */
import Papa from 'papaparse';
import { SPREADSHEET_FORMULA } from '../../../shared/csv-safe';
import { citeArticle } from './citation';
import { groupByArticle, savedSearches, type Selection } from './collect';
import type { ArticleMeta } from './types';

export const CSV_COLUMNS = [
  'type',
  'id',
  'article_id',
  'title',
  'authors',
  'publication',
  'date',
  'page',
  'citation',
  'quote',
  'note',
  'color',
  'tags',
  'status',
  'start',
  'end',
  'query',
  'created',
  'modified',
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

function articleCells(article: ArticleMeta): Row {
  return {
    article_id: article.id,
    title: article.title,
    authors: (article.authors ?? []).join('; '),
    publication: article.publication ?? '',
    date: article.date ?? '',
    page: article.page ?? '',
    citation: citeArticle(article),
  };
}

export function toCsv(selection: Selection, fresh?: ReadonlyMap<string, ArticleMeta>): string {
  const rows: Row[] = [];
  for (const group of groupByArticle(selection, fresh)) {
    const b = group.bookmark;
    if (b) {
      rows.push({
        type: 'bookmark',
        id: b.id,
        ...articleCells(group.article),
        note: b.note ?? '',
        tags: b.tags.join('; '),
        created: b.created,
        modified: b.modified,
      });
    }
    for (const a of group.annotations) {
      rows.push({
        type: 'annotation',
        id: a.id,
        ...articleCells(group.article),
        quote: a.selector.quote.exact,
        note: a.note ?? '',
        color: a.color,
        tags: a.tags.join('; '),
        status: a.anchor.status,
        start: a.selector.position.start,
        end: a.selector.position.end,
        created: a.created,
        modified: a.modified,
      });
    }
  }
  for (const s of savedSearches(selection)) {
    rows.push({
      type: 'search',
      id: s.id,
      title: s.title,
      query: s.search.query,
      note: s.note ?? '',
      tags: s.tags.join('; '),
      created: s.created,
      modified: s.modified,
    });
  }
  const csv = Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows.map((r) => CSV_COLUMNS.map((c) => r[c] ?? '')) },
    { newline: '\r\n', escapeFormulae: SPREADSHEET_FORMULA, quotes: false },
  );
  return `\uFEFF${csv}\r\n`;
}
