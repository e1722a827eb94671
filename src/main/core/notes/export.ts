/** exportNotes: one entry point for every export format, a pure function of the store's data. */
import { CITATION_FILE_TYPES } from '../../../shared/citation-formats';
import { pickArticleMeta } from './bookmarks';
import { selectScope } from './collect';
import { toCitations } from './export-citations';
import { toCsv } from './export-csv';
import { toHtml } from './export-html';
import { toWebAnnotationCollection } from './export-json';
import { toMarkdown } from './export-md';
import type { ArticleMeta, ExportFormat, ExportScope, NotesData } from './types';

export interface ExportOptions {
  format: ExportFormat;
  /** Defaults to everything. */
  scope?: ExportScope;
  /**
   * Current metadata of the archive's articles (e.g. ArchiveService's list), preferred over what
   * the notes remembered when they were made. Extra fields (text, source) are ignored.
   */
  articles?: readonly ArticleMeta[];
  /** Shown in the output; leave out for byte-identical exports of the same data. */
  exportedAt?: string;
  title?: string;
}

/** File extensions and media types for hosts that save or serve an export. */
export const EXPORT_FILE_TYPES: Record<ExportFormat, { extension: string; mime: string }> = {
  md: { extension: 'md', mime: 'text/markdown; charset=utf-8' },
  json: { extension: 'json', mime: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' },
  csv: { extension: 'csv', mime: 'text/csv; charset=utf-8' },
  html: { extension: 'html', mime: 'text/html; charset=utf-8' },
  ...CITATION_FILE_TYPES,
};

export function exportNotes(data: NotesData, options: ExportOptions): string {
  const selection = selectScope(data, options.scope ?? { kind: 'all' });
  const fresh = options.articles
    ? new Map(options.articles.map((a) => [a.id, pickArticleMeta(a)]))
    : undefined;
  switch (options.format) {
    case 'md':
      return toMarkdown(selection, { fresh, exportedAt: options.exportedAt, title: options.title });
    case 'json':
      return toWebAnnotationCollection(selection, {
        fresh,
        exportedAt: options.exportedAt,
        label: options.title,
      });
    case 'csv':
      return toCsv(selection, fresh);
    case 'html':
      return toHtml(selection, { fresh, exportedAt: options.exportedAt, title: options.title });
    case 'ris':
    case 'bibtex':
    case 'csl':
      return toCitations(selection, options.format, fresh);
  }
}
