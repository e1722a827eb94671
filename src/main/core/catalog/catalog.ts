/**
 * The archive catalogue: one SQLite database (better-sqlite3) in the data folder that holds every
 * archive folder's import state, its page files and their articles, and the user's corrections.
 * A folder's rows are written in one transaction when that folder has been read, so a crash
 * leaves the previous state of the folder, never half of it. WAL mode lets the app, browser mode
 * and the CLI read while one of them writes.
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Article, ArticleCorrection, ArticleSummary, ImportReport } from '../../../shared/types';
import type { FileRecord, FolderImport } from '../archive';
import { applyCorrections } from '../archive/metadata';
import { currentText, indexedText } from '../corrections/text';
import { applyPageMeta } from '../archive/page';
import {
  articleOf,
  encodeExtra,
  fileColumns,
  liteRecord,
  summaryOf,
  type ArticleRow,
  type FileRow,
  type SummaryRow,
} from './rows';
import { migrateSchema } from './schema';

export const CATALOG_FILE = 'archive.db';

/** True for the errors SQLite gives when the database file is damaged. */
export function isDamaged(error: unknown): boolean {
  return /^SQLITE_(CORRUPT|NOTADB)/u.test((error as { code?: string } | null)?.code ?? '');
}

/** The folder row of articles stored without an archive folder (see putArticles). */
const LOOSE_ROOT = '';

/** What storing changed: articles stored (new or again) and articles dropped. */
export interface CatalogChanges {
  upserted: number;
  removed: number;
}

const ARTICLE_COLUMNS = `a.slot, a.id, a.file_id, a.ord, a.title, a.text, a.publication, a.date, a.page,
  a.line_start, a.line_end, a.extra, f.file`;
const SUMMARY_COLUMNS = 'a.id, a.title, a.publication, a.date, a.page, a.line_start, a.line_end, f.file';

export class Catalog {
  /** Set when the database could not be read and a fresh one was started (the old one kept aside). */
  readonly notice: string | null;
  private corrections: Map<string, ArticleCorrection> | null = null;
  /** Writes through this connection (SQLite's data_version counts only other connections'). */
  private writes = 0;
  /** periodTotals by catalogue version and period length. */
  private readonly totalsCache = new Map<string, Map<string, { articles: number; characters: number }>>();

  private constructor(
    readonly db: Database.Database,
    readonly file: string,
    notice: string | null,
  ) {
    this.notice = notice;
  }

