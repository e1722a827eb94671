/**
 * Imports a folder on the server into the shared archive: the desktop app's importer, then the
 * engine, with the team's corrections applied. Returns the articles read and those written (new
 * or changed: the engine leaves an unchanged article alone), with the importer's report.
 */
import { importArchives } from '../core/archive';
import type { SearchEngine } from '../core/search/engine';
import type { ImportReport } from '../../shared/types';
import type { ServerCorrections } from './corrections';

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
  corrections?: ServerCorrections,
): Promise<ImportOutcome> {
  const { articles, report } = await importArchives([folder], {
    onProgress: (p) => {
      if (p.phase === 'read') progress(p.done, p.total);
    },
  });
  const unreadable = report.skipped.find((s) => s.file === '.');
  if (unreadable && articles.length === 0) throw new Error(`cannot read ${folder}: ${unreadable.reason}`);
  let written = 0;
  for (let from = 0; from < articles.length; from += BATCH) {
    const batch = articles.slice(from, from + BATCH);
    // The team's corrections stay: applied to the pages as read now.
    written += corrections
      ? await corrections.importBatch(batch)
      : (await engine.apply({ upsert: batch, remove: [] })).added;
  }
  progress(report.totals.files, report.totals.files);
  return { articles: articles.length, written, report };
}
