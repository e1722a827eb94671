/**
 * The library: the archive folders, their catalogue (import state, articles and corrections in
 * the data folder's database) and the search index. Each folder is read on its own: adding,
 * removing or changing one folder reads only that folder and changes only its articles in the
 * index. Long work reports progress through the event hub and can be cancelled.
 */
import path from 'node:path';
import type { ArticleCorrection, Article, ArticleSummary, ImportReport } from '../../shared/types';
import { importFolder, runFolderImportInWorker, type FolderImport } from './archive';
import {
  adoptLegacyState,
  Catalog,
  CORRECTIONS_FILE,
  mergeReports,
  restoreCorrections,
  type CatalogChanges,
} from './catalog';
import type { EventHub } from './events';
import { ArticleIndex } from './search/index';
import { loadIndex, saveIndex } from './search/files';
import { buildIndexInWorker } from './search/worker';
import { writeCheckedJson } from './store';
import { Tasks } from './tasks';

export interface LibraryOptions {
  roots: string[];
  dataDir: string;
  events: EventHub;
  /** Built worker scripts; without them the work runs in this thread (CLI, tests). */
  workers?: { import?: string; index?: string };
}

const SAVE_INDEX_MS = 2000;

export class Library {
  readonly roots: string[];
  private readonly dataDir: string;
  private readonly events: EventHub;
  private readonly workers: { import?: string; index?: string };
  readonly tasks: Tasks;
  private catalogue: Catalog | null = null;
  /** Reports of folders that could not be read and so have no stored report. */
  private readonly readReports = new Map<string, ImportReport>();
  private index: ArticleIndex | null = null;
  private indexing: Promise<ArticleIndex> | null = null;
  private saveTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<ImportReport> | null = null;

  constructor(options: LibraryOptions) {
    this.roots = [...new Set(options.roots.map((r) => path.resolve(r)))];
    this.dataDir = options.dataDir;
    this.events = options.events;
    this.workers = options.workers ?? {};
    this.tasks = new Tasks(options.events);
  }

  private get indexFile(): string {
    return path.join(this.dataDir, 'index', 'archive.idx');
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
      await restoreCorrections(this.catalogue, this.dataDir);
      await adoptLegacyState(this.catalogue, this.dataDir, this.roots);
    }
    const known = this.catalog.folders();
    const gone = known.filter((r) => !this.roots.includes(r));
    if (gone.length)
      this.applyChanges({ upsert: [], remove: gone.flatMap((r) => this.catalog.removeFolder(r)) });
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
        if (changes.upsert.length || changes.remove.length) {
          changed = true;
          this.applyChanges(changes);
        }
        if (task.signal.aborted) break;
      }
    } catch (error) {
      task.end(false, (error as Error).message);
      throw error;
    }
    task.end(true);
    if (changed) this.events.emit({ type: 'archive-changed' });
    return this.report ?? emptyReport(this.roots);
  }

  private async readFolder(root: string, task: ReturnType<Tasks['start']>): Promise<FolderImport> {
    const previous = this.catalog.previous(root);
    const onProgress = (p: { phase: string; done: number; total: number; file?: string }): void =>
      task.progress(p.phase, p.done, p.total, p.file);
    const inThread = (): Promise<FolderImport> =>
      importFolder(root, previous, { signal: task.signal, onProgress });
    // A worker that cannot start (say, a packaged app that cannot load it) must not stop the import.
    return this.workers.import
      ? runFolderImportInWorker(this.workers.import, root, previous, {
          onProgress,
          signal: task.signal,
        }).catch((error: unknown) => (task.signal.aborted ? Promise.reject(error) : inThread()))
      : inThread();
  }

  /** Applies catalogue changes to the index when it is loaded (a later load applies them itself). */
  private applyChanges(changes: CatalogChanges): void {
    if (!this.index) return;
    this.index.remove(changes.remove);
    this.index.add(changes.upsert);
    this.scheduleIndexSave();
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
    this.catalog.setCorrections({ [id]: correction });
    // A copy outside the database, so that corrections outlive a damaged database.
    await writeCheckedJson(
      path.join(this.dataDir, CORRECTIONS_FILE),
      { format: 1 },
      Object.fromEntries(this.catalog.correctionMap()),
    );
    const article = this.catalog.article(id) as Article;
    this.applyChanges({ upsert: [article], remove: [] });
    this.events.emit({ type: 'archive-changed' });
    return article;
  }

  /** The index: loaded from its file (changes since then applied), else built, in a worker when one is given. */
  ensureIndex(): Promise<ArticleIndex> {
    if (this.index) return Promise.resolve(this.index);
    this.indexing ??= this.loadOrBuild().finally(() => (this.indexing = null));
    return this.indexing;
  }

  private async loadOrBuild(): Promise<ArticleIndex> {
    const articles = [...this.catalog.allArticles()];
    const loaded = await loadIndex(this.indexFile, articles).catch(() => null);
    if (loaded?.index) {
      this.index = loaded.index;
      this.scheduleIndexSave();
      return loaded.index;
    }
    const task = this.tasks.start('index');
    const total = articles.length;
    task.progress('build', 0, total);
    let index: ArticleIndex;
    try {
      const inThread = (): ArticleIndex =>
        ArticleIndex.build(articles, { onProgress: (p) => task.progress(p.phase, p.done, p.total) });
      index = this.workers.index
        ? await buildIndexInWorker(articles, {
            workerFile: this.workers.index,
            signal: task.signal,
            onProgress: (p) => task.progress(p.phase, p.done, p.total),
          }).catch((error: unknown) => {
            if (task.signal.aborted) throw error;
            return inThread();
          })
        : inThread();
    } catch (error) {
      task.end(false, (error as Error).message);
      throw error;
    }
    task.end(true);
    this.index = index;
    // A data folder we cannot write only costs a rebuild next time; search still works.
    await saveIndex(this.indexFile, index).catch(() => undefined);
    return index;
  }

  private scheduleIndexSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      if (this.index) void saveIndex(this.indexFile, this.index).catch(() => undefined);
    }, SAVE_INDEX_MS);
    this.saveTimer.unref?.();
  }

  /** Writes a pending index save now (before the process exits). */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      if (this.index) await saveIndex(this.indexFile, this.index).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.refreshing?.catch(() => null);
    await this.flush();
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
