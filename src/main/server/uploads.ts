/**
 * Page files uploaded to the newsroom server for an import job: each goes into the job's own
 * folder under the server's uploads folder, at the path the client gives relative to the folder
 * it chose. The folders are kept after the import: they are the archive's originals, and a job
 * can be run again from them.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The largest file taken: what the importer reads at most (discover.ts), with room to spare. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** Files an upload job takes, and bytes in all. */
export const MAX_UPLOAD_FILES = 100_000;
export const MAX_UPLOAD_JOB_BYTES = 20 * 1024 ** 3;

/** Characters a file name may not hold on the server: a drive or stream separator on Windows. */
const FORBIDDEN = process.platform === 'win32' ? /[\\:*?"<>|\p{Cc}]/u : /[\\\p{Cc}]/u;

export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `rel` as a safe relative path of forward-slashed names: no empty, `.` or `..` part, no
 * backslash, NUL or control character (nor, on Windows, a drive or stream separator), no name
 * over 255 bytes, and no hidden name (the importer skips those).
 */
export function safeRelative(rel: string): string {
  const parts = rel.split('/');
  const bad =
    rel.length === 0 ||
    rel.length > 1000 ||
    parts.some(
      (p) =>
        p === '' ||
        p === '.' ||
        p === '..' ||
        p.startsWith('.') ||
        Buffer.byteLength(p) > 255 ||
        FORBIDDEN.test(p),
    );
  if (bad) throw new UploadError(400, `not a file path inside the uploaded folder: ${JSON.stringify(rel)}`);
  return parts.join('/');
}

/** A new job folder under `root`, named so that folders sort by time. */
export async function newUploadFolder(root: string): Promise<string> {
  const name = `${new Date().toISOString().replace(/[:.]/gu, '-')}-${randomBytes(4).toString('hex')}`;
  const folder = path.join(root, name);
  await mkdir(folder, { recursive: true });
  return folder;
}

/**
 * Writes the request's body to `rel` in `folder`: to a hidden temporary file first (the importer
 * skips hidden files), renamed into place once whole, so that a cut upload leaves no half page.
 * Returns the bytes written.
 */
export async function receiveFile(req: IncomingMessage, folder: string, rel: string): Promise<number> {
  const target = path.join(folder, ...safeRelative(rel).split('/'));
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_UPLOAD_BYTES) throw new UploadError(413, tooLarge(rel));
  const partial = path.join(path.dirname(target), `.upload-${randomBytes(6).toString('hex')}`);
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > MAX_UPLOAD_BYTES ? new UploadError(413, tooLarge(rel)) : null, chunk);
    },
  });
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await pipeline(req, count, createWriteStream(partial, { flags: 'wx' }));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as { code?: string }).code;
    if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST')
      throw new UploadError(400, `${rel}: a file and a folder of the upload have the same name`);
    throw error;
  }
  return bytes;
}

function tooLarge(rel: string): string {
  return `${rel} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, more than a page file holds`;
}
