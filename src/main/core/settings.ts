/**
 * The settings file in the data folder. Writes are atomic and keep the previous good version as a
 * backup; a file that cannot be read is kept aside (never overwritten) and the backup or defaults
 * are used, with a notice for the user.
 *
 * Two instances of the app (or the app and the CLI) may share the data folder, so nothing is
 * cached between calls: `get` reads the file, and `update` re-reads it under a cross-process lock
 * (`settings.lock/`, the same proper-lockfile lock as the notes), applies only the fields of its
 * patch and writes, so a change made by the other process is never overwritten from a stale copy.
 */
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { LockSettings } from './notes/lock';
import { writeFileAtomic } from './store';

/** The schema module (zod), loaded when settings are first read: a CLI search never needs it. */
const schema = (): Promise<typeof import('../../shared/settings')> => import('../../shared/settings');
/** The lock (proper-lockfile), loaded when settings are first written or repaired. */
const locking = (): Promise<typeof import('./notes/lock')> => import('./notes/lock');
const notesErrors = (): Promise<typeof import('./notes/errors')> => import('./notes/errors');

const FORMAT = 1;

interface SettingsFile {
  format: number;
  settings: unknown;
}

async function readSettingsFile(file: string): Promise<Settings | null> {
  const { SettingsSchema } = await schema();
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(raw) as SettingsFile;
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.format !== 'number') {
    throw new Error('not a settings file');
  }
  if (parsed.format > FORMAT)
    throw new Error(`settings written by a newer version (format ${parsed.format})`);
  // Unknown or invalid fields fall back to their defaults one by one rather than all at once.
  const input = (parsed.settings ?? {}) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const field = SettingsSchema.shape[key as keyof typeof SettingsSchema.shape];
    if (field && field.safeParse(value).success) result[key] = value;
  }
  return SettingsSchema.parse(result);
}

export interface SettingsStoreOptions {
  lock?: Partial<LockSettings>;
}

export class SettingsStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** Told to the user once: why their settings were reset or restored. */
  notice: string | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly options: SettingsStoreOptions = {},
  ) {}

  private get file(): string {
    return path.join(this.dataDir, 'settings.json');
  }

  /** Runs this instance's calls one after another (the lock orders them against other processes). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    const { DEFAULT_LOCK, withFileLock } = await locking();
    await mkdir(this.dataDir, { recursive: true });
    return withFileLock(
      this.file,
      path.join(this.dataDir, 'settings.lock'),
      { ...DEFAULT_LOCK, ...this.options.lock },
      work,
      'the settings file',
    );
  }

  /** The settings in the file, or defaults; an unreadable file is set aside (call under the lock). */
  private async readOrRecover(): Promise<Settings> {
    const { DEFAULT_SETTINGS } = await schema();
    try {
      return (await readSettingsFile(this.file)) ?? DEFAULT_SETTINGS;
    } catch (error) {
      const aside = `${this.file}.unreadable-${new Date().toISOString().replace(/[:.]/gu, '-')}`;
      await rename(this.file, aside).catch(() => undefined);
      const restored = await readSettingsFile(`${this.file}.bak`).catch(() => null);
      this.notice =
        `Settings could not be read (${(error as Error).message}); ` +
        `${restored ? 'the last good copy was restored' : 'defaults are used'}. The unreadable file was kept as ${path.basename(aside)}.`;
      return restored ?? DEFAULT_SETTINGS;
    }
  }

  /** The settings as the file has them now (another process may have changed them). */
  get(): Promise<Settings> {
    return this.serial(async () => {
      const { DEFAULT_SETTINGS } = await schema();
      try {
        return (await readSettingsFile(this.file)) ?? DEFAULT_SETTINGS;
      } catch {
        // Set the file aside under the lock, after reading it again: the other process may have
        // just replaced it with a good one, which must not be set aside.
        return this.recoverLocked();
      }
    });
  }

  private async recoverLocked(): Promise<Settings> {
    let started = false;
    try {
      return await this.locked(() => {
        started = true;
        return this.readOrRecover();
      });
    } catch (error) {
      const { NotesError } = await notesErrors();
      if (started || error instanceof NotesError) throw error;
      // The folder cannot take a lock (read-only): then no one writes there either.
      return this.readOrRecover();
    }
  }

  /**
   * Applies a patch and writes the file: re-read under the lock, so that only the patch's fields
   * change and what another process wrote meanwhile is kept. `ui` is merged field by field.
   */
  update(patch: SettingsPatch): Promise<Settings> {
    return this.serial(() =>
      this.locked(async () => {
        const { SettingsSchema } = await schema();
        const current = await this.readOrRecover();
        const next = SettingsSchema.parse({
          ...current,
          ...patch,
          ui: { ...current.ui, ...(patch.ui ?? {}) },
        });
        await copyFile(this.file, `${this.file}.bak`).catch(() => undefined);
        await writeFileAtomic(this.file, JSON.stringify({ format: FORMAT, settings: next }, null, 2));
        return next;
      }),
    );
  }
}
