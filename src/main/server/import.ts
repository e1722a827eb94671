/**
 * Imports a folder on the server into the shared archive: the desktop app's importer, then the
 * engine. Returns the articles read and those written (new or changed: the engine leaves an
 * unchanged article alone), with the importer's report.
 */
import { importArchives } from '../core/archive';
import type { SearchEngine } from '../core/search/engine';
import type { ImportReport } from '../../shared/types';

/** Articles handed to the engine at a time. */
const BATCH = 500;

export interface ImportOutcome {
  articles: number;
  written: number;
  report: ImportReport;
}

export async function importIntoEngine(
  engine: SearchEngine,
  folder: string,
  progress: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const { articles, report } = await importArchives([folder], {
    onProgress: (p) => {
      if (p.phase === 'read') progress(p.done, p.total);
    },
  });
  const unreadable = report.skipped.find((s) => s.file === '.');
  if (unreadable && articles.length === 0) throw new Error(`cannot read ${folder}: ${unreadable.reason}`);
  let written = 0;
  for (let from = 0; from < articles.length; from += BATCH)
    written += (await engine.apply({ upsert: articles.slice(from, from + BATCH), remove: [] })).added;
  progress(report.totals.files, report.totals.files);
  return { articles: articles.length, written, report };
}
