/**
 * The library: the archive folders, their catalogue (import state, articles and corrections in
 * the data folder's database) and the search index. Each folder is read on its own: adding,
 * removing or changing one folder reads only that folder and changes only its articles in the
 * index. Long work reports progress through the event hub and can be cancelled.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleCorrection, Article, ArticleSummary, ImportReport } from '../../shared/types';
import type { FileRecord, FolderImport } from './archive';
import { adoptLegacyState, Catalog, CORRECTIONS_FILE, mergeReports, restoreCorrections } from './catalog';
import type { EventHub } from './events';
import { DiskEngine } from './search/disk/engine';
import { syncInWorker } from './search/disk/sync-worker';
import type { SearchEngine } from './search/engine';
import type { BuildProgress } from './search/types';
import { writeCheckedJson } from './store';
import { Tasks } from './tasks';

export interface LibraryOptions {
  roots: string[];
  dataDir: string;
  events: EventHub;
  /** Built worker scripts; without them the work runs in this thread (CLI, tests). */
  workers?: { import?: string; index?: string };
}

export class Library {
  readonly roots: string[];
  private readonly dataDir: string;
  private readonly events: EventHub;
  private readonly workers: { import?: string; index?: string };
  readonly tasks: Tasks;
  private catalogue: Catalog | null = null;
  /** Reports of folders that could not be read and so have no stored report. */
  private readonly readReports = new Map<string, ImportReport>();
  private engine: DiskEngine | null = null;
  private indexing: Promise<DiskEngine> | null = null;
  private refreshing: Promise<ImportReport> | null = null;
  /** Set when a batch of the folder being read was stored (see readFolder). */
  private batchesStored = false;

  constructor(options: LibraryOptions) {
    this.roots = [...new Set(options.roots.map((r) => path.resolve(r)))];
    this.dataDir = options.dataDir;
    this.events = options.events;
    this.workers = options.workers ?? {};
    this.tasks = new Tasks(options.events);
  }

  get catalog(): Catalog {
    if (!this.catalogue) throw new Error('the library is not open');
    return this.catalogue;
  }

  /** Notices for the user (a damaged database set aside). */
  get notice(): string | null {
    return this.catalogue?.notice ?? null;
  }

  /**
   * Opens the catalogue and makes it hold exactly this library's folders: folders no longer
   * chosen are forgotten, folders never read are read now (and returned). Folders already read
   * are not read again here (refresh() does that), so opening costs no scan of their pages.
   */
  async open(): Promise<string[]> {
    if (!this.catalogue) {
      this.catalogue = Catalog.open(this.dataDir);
      // Index files of earlier versions: the index now lives in the catalogue's database.
      await rm(path.join(this.dataDir, 'index'), { recursive: true, force: true }).catch(() => undefined);
      await restoreCorrections(this.catalogue, this.dataDir);
      await adoptLegacyState(this.catalogue, this.dataDir, this.roots);
    }
    const known = this.catalog.folders();
    const gone = known.filter((r) => !this.roots.includes(r));
    for (const root of gone) this.catalog.removeFolder(root);
    if (gone.length) this.indexChanged();
    const missing = this.roots.filter((r) => !known.includes(r));
    if (missing.length) await this.refresh(missing);
    return missing;
  }

  /** Reads the folders again (all by default): only new and changed pages are read. */
  refresh(roots: string[] = this.roots): Promise<ImportReport> {
    // One refresh at a time: a second caller waits for the running one, then reads again.
    const run = async (): Promise<ImportReport> => this.readFolders(roots);
    this.refreshing = (this.refreshing ?? Promise.resolve(null)).catch(() => null).then(run);
    return this.refreshing;
  }

  private async readFolders(roots: string[]): Promise<ImportReport> {
    const task = this.tasks.start('import');
    let changed = false;
    try {
      for (const root of roots) {
        this.batchesStored = false;
        const result = await this.readFolder(root, task);
        // A folder that could not be read at all and was never read before is not stored:
        // it is tried again next time instead of being taken for an empty folder.
        const unreadable = result.report.skipped.some((s) => s.file === '.');
        if (unreadable && !this.catalog.folders().includes(root)) {
          this.readReports.set(root, result.report);
          continue;
        }
        this.readReports.delete(root);
        const changes = this.catalog.storeFolder(result);
        if (changes.upserted || changes.removed || this.batchesStored) changed = true;
        if (task.signal.aborted) break;
      }
    } catch (error) {
      task.end(false, (error as Error).message);
      throw error;
    }
    task.end(true);
    if (changed) {
      this.catalog.checkpoint();
      this.indexChanged();
      this.events.emit({ type: 'archive-changed' });
    }
    return this.report ?? emptyReport(this.roots);
  }

