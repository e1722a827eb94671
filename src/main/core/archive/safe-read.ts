/**
 * Opens and reads a file found in an archive folder without trusting what the folder holds at
 * the moment it is read: a FIFO or device swapped in after the folder was listed must not hang
 * or flood the import, a file swapped for a symbolic link must not lead outside the archive, and
 * no more than the size limit (plus one byte, to tell) is ever read, whatever size the file
 * claims (files under /proc claim none and have no end).
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

export type SafeOpen =
  { kind: 'open'; handle: FileHandle; stat: Stats } | { kind: 'gone' } | { kind: 'error'; message: string };

/**
 * Opens a regular file for reading. With `noFollow`, a path that is (now) a symbolic link is
 * refused instead of followed. Non-blocking, so that opening a FIFO returns at once; anything but
 * a regular file is then refused and closed.
 */
export async function openRegularFile(file: string, noFollow: boolean): Promise<SafeOpen> {
  // Both flags are absent on Windows (0 there: a plain read-only open).
  const flags =
    constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
  let handle: FileHandle;
  try {
    handle = await open(file, flags);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return { kind: 'gone' };
    if (e.code === 'EACCES' || e.code === 'EPERM') return { kind: 'error', message: 'permission denied' };
    if (e.code === 'ELOOP' || e.code === 'EMLINK')
      return { kind: 'error', message: 'became a symbolic link after the folder was read; not followed' };
    return { kind: 'error', message: `cannot read file: ${e.message}` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return { kind: 'error', message: 'not a regular file (it was replaced after the folder was read)' };
    }
    return { kind: 'open', handle, stat };
  } catch (error) {
    await handle.close().catch(() => undefined);
    return { kind: 'error', message: `cannot read file: ${(error as Error).message}` };
  }
}

/**
 * Reads at most `maxBytes + 1` bytes from the handle's start: a result longer than `maxBytes`
 * means the file is over the limit, whatever its size said.
 */
export async function readAtMost(
  handle: FileHandle,
  maxBytes: number,
  sizeHint: number,
): Promise<Uint8Array> {
  const limit = maxBytes + 1;
  let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(sizeHint + 1, 64 * 1024)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= limit) break;
      const grown = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}

/** A whole small file (metadata) read the same careful way; a message when it cannot be. */
export async function readSmallFile(
  file: string,
  maxBytes: number,
  noFollow: boolean,
): Promise<{ bytes: Uint8Array } | { message: string }> {
  const opened = await openRegularFile(file, noFollow);
  if (opened.kind === 'gone') return { message: 'vanished while the archive was read' };
  if (opened.kind === 'error') return { message: opened.message };
  try {
    const bytes = await readAtMost(opened.handle, maxBytes, opened.stat.size);
    if (bytes.byteLength > maxBytes)
      return { message: `too large (over ${(maxBytes / 1024 / 1024).toFixed(0)} MB)` };
    return { bytes };
  } catch (error) {
    return { message: `cannot read file: ${(error as Error).message}` };
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}