  /** Opens (creating or upgrading) the catalogue of a data folder; a damaged one is set aside. */
  static open(dataDir: string): Catalog {
    const file = path.join(dataDir, CATALOG_FILE);
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      return new Catalog(Catalog.connect(file), file, null);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!isDamaged(error)) {
        // A data folder that cannot be written (read-only media, a path through a file): the
        // archive still opens, in memory, and is read again next time.
        if (!/^(E[A-Z]+|SQLITE_(CANTOPEN|READONLY|IOERR|PERM).*)$/u.test(code)) throw error;
        const notice = `The data folder cannot be written (${code}): the archive is read into memory and not kept for next time.`;
        return new Catalog(Catalog.connect(':memory:'), ':memory:', notice);
      }
      const notice = Catalog.setAside(dataDir, code);
      return new Catalog(Catalog.connect(file), file, notice);
    }
  }

  /**
   * Keeps a damaged database aside (never deletes it) so that a fresh one can be built from the
   * folders; returns the notice to show. The caller must have closed its connection.
   */
  static setAside(dataDir: string, code: string): string {
    const file = path.join(dataDir, CATALOG_FILE);
    const aside = `${file}.damaged-${Date.now()}`;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    return `The archive database could not be read (${code}); it was kept as ${path.basename(aside)} and the folders are read again. Corrections are restored from their copy.`;
  }

  /** Opens the catalogue of a data folder as it is, for a reader beside the app: nothing set aside. */
  static openExisting(dataDir: string): Catalog {
    return new Catalog(
      Catalog.connect(path.join(dataDir, CATALOG_FILE)),
      path.join(dataDir, CATALOG_FILE),
      null,
    );
  }

  private static connect(file: string): Database.Database {
    const db = new Database(file, { timeout: 10_000 });
    // The user's alone, like notes.json; SQLite gives its -wal and -shm files the same mode.
    if (file !== ':memory:')
      for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
    try {
      if (file !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // Reads the schema: a file that is not a database fails here, not later. (A full
      // quick_check reads every page, which would make opening cost the archive's size.)
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      db.pragma('cache_size = -65536');
      // The WAL is truncated after checkpoints: a large import must not leave a large WAL that
      // the next process (after a crash) would have to read through before its first answer.
      db.pragma('journal_size_limit = 67108864');
      migrateSchema(db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, kept: preparing costs more than most of the lookups it serves. */
  private sql(source: string): Database.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  /**
   * Forgets what this connection keeps of the database (corrections, period totals) when another
   * connection wrote since the last look: a reader in another thread or process calls it first.
   */
  refresh(): void {
    const seen = this.db.pragma('data_version', { simple: true }) as number;
    if (seen === this.seenVersion) return;
    this.seenVersion = seen;
    this.corrections = null;
    this.totalsCache.clear();
  }
  private seenVersion = -1;

  /** Changes whenever the database may have changed, by this connection or another one. */
  version(): string {
    return `${this.db.pragma('data_version', { simple: true }) as number}.${this.writes}`;
  }

  /** Folds the WAL into the database after a large write, so that it does not linger. */
  checkpoint(): void {
    if (this.file !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- folders and import state --------------------------------------------------------

  folders(): string[] {
    return (
      this.sql(`SELECT root FROM folders WHERE root != '' ORDER BY id`).pluck().all() as string[]
    ).slice();
  }

  /** The previous records of a folder, lite (without articles), or undefined when it was never read. */
  previous(root: string): { parser: number; files: FileRecord[] } | undefined {
    const folder = this.sql('SELECT id, parser FROM folders WHERE root = ?').get(root) as
      { id: number; parser: number } | undefined;
    if (!folder) return undefined;
    const rows = this.sql('SELECT * FROM files WHERE folder_id = ? ORDER BY file').all(
      folder.id,
    ) as FileRow[];
    return { parser: folder.parser, files: rows.map((row) => liteRecord(root, row)) };
  }

  /** The last import report stored for a folder (null when it was never read). */
  folderReport(root: string): ImportReport | null {
    const report = this.sql('SELECT report FROM folders WHERE root = ?').pluck().get(root) as
      string | null | undefined;
    return typeof report === 'string' ? (JSON.parse(report) as ImportReport) : null;
  }

  /** Stores what reading one folder found, in one transaction; returns how many articles changed. */
  storeFolder(result: FolderImport): CatalogChanges {
    return this.db.transaction(() => {
      const changes = this.storeFiles(result.root, result.parser, result.changed, result.removed);
      this.finishFolder(result.root, result.report, result.parser);
      return changes;
    })();
  }

  /**
   * Stores a batch of a folder's page files (new, changed, or with new metadata) and drops the
   * removed ones, in one transaction: a large folder is stored as it is read, so that neither its
   * articles nor a crash cost more than a batch.
   */
  storeFiles(root: string, parser: number, records: FileRecord[], removed: string[] = []): CatalogChanges {
    this.writes++;
    const changes: CatalogChanges = { upserted: 0, removed: 0 };
    const countOfFile = this.sql('SELECT count(*) FROM articles WHERE file_id = ?').pluck();
    const fileId = this.sql('SELECT id FROM files WHERE folder_id = ? AND file = ?').pluck();
    this.db.transaction(() => {
      this.sql(
        // The folder's parser version changes only once the whole folder was read (finishFolder):
        // pages not reached yet are still those of the version before.
        `INSERT INTO folders (root, parser, imported_at) VALUES (@root, @parser, @at)
         ON CONFLICT(root) DO UPDATE SET imported_at = @at`,
      ).run({ root, parser, at: new Date().toISOString() });
      const folderId = this.sql('SELECT id FROM folders WHERE root = ?').pluck().get(root) as number;
      for (const file of removed) {
        const id = fileId.get(folderId, file) as number | undefined;
        if (id === undefined) continue;
        changes.removed += countOfFile.get(id) as number;
        this.sql('DELETE FROM files WHERE id = ?').run(id);
      }
      for (const record of records) {
        let id = fileId.get(folderId, record.file) as number | undefined;
        const columns = { ...fileColumns(record), folder_id: folderId };
        if (id === undefined) {
          id = Number(
            this.sql(
              `INSERT INTO files (folder_id, file, size, mtime_ms, sha256, format, encoding, layout, text_meta, meta_key, warnings, errors)
                 VALUES (@folder_id, @file, @size, @mtime_ms, @sha256, @format, @encoding, @layout, @text_meta, @meta_key, @warnings, @errors)`,
            ).run(columns).lastInsertRowid,
          );
        } else {
          this.sql(
            `UPDATE files SET size = @size, mtime_ms = @mtime_ms, sha256 = @sha256, format = @format, encoding = @encoding,
             layout = @layout, text_meta = @text_meta, meta_key = @meta_key, warnings = @warnings, errors = @errors WHERE id = @id`,
          ).run({ ...columns, id });
        }
        // A lite record keeps its stored articles, unless its metadata changed.
        if (record.lite && !record.pendingMeta) continue;
        const articles = record.lite
          ? applyPageMeta(this.articlesOfFile(id), record.pendingMeta ?? {})
          : record.articles;
        changes.removed += countOfFile.get(id) as number;
        this.sql('DELETE FROM articles WHERE file_id = ?').run(id);
        changes.upserted += this.insertArticles(id, articles).length;
      }
    })();
    return changes;
  }

  /** Records a folder's import report once it has been read (with the folder's article count). */
  finishFolder(root: string, report: ImportReport, parser?: number): void {
    this.writes++;
    const folderId = this.sql('SELECT id FROM folders WHERE root = ?').pluck().get(root) as
      number | undefined;
    if (folderId === undefined) return;
    const stored = { ...report, totals: { ...report.totals } };
    stored.totals.articles = this.sql(
      'SELECT count(*) FROM articles a JOIN files f ON f.id = a.file_id WHERE f.folder_id = ?',
    )
      .pluck()
      .get(folderId) as number;
    this.sql('UPDATE folders SET report = ? WHERE id = ?').run(JSON.stringify(stored), folderId);
    if (parser !== undefined && !report.cancelled)
      this.sql('UPDATE folders SET parser = ? WHERE id = ?').run(parser, folderId);
  }

  /** Inserts a file's articles; an id already taken by another file gets a ~n suffix, as before. */
  private insertArticles(fileId: number, articles: Article[], firstOrd = 0): Article[] {
    const taken = this.sql('SELECT 1 FROM articles WHERE id = ?').pluck();
    const insert = this.sql(
      `INSERT INTO articles (id, file_id, ord, title, text, publication, date, page, line_start, line_end, extra)
       VALUES (@id, @file_id, @ord, @title, @text, @publication, @date, @page, @line_start, @line_end, @extra)`,
    );
    return articles.map((article, ord) => {
      let id = article.id;
      for (let n = 1; taken.get(id) !== undefined; n++) id = `${article.id}~${n}`;
      insert.run({
        id,
        file_id: fileId,
        ord: firstOrd + ord,
        title: article.title,
        text: article.text,
        publication: article.publication ?? null,
        date: article.date ?? null,
        page: article.page ?? null,
        line_start: article.source.lineStart,
        line_end: article.source.lineEnd,
        extra: encodeExtra(article),
      });
      return id === article.id ? article : { ...article, id };
    });
  }

  private articlesOfFile(fileId: number): Article[] {
    const rows = this.sql(
      `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN files f ON f.id = a.file_id WHERE a.file_id = ? ORDER BY a.ord`,
    ).all(fileId) as ArticleRow[];
    return rows.map(articleOf);
  }

  /** Forgets a folder that is no longer part of the archive; returns the ids of its articles. */
  /**
   * Gives a folder a new root (it was moved, or its drive is mounted elsewhere): its pages and
   * articles stay, and the next read compares them at the new place. Nothing happens when the old
   * root is unknown or the new one is already a folder of the archive.
   */
  renameFolder(from: string, to: string): boolean {
    return this.db.transaction(() => {
      const row = this.sql('SELECT id, report FROM folders WHERE root = ?').get(from) as
        { id: number; report: string | null } | undefined;
      if (!row || this.sql('SELECT 1 FROM folders WHERE root = ?').get(to)) return false;
      let report = row.report;
      if (report) {
        const parsed = JSON.parse(report) as ImportReport;
        const moved = (r: string): string => (r === from ? to : r);
        report = JSON.stringify({
          ...parsed,
          roots: parsed.roots.map(moved),
          files: parsed.files.map((f) => ({ ...f, root: moved(f.root) })),
          skipped: parsed.skipped.map((f) => ({ ...f, root: moved(f.root) })),
          metadataFiles: parsed.metadataFiles.map((f) =>
            f.startsWith(from + path.sep) ? to + f.slice(from.length) : f,
          ),
        });
      }
      this.sql('UPDATE folders SET root = ?, report = ? WHERE id = ?').run(to, report, row.id);
      this.writes++;
      return true;
    })();
  }

  removeFolder(root: string): string[] {
    this.writes++;
    const ids = this.sql(
      'SELECT a.id FROM articles a JOIN files f ON f.id = a.file_id JOIN folders d ON d.id = f.folder_id WHERE d.root = ?',
    )
      .pluck()
      .all(root) as string[];
    this.sql('DELETE FROM folders WHERE root = ?').run(root);
    return ids;
  }

  // ---- articles --------------------------------------------------------------------------

  count(): number {
    return this.sql('SELECT count(*) FROM articles').pluck().get() as number;
  }

  fileCount(): number {
    return this.sql(`SELECT count(*) FROM files WHERE errors = '[]'`).pluck().get() as number;
  }

  article(id: string): Article | null {
    const row = this.sql(
      `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN files f ON f.id = a.file_id WHERE a.id = ?`,
    ).get(id) as ArticleRow | undefined;
    return row ? this.corrected([articleOf(row)])[0] : null;
  }

  /** The articles with these ids that exist, in the order given. */
  articles(ids: readonly string[]): Article[] {
    const get = this.sql(
      `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN files f ON f.id = a.file_id WHERE a.id = ?`,
    );
    const rows = ids
      .map((id) => get.get(id) as ArticleRow | undefined)
      .filter((r): r is ArticleRow => r !== undefined);
    return this.corrected(rows.map(articleOf));
  }

  /**
   * What a search hit shows of the article in a slot: its summary (corrected) and text, without
   * paragraphs or structure (the reader gets those from article()); null when the slot is empty.
   */
  hitAt(slot: number): Article | null {
    return this.hitsAt([slot]).get(slot) ?? null;
  }

  /**
   * hitAt for many slots in one statement (a page of hits): what a query reads of its hits
   * costs far less read together than row by row. Empty slots are left out.
   */
  hitsAt(slots: readonly number[]): Map<number, Article> {
    const out = new Map<number, Article>();
    for (let from = 0; from < slots.length; from += 64) {
      const part = slots.slice(from, from + 64);
      const rows = this.sql(
        `SELECT a.slot, ${SUMMARY_COLUMNS}, a.text FROM articles a JOIN files f ON f.id = a.file_id WHERE a.slot IN (${part.map(() => '?').join(',')})`,
      ).all(...part) as (SummaryRow & { slot: number; text: string })[];
      const articles = this.corrected(
        rows.map((row) => ({ ...summaryOf(row), paragraphs: [], text: row.text })),
      );
      rows.forEach((row, k) => out.set(row.slot, articles[k]));
    }
    return out;
  }

  /** The title in a slot as the reader sees it (corrected), without reading the rest of the row. */
  titleAt(slot: number): string | null {
    const row = this.sql('SELECT id, title FROM articles WHERE slot = ?').get(slot) as
      { id: string; title: string } | undefined;
    if (!row) return null;
    return this.correctionMap().get(row.id)?.title?.trim() || row.title;
  }

  /**
   * The text an index holds for a slot, without reading the rest of the row: the text as printed,
   * or for a corrected text the corrected one followed by the printed passages it changed.
   */
  textAt(slot: number): string | null {
    const row = this.sql('SELECT id, text FROM articles WHERE slot = ?').get(slot) as
      { id: string; text: string } | undefined;
    if (!row) return null;
    const history = this.correctionMap().get(row.id)?.textHistory;
    if (!history?.length) return row.text;
    const text = currentText(history);
    return text === null ? row.text : indexedText({ text, originalText: row.text });
  }

  idAt(slot: number): string | null {
    return (
      (this.sql('SELECT id FROM articles WHERE slot = ?').pluck().get(slot) as string | undefined) ?? null
    );
  }

  slotOf(id: string): number | undefined {
    return this.sql('SELECT slot FROM articles WHERE id = ?').pluck().get(id) as number | undefined;
  }

  /**
   * Up to `limit` articles in slots above `after` and up to `upTo`, in slot order, corrected: what
   * an index has not seen yet. A page at a time (not an iterator), so that the caller may write
   * between pages: SQLite's connection cannot write while a query is still being read.
   */
  articlesAfter(after: number, upTo: number, limit: number): { slot: number; article: Article }[] {
    const rows = this.sql(
      `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN files f ON f.id = a.file_id
       WHERE a.slot > ? AND a.slot <= ? ORDER BY a.slot LIMIT ?`,
    ).all(after, upTo, limit) as ArticleRow[];
    const corrections = this.correctionMap();
    return rows.map((row) => {
      const article = articleOf(row);
      return {
        slot: row.slot,
        article: corrections.has(article.id) ? applyCorrections([article], corrections)[0] : article,
      };
    });
  }

  /** The highest slot ever handed out (0 when none). */
  lastSlot(): number {
    return (
      (this.sql(`SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'articles'`)
        .pluck()
        .get() as number) ?? 0
    );
  }

  /** Slots emptied since they were handed out, up to `upTo`. */
  removedSlots(upTo: number): number[] {
    return this.sql('SELECT slot FROM removed_slots WHERE slot <= ?').pluck().all(upTo) as number[];
  }

  removedCount(upTo: number): number {
    return this.sql('SELECT count(*) FROM removed_slots WHERE slot <= ?').pluck().get(upTo) as number;
  }

  /** Forgets the removed slots of a range (an index rebuilt it without them). */
  forgetRemoved(from: number, to: number): void {
    this.sql('DELETE FROM removed_slots WHERE slot >= ? AND slot <= ?').run(from, to);
  }

  /**
   * Stores articles that come from no archive folder (an engine used on its own, tests): under a
   * folder of their own, one page file per source file. An article that an archive folder holds
   * is left as the folder has it (the catalogue is its source); a loose one with the same id is
   * replaced when it differs. Returns the articles that were new or changed.
   */
  putArticles(articles: Article[]): Article[] {
    this.writes++;
    const changed: Article[] = [];
    const current = this.sql(
      `SELECT a.title, a.text, a.publication, a.date, d.root FROM articles a JOIN files f ON f.id = a.file_id
       JOIN folders d ON d.id = f.folder_id WHERE a.id = ?`,
    );
    this.db.transaction(() => {
      const folderId = Number(
        (this.sql('SELECT id FROM folders WHERE root = ?').pluck().get(LOOSE_ROOT) as number | undefined) ??
          this.sql('INSERT INTO folders (root, parser) VALUES (?, 0)').run(LOOSE_ROOT).lastInsertRowid,
      );
      for (const article of articles) {
        const was = current.get(article.id) as
          | { title: string; text: string; publication: string | null; date: string | null; root: string }
          | undefined;
        if (was && was.root !== LOOSE_ROOT) continue;
        if (
          was &&
          was.title === article.title &&
          was.text === article.text &&
          was.publication === (article.publication ?? null) &&
          was.date === (article.date ?? null)
        )
          continue;
        this.sql('DELETE FROM articles WHERE id = ?').run(article.id);
        const file = article.source.file;
        const fileId = Number(
          (this.sql('SELECT id FROM files WHERE folder_id = ? AND file = ?').pluck().get(folderId, file) as
            number | undefined) ??
            this.sql(
              `INSERT INTO files (folder_id, file, size, mtime_ms, sha256, format, text_meta, meta_key, warnings, errors)
                 VALUES (?, ?, 0, 0, '', 'text', '{}', '', '[]', '[]')`,
            ).run(folderId, file).lastInsertRowid,
        );
        const ord = this.sql('SELECT coalesce(max(ord) + 1, 0) FROM articles WHERE file_id = ?')
          .pluck()
          .get(fileId) as number;
        this.insertArticles(fileId, [article], ord);
        changed.push(article);
      }
    })();
    return changed;
  }

  /** Deletes articles by id; returns the ids that were there. */
  deleteArticles(ids: string[]): string[] {
    this.writes++;
    const del = this.sql('DELETE FROM articles WHERE id = ?');
    return this.db.transaction(() => ids.filter((id) => del.run(id).changes > 0))();
  }

  /** The articles printed on these dates (YYYY-MM-DD as stored). */
  articlesOnDates(dates: readonly string[]): Article[] {
    const get = this.sql(
      `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN files f ON f.id = a.file_id WHERE a.date = ?`,
    );
    return this.corrected(dates.flatMap((date) => (get.all(date) as ArticleRow[]).map(articleOf)));
  }

  summaries(): ArticleSummary[] {
    const rows = this.sql(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a JOIN files f ON f.id = a.file_id JOIN folders d ON d.id = f.folder_id
         ORDER BY d.id, f.file, a.ord`,
    ).all() as SummaryRow[];
    const corrections = this.correctionMap();
    return rows.map((row) => {
      const summary = summaryOf(row);
      if (!corrections.has(row.id)) return summary;
      const {
        paragraphs: _p,
        text: _t,
        ...rest
      } = applyCorrections([{ ...summary, paragraphs: [], text: '' }], corrections)[0];
      return rest;
    });
  }

  /**
   * Articles and characters (title and text) per year, month or day ('' for undated and for
   * dates without that precision), as the importer dated them: what term trends divide by.
   */
  periodTotals(length: 4 | 7 | 10): Map<string, { articles: number; characters: number }> {
    // A scan of every article (0.7 s at 100k): kept until the catalogue changes.
    const key = `${this.version()}/${length}`;
    const known = this.totalsCache.get(key);
    if (known) return known;
    if (this.totalsCache.size > 8) this.totalsCache.clear();
    const rows = this.sql(
      `SELECT CASE WHEN date IS NULL OR length(date) < ${length}
                     OR (${length} > 4 AND instr(substr(date, 1, ${length}), '-00') > 0)
                   THEN '' ELSE substr(date, 1, ${length}) END AS period,
              count(*) AS articles, sum(length(title) + length(text)) AS characters
         FROM articles GROUP BY period`,
    ).all() as { period: string; articles: number; characters: number }[];
    const totals = new Map(rows.map((r) => [r.period, { articles: r.articles, characters: r.characters }]));
    this.totalsCache.set(key, totals);
    return totals;
  }

  /** The articles before and after this one on the same page file. */
  neighbours(id: string): { previousId?: string; nextId?: string } {
    const at = this.sql('SELECT file_id, ord FROM articles WHERE id = ?').get(id) as
      { file_id: number; ord: number } | undefined;
    if (!at) return {};
    const near = this.sql('SELECT id FROM articles WHERE file_id = ? AND ord = ?').pluck();
    const previousId = at.ord > 0 ? (near.get(at.file_id, at.ord - 1) as string | undefined) : undefined;
    const nextId = near.get(at.file_id, at.ord + 1) as string | undefined;
    return { ...(previousId ? { previousId } : {}), ...(nextId ? { nextId } : {}) };
  }

  /** The folder and page file an article came from. */
  locate(id: string): { root: string; file: string } | null {
    return (
      (this.sql(
        'SELECT d.root, f.file FROM articles a JOIN files f ON f.id = a.file_id JOIN folders d ON d.id = f.folder_id WHERE a.id = ?',
      ).get(id) as { root: string; file: string } | undefined) ?? null
    );
  }

  // ---- corrections -----------------------------------------------------------------------

  correctionMap(): Map<string, ArticleCorrection> {
    if (!this.corrections) {
      const rows = this.sql('SELECT id, correction FROM corrections').all() as {
        id: string;
        correction: string;
      }[];
      this.corrections = new Map(rows.map((r) => [r.id, JSON.parse(r.correction) as ArticleCorrection]));
    }
    return this.corrections;
  }

  /** Stores corrections (merged into any earlier ones of the same article). */
  setCorrections(entries: Record<string, ArticleCorrection>): void {
    this.writes++;
    const upsert = this.sql(
      `INSERT INTO corrections (id, correction, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET correction = excluded.correction, updated_at = excluded.updated_at`,
    );
    const current = this.correctionMap();
    this.db.transaction(() => {
      for (const [id, correction] of Object.entries(entries)) {
        const merged = { ...current.get(id), ...correction };
        upsert.run(id, JSON.stringify(merged), new Date().toISOString());
        current.set(id, merged);
        this.reslot(id);
      }
    })();
  }

  /** Moves an article to a new slot: an index on disk then indexes it again, as it does a changed one. */
  private reslot(id: string): void {
    const row = this.sql('SELECT * FROM articles WHERE id = ?').get(id) as
      Record<string, unknown> | undefined;
    if (!row) return;
    this.sql('DELETE FROM articles WHERE id = ?').run(id);
    const { slot: _slot, ...rest } = row;
    const columns = Object.keys(rest);
    this.sql(
      `INSERT INTO articles (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    ).run(rest);
  }

  private corrected(articles: Article[]): Article[] {
    return applyCorrections(articles, this.correctionMap());
  }
}

/** Several folders' reports as one. */
export function mergeReports(reports: ImportReport[]): ImportReport {
  const merged: ImportReport = {
    roots: reports.flatMap((r) => r.roots),
    files: reports.flatMap((r) => r.files),
    skipped: reports.flatMap((r) => r.skipped),
    removed: reports.flatMap((r) => r.removed),
    metadataFiles: reports.flatMap((r) => r.metadataFiles),
    cancelled: reports.some((r) => r.cancelled),
    totals: { files: 0, articles: 0, skipped: 0, failed: 0, warnings: 0 },
  };
  for (const r of reports) {
    for (const key of Object.keys(merged.totals) as (keyof ImportReport['totals'])[])
      merged.totals[key] += r.totals[key];
  }
  return merged;
}
