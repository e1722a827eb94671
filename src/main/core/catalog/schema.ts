/**
 * The catalogue's tables, and the steps that bring an older database up to this schema. The
 * schema version lives in SQLite's user_version; each step runs in one transaction.
 *
 * Slots are AUTOINCREMENT rowids that are never reused: the search index refers to articles by
 * slot, and a changed article gets a new slot rather than another article's old one.
 */
import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 2;

const STEPS: Record<number, string> = {
  1: `
    CREATE TABLE folders (
      id INTEGER PRIMARY KEY,
      root TEXT NOT NULL UNIQUE,
      parser INTEGER NOT NULL,
      imported_at TEXT,
      report TEXT
    );
    CREATE TABLE files (
      id INTEGER PRIMARY KEY,
      folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
      file TEXT NOT NULL,
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      sha256 TEXT NOT NULL,
      format TEXT NOT NULL,
      encoding TEXT,
      layout TEXT,
      text_meta TEXT NOT NULL,
      meta_key TEXT NOT NULL,
      warnings TEXT NOT NULL,
      errors TEXT NOT NULL,
      UNIQUE (folder_id, file)
    );
    CREATE TABLE articles (
      slot INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
      ord INTEGER NOT NULL,
      title TEXT NOT NULL,
      text TEXT NOT NULL,
      publication TEXT,
      date TEXT,
      page TEXT,
      line_start INTEGER NOT NULL,
      line_end INTEGER NOT NULL,
      extra TEXT NOT NULL
    );
    CREATE INDEX articles_file ON articles(file_id, ord);
    CREATE INDEX articles_date ON articles(date);
    CREATE TABLE corrections (
      id TEXT PRIMARY KEY,
      correction TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
  // The search index on disk refers to articles by slot: every deleted article's slot is logged
  // in the same transaction, so the index learns what went away without comparing the archive.
  2: `
    CREATE TABLE removed_slots (slot INTEGER PRIMARY KEY);
    CREATE TRIGGER articles_removed AFTER DELETE ON articles
    BEGIN
      INSERT OR IGNORE INTO removed_slots (slot) VALUES (old.slot);
    END;
  `,
};

/** Creates or upgrades the tables; refuses a database written by a newer version of the app. */
export function migrateSchema(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `the archive database was written by a newer version of Newsstack (schema ${current}, this version knows ${SCHEMA_VERSION})`,
    );
  }
  for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(STEPS[version]);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
