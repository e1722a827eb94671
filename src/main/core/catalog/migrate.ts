/**
 * Data folders of earlier versions kept the import state as one JSON file per set of folders and
 * the corrections in corrections.json. On first start the catalogue takes both over: the pages are
 * not read again, article ids stay as they were (notes refer to them), and no correction is lost.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleCorrection, ImportReport } from '../../../shared/types';
import type { FileRecord, ImportState } from '../archive';
import { readCheckedJson } from '../store';
import type { Catalog } from './catalog';

/** The key earlier versions gave a set of folders (state and index file names). */
export function legacyKey(roots: string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([...roots].sort()))
    .digest('hex')
    .slice(0, 16);
}

export const CORRECTIONS_FILE = 'corrections.json';

/** Corrections from their JSON copy, when the catalogue has none (first start, or a database set aside). */
export async function restoreCorrections(catalog: Catalog, dataDir: string): Promise<number> {
  if (catalog.correctionMap().size > 0) return 0;
  const saved = await readCheckedJson(path.join(dataDir, CORRECTIONS_FILE));
  const entries = (saved?.payload ?? {}) as Record<string, ArticleCorrection>;
  if (Object.keys(entries).length) catalog.setCorrections(entries);
  return Object.keys(entries).length;
}

function reportOf(root: string, files: FileRecord[]): ImportReport {
  return {
    roots: [root],
    files: files.map((r) => ({
      root,
      file: r.file,
      status: r.errors.length ? 'failed' : 'unchanged',
      format: r.format,
      articles: r.articles.length,
      warnings: r.warnings,
      errors: r.errors,
      ...(r.encoding ? { encoding: r.encoding } : {}),
      ...(r.layout ? { layout: r.layout } : {}),
    })),
    skipped: [],
    removed: [],
    metadataFiles: [],
    cancelled: false,
    totals: {
      files: files.length,
      articles: 0,
      skipped: 0,
      failed: files.filter((r) => r.errors.length).length,
      warnings: files.reduce((n, r) => n + r.warnings.length, 0),
    },
  };
}

/**
 * Takes over the import state an earlier version kept for exactly these folders, when the
 * catalogue knows none of them yet. Returns the number of folders taken over.
 */
export async function adoptLegacyState(catalog: Catalog, dataDir: string, roots: string[]): Promise<number> {
  const known = new Set(catalog.folders());
  if (roots.length === 0 || roots.some((r) => known.has(r))) return 0;
  const key = legacyKey(roots);
  const stateFile = path.join(dataDir, 'import', `${key}.json`);
  const saved = await readCheckedJson(stateFile);
  const state = saved?.header.format === 1 ? (saved.payload as ImportState) : null;
  if (!state || state.version !== 1 || !Array.isArray(state.files)) return 0;
  let adopted = 0;
  // Folder by folder in the order the earlier version numbered duplicate ids (~1, ~2 …).
  for (const root of state.roots.filter((r) => roots.includes(r))) {
    const files = state.files
      .filter((r) => r.root === root)
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    catalog.storeFolder({
      root,
      parser: state.parser,
      report: reportOf(root, files),
      changed: files,
      removed: [],
    });
    adopted++;
  }
  // The state is derived data, now in the catalogue; the old index cannot be used with it.
  await rm(stateFile, { force: true });
  await rm(path.join(dataDir, 'index', `${key}.idx`), { force: true });
  return adopted;
}
