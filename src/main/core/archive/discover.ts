/**
 * Finds page files and metadata files under one or more archive folders. Follows symbolic links
 * whose target is inside one of the folders being read (a user may link a folder or a page in
 * from elsewhere in the archive), never one that leads outside them (a link to /etc/passwd or
 * /proc in a folder someone else made), and never twice to the same place, so a link loop is
 * reported once and walked never. Everything it does not read is listed with the reason.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { ImportSkipped } from '../../../shared/types';
import { MANIFEST_NAME, SIDECAR_SUFFIX } from './metadata';

export type PageFormat = 'text' | 'markdown' | 'html' | 'table' | 'pdf';

export const PAGE_FORMATS: Record<string, PageFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  // Web pages saved as one file (MHTML): the page inside is read (see mhtml.ts).
  '.mhtml': 'html',
  '.mht': 'html',
  // Tables of articles, one per row (see table.ts). Sidecars and manifests are found before these.
  '.csv': 'table',
  '.tsv': 'table',
  '.jsonl': 'table',
  '.ndjson': 'table',
  '.json': 'table',
  // PDF pages with a text layer (see pdf.ts).
  '.pdf': 'pdf',
};

export interface FoundFile {
  /** The archive folder, absolute. */
  root: string;
  /** Path relative to the archive folder, with forward slashes. */
  file: string;
  absolute: string;
  /** Where a symbolic link leads (its real path): what the reader opens, refusing any further link. */
  real?: string;
  size: number;
  mtimeMs: number;
}

export interface FoundPage extends FoundFile {
  format: PageFormat;
}

export interface FoundMetadata extends FoundFile {
  kind: 'sidecar' | 'manifest';
}

export interface Discovery {
  pages: FoundPage[];
  metadata: FoundMetadata[];
  skipped: ImportSkipped[];
  /** Archive folders that could not be read at all, with the reason. */
  unreadableRoots: { root: string; message: string }[];
  /** False when the walk was cancelled: what is missing may still exist. */
  complete: boolean;
}

export interface DiscoverOptions {
  signal?: AbortSignal;
  /** Folders nested deeper than this are not walked (reported once). */
  maxDepth?: number;
  /** Page files larger than this are not read (reported). */
  maxFileBytes?: number;
  onFound?: (pages: number) => void;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;

function why(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ELOOP') return 'symbolic link loop';
  if (e.code === 'ENOENT') return 'vanished while the archive was read';
  return e.message ?? String(error);
}

const megabytes = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

export async function discover(roots: string[], options: DiscoverOptions = {}): Promise<Discovery> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const result: Discovery = { pages: [], metadata: [], skipped: [], unreadableRoots: [], complete: true };
  const seenFiles = new Map<string, string>();
  const seenDirs = new Map<string, string>();

  const skip = (root: string, file: string, reason: string): void => {
    result.skipped.push({ root, file, reason });
  };
  /** The real paths of the folders being read: links are followed only to places inside them. */
  const realRoots: string[] = [];
  const inside = (real: string): boolean =>
    realRoots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  const outside = (target: string): string =>
    `symbolic link to ${target}, outside the archive folders: not followed`;