  private async readFolder(root: string, task: ReturnType<Tasks['start']>): Promise<FolderImport> {
    const onProgress = (p: { phase: string; done: number; total: number; file?: string }): void =>
      task.progress(p.phase, p.done, p.total, p.file);
    // The page reader (decoders, HTML parser) is loaded only when a folder is read.
    const { importFolder, PARSER_VERSION } = await import('./archive/import');
    const { runFolderImportInWorker } = await import('./archive/worker');
    // A large folder is stored batch by batch as it is read (see ImportOptions.onBatch).
    const onBatch = (records: FileRecord[]): void => {
      const stored = this.catalog.storeFiles(root, PARSER_VERSION, records);
      if (stored.upserted || stored.removed) this.batchesStored = true;
    };
    const inThread = (): Promise<FolderImport> =>
      importFolder(root, this.catalog.previous(root), { signal: task.signal, onProgress, onBatch });
    // A worker that cannot start (say, a packaged app that cannot load it) must not stop the import.
    return this.workers.import
      ? runFolderImportInWorker(this.workers.import, root, this.catalog.previous(root), {
          onProgress,
          onBatch,
          signal: task.signal,
        }).catch((error: unknown) => (task.signal.aborted ? Promise.reject(error) : inThread()))
      : inThread();
  }

  /**
   * Brings an open index up to date after the catalogue changed (one not open catches up when
   * it is opened): in the background, so that an import returns as soon as it is stored.
   */
  private indexChanged(): void {
    if (this.engine) void this.ensureIndex().catch(() => undefined);
  }

  /** The import report of the library's folders: this process's reading, else the stored one. */
  get report(): ImportReport | null {
    const reports = this.roots
      .map((root) => this.readReports.get(root) ?? this.catalog.folderReport(root))
      .filter((r): r is ImportReport => r !== null);
    return reports.length ? mergeReports(reports) : null;
  }

  count(): number {
    return this.catalog.count();
  }

  article(id: string): Article | null {
    return this.catalog.article(id);
  }

  summaries(): ArticleSummary[] {
    return this.catalog.summaries();
  }

  async correct(id: string, correction: ArticleCorrection): Promise<Article> {
    if (!this.catalog.article(id)) throw new Error(`no article with id ${id}`);
    await this.storeCorrections({ [id]: correction });
    return this.catalog.article(id) as Article;
  }

  /**
   * Stores corrections (each merged field by field into the article's earlier ones; a text
   * history given replaces the stored one), also for articles not in the archive yet: they apply
   * once their pages are imported.
   */
  async storeCorrections(entries: Record<string, ArticleCorrection>): Promise<void> {
    if (Object.keys(entries).length === 0) return;
    this.catalog.setCorrections(entries);
    // A copy outside the database, so that corrections outlive a damaged database.
    await writeCheckedJson(
      path.join(this.dataDir, CORRECTIONS_FILE),
      { format: 1 },
      Object.fromEntries(this.catalog.correctionMap()),
    );
    this.indexChanged();
    this.events.emit({ type: 'archive-changed' });
  }

  /**
   * The search engine: the index on disk, opened at once (its start-up cost does not grow with
   * the archive) and caught up with the catalogue first when it is behind, in a worker when one
   * is given, with progress.
   */
  ensureIndex(): Promise<SearchEngine> {
    if (this.engine && !this.engine.stale()) return Promise.resolve(this.engine);
    this.indexing ??= this.syncIndex().finally(() => (this.indexing = null));
    return this.indexing;
  }

  private async syncIndex(): Promise<DiskEngine> {
    this.engine ??= DiskEngine.open(this.catalog, { sync: false });
    const engine = this.engine;
    if (!engine.stale()) return engine;
    const task = this.tasks.start('index');
    const onProgress = (p: BuildProgress): void => task.progress(p.phase, p.done, p.total);
    // Shown at once: reading the first articles for the index takes a moment of its own.
    onProgress({ phase: 'index', done: 0, total: engine.pending() });
    try {
      const inThread = (): number => engine.sync({ signal: task.signal, onProgress });
      // The worker needs the database on disk; one kept in memory is caught up here.
      if (this.workers.index && this.catalog.file !== ':memory:') {
        await syncInWorker(this.workers.index, this.dataDir, { signal: task.signal, onProgress }).catch(
          (error: unknown) => (task.signal.aborted ? Promise.reject(error) : inThread()),
        );
        engine.reload();
      } else inThread();
    } catch (error) {
      engine.reload();
      task.end(false, (error as Error).message);
      throw error;
    }
    task.end(true);
    return engine;
  }

  /** Waits for running work (an import, an index catch-up) to end. */
  async flush(): Promise<void> {
    await this.refreshing?.catch(() => null);
    await this.indexing?.catch(() => null);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.engine?.close();
    this.engine = null;
    this.catalogue?.close();
    this.catalogue = null;
  }
}

function emptyReport(roots: string[]): ImportReport {
  return {
    roots,
    files: [],
    skipped: [],
    removed: [],
    metadataFiles: [],
    cancelled: false,
    totals: { files: 0, articles: 0, skipped: 0, failed: 0, warnings: 0 },
  };
}
