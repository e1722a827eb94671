/**
 * The settings file in the data folder. Writes are atomic and keep the previous good version as a
 * backup; a file that cannot be read is kept aside (never overwritten) and the backup or defaults
 * are used, with a notice for the user.
 */
import { copyFile, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { writeFileAtomic } from './store';

/** The schema module (zod), loaded when settings are first read: a CLI search never needs it. */
const schema = (): Promise<typeof import('../../shared/settings')> => import('../../shared/settings');

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

export class SettingsStore {
  private current: Settings | null = null;
  private loaded: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Told to the user once: why their settings were reset or restored. */
  notice: string | null = null;

  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return path.join(this.dataDir, 'settings.json');
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const { DEFAULT_SETTINGS } = await schema();
      try {
        this.current = (await readSettingsFile(this.file)) ?? DEFAULT_SETTINGS;
      } catch (error) {
        const aside = `${this.file}.unreadable-${new Date().toISOString().replace(/[:.]/gu, '-')}`;
        await rename(this.file, aside).catch(() => undefined);
        const restored = await readSettingsFile(`${this.file}.bak`).catch(() => null);
        this.current = restored ?? DEFAULT_SETTINGS;
        this.notice =
          `Settings could not be read (${(error as Error).message}); ` +
          `${restored ? 'the last good copy was restored' : 'defaults are used'}. The unreadable file was kept as ${path.basename(aside)}.`;
      }
    })();
    return this.loaded;
  }

  async get(): Promise<Settings> {
    await this.load();
    return this.current as Settings;
  }

  /** Applies a patch and writes the file; calls are serialised so no update is lost. */
  update(patch: SettingsPatch): Promise<Settings> {
    const run = this.queue.then(async () => {
      await this.load();
      const { SettingsSchema } = await schema();
      const current = this.current as Settings;
      const next = SettingsSchema.parse({
        ...current,
        ...patch,
        ui: { ...current.ui, ...(patch.ui ?? {}) },
      });
      await copyFile(this.file, `${this.file}.bak`).catch(() => undefined);
      await writeFileAtomic(this.file, JSON.stringify({ format: FORMAT, settings: next }, null, 2));
      this.current = next;
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