  const walk = async (root: string, rel: string, realDir: string, ancestors: Set<string>): Promise<void> => {
    if (options.signal?.aborted) {
      result.complete = false;
      return;
    }
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch (error) {
      skip(root, rel || '.', `cannot read folder: ${why(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const absolute = path.join(root, relPath);
      if (entry.name.startsWith('.')) {
        skip(root, relPath, entry.isDirectory() ? 'hidden folder' : 'hidden file');
        continue;
      }
      let info: Stats;
      try {
        info = entry.isSymbolicLink() ? await stat(absolute) : await lstat(absolute);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        skip(
          root,
          relPath,
          entry.isSymbolicLink() && e.code === 'ENOENT' ? 'broken symbolic link' : why(error),
        );
        continue;
      }
      let linked: string | undefined;
      if (entry.isSymbolicLink()) {
        try {
          linked = await realpath(absolute);
        } catch (error) {
          skip(root, relPath, why(error));
          continue;
        }
        if (!inside(linked)) {
          skip(root, relPath, outside(linked));
          continue;
        }
      }
      if (info.isDirectory()) {
        let real: string;
        try {
          real = linked ?? (await realpath(absolute));
        } catch (error) {
          skip(root, relPath, why(error));
          continue;
        }
        if (ancestors.has(real)) {
          skip(root, relPath, `symbolic link loop: leads back to ${seenDirs.get(real) ?? real}`);
          continue;
        }
        if (seenDirs.has(real)) {
          skip(root, relPath, `same folder as ${seenDirs.get(real)}, read once`);
          continue;
        }
        const depth = relPath.split('/').length;
        if (depth > maxDepth) {
          skip(root, relPath, `folder nested deeper than ${maxDepth} levels, not read`);
          continue;
        }
        seenDirs.set(real, relPath);
        await walk(root, relPath, real, new Set([...ancestors, real]));
        continue;
      }
      if (!info.isFile()) {
        skip(root, relPath, 'not a regular file');
        continue;
      }
      const lower = entry.name.toLowerCase();
      const ext = path.extname(lower);
      const found: FoundFile = { root, file: relPath, absolute, size: info.size, mtimeMs: info.mtimeMs };
      if (linked) found.real = linked;
      if (lower === MANIFEST_NAME) {
        result.metadata.push({ ...found, kind: 'manifest' });
        continue;
      }
      if (lower.endsWith(SIDECAR_SUFFIX) && names.has(entry.name.slice(0, -SIDECAR_SUFFIX.length))) {
        result.metadata.push({ ...found, kind: 'sidecar' });
        continue;
      }
      // 03.txt.json without 03.txt: a sidecar whose page is gone, not a table of articles.
      const pageName = lower.endsWith(SIDECAR_SUFFIX) ? entry.name.slice(0, -SIDECAR_SUFFIX.length) : '';
      const pageFormat = PAGE_FORMATS[path.extname(pageName.toLowerCase())];
      if (pageFormat && pageFormat !== 'table') {
        skip(root, relPath, `metadata for ${pageName}, which is not in this folder`);
        continue;
      }
      const format = PAGE_FORMATS[ext];
      if (!format) {
        skip(root, relPath, ext ? `unsupported file type (${ext})` : 'unsupported file type (no extension)');
        continue;
      }
      if (info.size > maxBytes) {
        skip(
          root,
          relPath,
          `too large for a page (${megabytes(info.size)}; the limit is ${megabytes(maxBytes)})`,
        );
        continue;
      }
      const key = linked ?? path.join(realDir, entry.name);
      const first = seenFiles.get(key);
      if (first) {
        skip(root, relPath, `same file as ${first}, read once`);
        continue;
      }
      seenFiles.set(key, relPath);
      result.pages.push({ ...found, format });
      if (result.pages.length % 200 === 0) options.onFound?.(result.pages.length);
    }
  };

  for (const given of roots) {
    const real = await realpath(path.resolve(given)).catch(() => null);
    if (real) realRoots.push(real);
  }
  for (const given of roots) {
    const root = path.resolve(given);
    let info: Stats;
    try {
      info = await stat(root);
    } catch (error) {
      result.unreadableRoots.push({
        root,
        message: `cannot read archive folder ${root}: ${(error as Error).message}`,
      });
      continue;
    }
    if (!info.isDirectory()) {
      result.unreadableRoots.push({ root, message: `archive is not a folder: ${root}` });
      continue;
    }
    const real = await realpath(root).catch(() => root);
    seenDirs.set(real, '.');
    await walk(root, '', real, new Set([real]));
  }
  options.onFound?.(result.pages.length);
  return result;
}
