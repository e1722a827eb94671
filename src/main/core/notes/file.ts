/**
 * The notes file on disk: durable atomic writes, rotating backups, and recovery from a file that
 * cannot be read. Callers hold the store lock around every read-modify-write.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { NotesError } from './errors';
import { migrate, NewerVersionError } from './migrate';
import { NotesDataSchema } from './schema';
import { emptyNotes, type NotesData, type StoreNotice } from './types';

export interface NotesPaths {
  dir: string;
  file: string;
  backups: string;
  lock: string;
}

export function notesPaths(dataDir: string): NotesPaths {
  const dir = path.join(dataDir, 'notes');
  return {
    dir,
    file: path.join(dir, 'notes.json'),
    backups: path.join(dir, 'backups'),
    lock: path.join(dir, 'notes.lock'),
  };
}

/** A timestamp that is safe in file names on every platform. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Writes to a fresh temporary file, flushes it to disk, renames it over `file`, flushes the folder. */
export async function writeFileDurable(file: string, data: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(path.dirname(file));
}

/** Makes a rename durable. Not possible on Windows (EPERM/EISDIR), where rename is already safe enough. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

/** Parses, migrates and validates a notes file's text. Throws when it is not a usable store. */
export function parseNotes(text: string): { data: NotesData; from: number } {
  const raw: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  const { data, from } = migrate(raw);
  return { data: NotesDataSchema.parse(data), from };
}

function itemCount(data: NotesData): number {
  return data.bookmarks.length + data.annotations.length;
}

interface BackupFile {
  file: string;
  revision: number;
  name: string;
}

const BACKUP_NAME = /^notes-r(\d+)-.*\.json$/;

export async function listBackups(paths: NotesPaths): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await readdir(paths.backups);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, match: BACKUP_NAME.exec(name) }))
    .filter((x): x is { name: string; match: RegExpExecArray } => x.match !== null)
    .map(({ name, match }) => ({ file: path.join(paths.backups, name), revision: Number(match[1]), name }))
    .sort((a, b) => b.revision - a.revision || (a.name < b.name ? 1 : -1));
}

/** The newest backup that parses and validates, or null. */
async function newestGoodBackup(paths: NotesPaths): Promise<{ file: string; data: NotesData } | null> {
  for (const backup of await listBackups(paths)) {
    try {
      return { file: backup.file, data: parseNotes(await readFile(backup.file, 'utf8')).data };
    } catch {
      // A damaged backup is skipped; older ones may still be good.
    }
  }
  return null;
}

export interface NotesFileOptions {
  /** How many previous versions to keep in backups/. */
  keepBackups: number;
  now: () => Date;
}

/**
 * The lowdb adapter for the notes file. `read` never returns null and never throws for a damaged
 * file: it sets the damaged file aside, restores the newest good backup and records a notice.
 */
export class NotesFileAdapter implements Adapter<NotesData> {
  /** Notices not yet taken by the UI. */
  readonly notices: StoreNotice[] = [];
  /** Set when the file was written by a newer version: then nothing is written. */
  readOnly = false;
  /** Items in the file as last read; a write with fewer is refused unless `allowShrink` is set. */
  private lastCount = 0;
  /** Revision of the good file on disk as last read, or null when there is none. */
  private diskRevision: number | null = null;
  allowShrink = false;
  /** The data as last written, after validation: exactly what the file holds now. */
  lastWritten: NotesData | null = null;

  constructor(
    readonly paths: NotesPaths,
    private readonly options: NotesFileOptions,
  ) {}

  async read(): Promise<NotesData> {
    const data = await this.load();
    this.lastCount = itemCount(data);
    return data;
  }

