/**
 * The cross-process lock around every read-modify-write of the notes file, so that two windows,
 * or the app and the CLI, never lose each other's updates. proper-lockfile makes a lock folder
 * with mkdir (atomic on every file system), refreshes its mtime while held, and treats a lock
 * that has not been refreshed for `stale` ms as left by a crashed process.
 */
import lockfile from 'proper-lockfile';
import { NotesError } from './errors';

export interface LockSettings {
  /** A lock not refreshed for this long is considered abandoned. */
  staleMs: number;
  /** Give up waiting after roughly this long. */
  waitMs: number;
}

export const DEFAULT_LOCK: LockSettings = { staleMs: 10_000, waitMs: 30_000 };

/**
 * Runs `work` while holding the lock at `lockPath` (a folder that proper-lockfile creates).
 * `what` names the guarded file in errors (the settings use this lock too).
 */
export async function withFileLock<T>(
  target: string,
  lockPath: string,
  settings: LockSettings,
  work: () => Promise<T>,
  what = 'the notes store',
): Promise<T> {
  let compromised: Error | null = null;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, {
      realpath: false,
      lockfilePath: lockPath,
      stale: settings.staleMs,
      retries: {
        retries: Math.max(1, Math.ceil(settings.waitMs / 100)),
        factor: 1.2,
        minTimeout: 5,
        maxTimeout: 100,
        randomize: true,
      },
      // The default throws from a timer and would crash the process; record it instead.
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') throw new NotesError('locked', `${what} is busy in another window or process`);
    throw error;
  }
  try {
    const result = await work();
    if (compromised) {
      throw new NotesError('locked', `the lock on ${what} was lost while writing: ${String(compromised)}`);
    }
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
