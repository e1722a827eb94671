/** Small helpers for files the core writes: atomic replace, so a crash never leaves half a file. */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

/**
 * Writes to a temporary file, flushes it to disk, then renames it over `file`. The file is the
 * user's alone (0600), like everything in the data folder: what they read and wrote is private.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${Date.now()}.${counter++}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A JSON payload with a one-line header that carries its SHA-256, so that a file damaged after it
 * was written (a bad disk, a copy cut short) is detected on load instead of trusted.
 */
export async function writeCheckedJson(
  file: string,
  header: Record<string, unknown>,
  payload: unknown,
): Promise<void> {
  const body = JSON.stringify(payload);
  const sha256 = createHash('sha256').update(body).digest('hex');
  await writeFileAtomic(file, `${JSON.stringify({ ...header, sha256, length: body.length })}\n${body}`);
}

/** The header and payload of a checked file, or null when it is missing, cut short or damaged. */
export async function readCheckedJson(
  file: string,
): Promise<{ header: Record<string, unknown>; payload: unknown } | null> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const newline = raw.indexOf('\n');
  if (newline < 0) return null;
  try {
    const header = JSON.parse(raw.slice(0, newline)) as Record<string, unknown>;
    const body = raw.slice(newline + 1);
    if (header.length !== body.length) return null;
    if (createHash('sha256').update(body).digest('hex') !== header.sha256) return null;
    return { header, payload: JSON.parse(body) };
  } catch {
    return null;
  }
}
