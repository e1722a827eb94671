/**
 * Reads an archive folder into articles: discovers page files, decodes them, splits them and
 * attaches metadata and provenance. Reports every file it cannot use instead of failing.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, ImportProblem } from '../../../shared/types';
import { decodePage } from './decode';
import { metaFromFileName } from './metadata';
import { splitPage } from './split';

export const PAGE_EXTENSIONS = new Set(['.txt', '.md']);

export interface PageFile {
  /** Path relative to the archive folder, with forward slashes. */
  file: string;
  absolute: string;
  size: number;
  mtimeMs: number;
}

export interface ImportedArchive {
  dir: string;
  files: PageFile[];
  articles: Article[];
  problems: ImportProblem[];
}

export class ArchiveUnreadableError extends Error {}

/** Lists page files under `dir`, recursively, in a stable order. Symlinked folders are not followed. */
export async function discoverPages(dir: string): Promise<{ files: PageFile[]; problems: ImportProblem[] }> {
  const files: PageFile[] = [];
  const problems: ImportProblem[] = [];
  let rootStat;
  try {
    rootStat = await stat(dir);
  } catch (error) {
    throw new ArchiveUnreadableError(`cannot read archive folder ${dir}: ${(error as Error).message}`);
  }
  if (!rootStat.isDirectory()) throw new ArchiveUnreadableError(`archive is not a folder: ${dir}`);
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (error) {
      problems.push({ file: rel || '.', message: `cannot read folder: ${(error as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await walk(relPath);
      } else if (entry.isFile()) {
        if (!PAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
        const absolute = path.join(dir, relPath);
        try {
          const s = await stat(absolute);
          files.push({ file: relPath, absolute, size: s.size, mtimeMs: s.mtimeMs });
        } catch (error) {
          problems.push({ file: relPath, message: `cannot read file: ${(error as Error).message}` });
        }
      }
    }
  };
  await walk('');
  return { files, problems };
}

export function articleId(file: string, title: string, paragraphs: string[], occurrence: number): string {
  const hash = createHash('sha256').update(`${file}\n${title}\n${paragraphs.join('\n')}`).digest('hex');
  return occurrence > 0 ? `${hash.slice(0, 16)}-${occurrence}` : hash.slice(0, 16);
}

/** Turns the text of one page into articles with ids, metadata and provenance. */
export function articlesOfPage(file: string, text: string): Article[] {
  const meta = metaFromFileName(path.posix.basename(file));
  const seen = new Map<string, number>();
  return splitPage(text).map((draft) => {
    const base = articleId(file, draft.title, draft.paragraphs, 0);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return {
      id: occurrence ? articleId(file, draft.title, draft.paragraphs, occurrence) : base,
      title: draft.title,
      ...meta,
      source: { file, lineStart: draft.lineStart, lineEnd: draft.lineEnd },
      paragraphs: draft.paragraphs,
      text: draft.paragraphs.join('\n\n'),
    };
  });
}

export async function importArchive(dir: string): Promise<ImportedArchive> {
  const { files, problems } = await discoverPages(dir);
  const articles: Article[] = [];
  const usable: PageFile[] = [];
  for (const page of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(page.absolute);
    } catch (error) {
      problems.push({ file: page.file, message: `cannot read file: ${(error as Error).message}` });
      continue;
    }
    const decoded = decodePage(bytes);
    if (!decoded.ok) {
      problems.push({ file: page.file, message: decoded.reason });
      continue;
    }
    usable.push(page);
    articles.push(...articlesOfPage(page.file, decoded.text));
  }
  return { dir, files: usable, articles, problems };
}