  private async load(): Promise<NotesData> {
    let text: string;
    try {
      text = await readFile(this.paths.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.diskRevision = null;
      // No file but backups: the file was lost (deleted, or a sync tool removed it). Bring it back.
      const backup = await newestGoodBackup(this.paths);
      if (!backup) return emptyNotes();
      await writeFileDurable(this.paths.file, JSON.stringify(backup.data, null, 2));
      this.diskRevision = backup.data.revision;
      this.notices.push({ kind: 'restored-missing', backupFile: backup.file });
      return backup.data;
    }
    this.diskRevision = null;
    try {
      const { data, from } = parseNotes(text);
      if (from !== data.schemaVersion) await this.keepPreMigration(from, data.schemaVersion);
      this.diskRevision = data.revision;
      return data;
    } catch (error) {
      if (error instanceof NewerVersionError) {
        if (!this.readOnly) {
          this.readOnly = true;
          this.notices.push({ kind: 'newer-version', version: error.version, reason: error.message });
        }
        return emptyNotes();
      }
      return this.recover(error);
    }
  }

  /** Keeps the file as it was before a migration, once, beside the store. */
  private async keepPreMigration(from: number, to: number): Promise<void> {
    const aside = path.join(this.paths.dir, `notes.v${from}-${fileStamp(this.options.now())}.json`);
    await copyFile(this.paths.file, aside, constants.COPYFILE_EXCL).catch(() => undefined);
    this.notices.push({ kind: 'migrated', from, to });
  }

  private async recover(error: unknown): Promise<NotesData> {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const badFile = path.join(this.paths.dir, `notes.corrupt-${fileStamp(this.options.now())}.json`);
    await rename(this.paths.file, badFile);
    const backup = await newestGoodBackup(this.paths);
    if (!backup) {
      this.notices.push({ kind: 'unrecoverable', badFile, reason });
      return emptyNotes();
    }
    await writeFileDurable(this.paths.file, JSON.stringify(backup.data, null, 2));
    this.diskRevision = backup.data.revision;
    this.notices.push({ kind: 'restored-from-backup', badFile, backupFile: backup.file, reason });
    return backup.data;
  }

  async write(data: NotesData): Promise<void> {
    if (this.readOnly) {
      throw new NotesError(
        'read-only',
        'the notes file was written by a newer Newsstack; not overwriting it',
      );
    }
    const valid = NotesDataSchema.parse(data);
    if (itemCount(valid) < this.lastCount && !this.allowShrink) {
      throw new NotesError('would-shrink', 'refusing to write a notes store with fewer items than on disk');
    }
    const text = `${JSON.stringify(valid, null, 2)}\n`;
    await mkdir(this.paths.backups, { recursive: true });
    if (this.diskRevision !== null) await this.keepUnbackedVersion(this.diskRevision);
    await writeFileDurable(this.paths.file, text);
    // Backups are copies, never hard links: a file damaged in place must not damage its backup.
    await writeFileDurable(path.join(this.paths.backups, this.backupName(valid.revision)), text);
    this.lastCount = itemCount(valid);
    this.diskRevision = valid.revision;
    this.lastWritten = valid;
    await this.prune();
  }

  private backupName(revision: number): string {
    return `notes-r${String(revision).padStart(9, '0')}-${fileStamp(this.options.now())}.json`;
  }

  /** A good file with no backup of its own (first write after a migration or an upgrade) is kept too. */
  private async keepUnbackedVersion(revision: number): Promise<void> {
    if ((await listBackups(this.paths)).some((b) => b.revision === revision)) return;
    await copyFile(this.paths.file, path.join(this.paths.backups, this.backupName(revision))).catch(
      () => undefined,
    );
  }

  private async prune(): Promise<void> {
    const backups = await listBackups(this.paths);
    for (const old of backups.slice(this.options.keepBackups)) await unlink(old.file).catch(() => undefined);
    // Temporary files left by a writer that crashed mid-write, beside the file and in backups/.
    const cutoff = this.options.now().getTime() - 10 * 60_000;
    await removeOldTemps(this.paths.dir, (n) => n.startsWith('notes.json.'), cutoff);
    await removeOldTemps(
      this.paths.backups,
      (n) => BACKUP_NAME.test(n.replace(/\.[^.]+\.[^.]+\.tmp$/, '')),
      cutoff,
    );
  }
}

/** Removes `dir`'s temporary files (`*.tmp` whose name passes `ours`) last written before `cutoff`. */
async function removeOldTemps(dir: string, ours: (name: string) => boolean, cutoff: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.tmp') && ours(n))) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < cutoff) await unlink(file).catch(() => undefined);
  }
}
