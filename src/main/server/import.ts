/** Imports a folder on the server into the shared archive: the desktop app's importer, then the engine. */
import { importArchives } from '../core/archive';
import type { SearchEngine } from '../core/search/engine';

/** Articles handed to the engine at a time. */
const BATCH = 500;

export async function importIntoEngine(
  engine: SearchEngine,
  folder: string,
  progress: (done: number, total: number) => void,
): Promise<number> {
  const { articles, report } = await importArchives([folder], {
    onProgress: (p) => {
      if (p.phase === 'read') progress(p.done, p.total);
    },
  });
  const unreadable = report.skipped.find((s) => s.file === '.');
  if (unreadable && articles.length === 0) throw new Error(`cannot read ${folder}: ${unreadable.reason}`);
  for (let from = 0; from < articles.length; from += BATCH)
    await engine.apply({ upsert: articles.slice(from, from + BATCH), remove: [] });
  progress(report.totals.files, report.totals.files);
  return articles.length;
}
