/**
 * The library: the archive folders, what the import made of them (kept as state in the data
 * folder so unchanged pages are not read again), the user's corrections, and the search index
 * with its file. Long work reports progress through the event hub and can be cancelled.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ArticleCorrection, Article, ImportReport } from '../../shared/types';
import {
  applyCorrections,
  importArchives,
  runImportInWorker,
  type ImportResult,
  type ImportState,
} from './archive';
import type { EventHub } from './events';
import { ArticleIndex } from './search/index';
import { loadIndex, saveIndex } from './search/files';
import { buildIndexInWorker } from './search/worker';
import { readCheckedJson, writeCheckedJson } from './store';
import { Tasks } from './tasks';

export interface LibraryOptions {
  roots: string[];
  dataDir: string;
  events: EventHub;
  /** Built worker scripts; without them the work runs in this thread (CLI, tests). */
  workers?: { import?: string; index?: string };
}

const STATE_FORMAT = 1;
const SAVE_INDEX_MS = 2000;

export class Library {
  readonly roots: string[];
  private readonly dataDir: string;
  private readonly events: EventHub;
  private readonly workers: { import?: string; index?: string };
  readonly tasks: Tasks;
  private state: ImportState | null = null;
  private imported: Article[] = [];
  private corrections: Record<string, ArticleCorrection> = {};
  articles: Article[] = [];
  byId = new Map<string, Article>();
  rootOf = new Map<string, string>();
  report: ImportReport | null = null;
  private index: ArticleIndex | null = null;
  private indexing: Promise<ArticleIndex> | null = null;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(options: LibraryOptions) {
    this.roots = options.roots.map((r) => path.resolve(r));
    this.dataDir = options.dataDir;
    this.events = options.events;
    this.workers = options.workers ?? {};
    this.tasks = new Tasks(options.events);
  }

  private get key(): string {
    return createHash('sha256')
      .update(JSON.stringify([...this.roots].sort()))
      .digest('hex')
      .slice(0, 16);
  }

  private get stateFile(): string {
    return path.join(this.dataDir, 'import', `${this.key}.json`);
  }

  private get indexFile(): string {
    return path.join(this.dataDir, 'index', `${this.key}.idx`);
  }

  private get correctionsFile(): string {
    return path.join(this.dataDir, 'corrections.json');
  }

  /** Reads the folders: only new and changed pages are read, with progress; cancel keeps what was read. */
  async refresh(): Promise<ImportReport> {
    if (!this.state) {
      const saved = await readCheckedJson(this.stateFile);
      if (saved?.header.format === STATE_FORMAT) this.state = saved.payload as ImportState;
      const corrections = await readCheckedJson(this.correctionsFile);
      if (corrections) this.corrections = corrections.payload as Record<string, ArticleCorrection>;
    }
    const task = this.tasks.start('import');
    let result: ImportResult;
    try {
      const onProgress = (p: { phase: string; done: number; total: number; file?: string }): void =>
        task.progress(p.phase, p.done, p.total, p.file);
      const inThread = (): Promise<ImportResult> =>
        importArchives(this.roots, { previous: this.state ?? undefined, signal: task.signal, onProgress });
      // A worker that cannot start (say, a packaged app that cannot load it) must not stop the import.
      result = this.workers.import
        ? await runImportInWorker(
            this.workers.import,
            { dirs: this.roots, previous: this.state ?? undefined },
            { onProgress, signal: task.signal },
          ).catch((error: unknown) => (task.signal.aborted ? Promise.reject(error) : inThread()))
        : await inThread();
    } catch (error) {
      task.end(false, (error as Error).message);
      throw error;
    }
    const changed =
      !this.state ||
      result.report.removed.length > 0 ||
      result.report.files.some((f) => f.status !== 'unchanged');
    this.state = result.state;
    this.report = result.report;
    this.imported = result.articles;
    this.rootOf = new Map(result.state.files.flatMap((f) => f.articles.map((a) => [a.id, f.root] as const)));
    this.apply();
    if (changed) {
      await writeCheckedJson(this.stateFile, { format: STATE_FORMAT }, this.state).catch(() => undefined);
    }
    task.end(true);
    if (changed && this.index) {
      this.index.update(this.articles);
      this.scheduleIndexSave();
    }
    this.events.emit({ type: 'archive-changed' });
    return result.report;
  }

  /** Applies the user's corrections to the imported articles. */
  private apply(): void {
    this.articles = applyCorrections(this.imported, this.corrections);
    this.byId = new Map(this.articles.map((a) => [a.id, a]));
  }

  async correct(id: string, correction: ArticleCorrection): Promise<Article> {
    const merged = { ...this.corrections[id], ...correction };
    this.corrections = { ...this.corrections, [id]: merged };
    await writeCheckedJson(this.correctionsFile, { format: 1 }, this.corrections);
    this.apply();
    if (this.index) {
      this.index.update(this.articles);
      this.scheduleIndexSave();
    }
    this.events.emit({ type: 'archive-changed' });
    const article = this.byId.get(id);
    if (!article) throw new Error(`no article with id ${id}`);
    return article;
  }

  /** The index: loaded from its file (changes since then applied), else built, in a worker when one is given. */
  ensureIndex(): Promise<ArticleIndex> {
    if (this.index) return Promise.resolve(this.index);
    this.indexing ??= this.loadOrBuild().finally(() => (this.indexing = null));
    return this.indexing;
  }

  private async loadOrBuild(): Promise<ArticleIndex> {
    const loaded = await loadIndex(this.indexFile, this.articles).catch(() => null);
    if (loaded?.index) {
      this.index = loaded.index;
      return loaded.index;
    }
    const task = this.tasks.start('index');
    const total = this.articles.length;
    task.progress('build', 0, total);
    let index: ArticleIndex;
    try {
      const inThread = (): ArticleIndex =>
        ArticleIndex.build(this.articles, { onProgress: (p) => task.progress(p.phase, p.done, p.total) });
      index = this.workers.index
        ? await buildIndexInWorker(this.articles, {
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
}
