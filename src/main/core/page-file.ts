/**
 * The page file an article came from, for the page image beside it (PDF pages): read like any
 * page, as a regular file inside its archive folder and no larger than a page may be.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { PageFile } from '../../shared/types';
import { openRegularFile, readAtMost } from './archive/safe-read';
import { ArchiveError } from './errors';

/** A PDF page larger than this is not shown (the text was imported all the same). */
export const MAX_PAGE_FILE_BYTES = 64 * 1024 * 1024;

const MIME: Record<string, string> = { '.pdf': 'application/pdf' };

export async function readPageFile(root: string, file: string): Promise<PageFile> {
  const mime = MIME[path.extname(file).toLowerCase()];
  if (!mime) throw new ArchiveError('bad-request', `the page of this article is not a PDF (${file})`);
  const absolute = path.join(root, ...file.split('/'));
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(absolute), realpath(root)]);
  } catch {
    throw new ArchiveError('not-found', `the page file ${file} is no longer in ${root}`);
  }
  if (real !== realRoot && !real.startsWith(`${realRoot}${path.sep}`))
    throw new ArchiveError('not-found', `the page file ${file} now leads outside ${root}; not read`);
  const opened = await openRegularFile(real, true);
  if (opened.kind === 'gone')
    throw new ArchiveError('not-found', `the page file ${file} is no longer in ${root}`);
  if (opened.kind === 'error')
    throw new ArchiveError('not-found', `cannot read the page file ${file}: ${opened.message}`);
  try {
    const bytes = await readAtMost(opened.handle, MAX_PAGE_FILE_BYTES, opened.stat.size);
    if (bytes.byteLength > MAX_PAGE_FILE_BYTES)
      throw new ArchiveError('bad-request', `the page file ${file} is too large to show (over 64 MB)`);
    return { fileName: path.basename(file), mime, data: Buffer.from(bytes).toString('base64') };
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}
