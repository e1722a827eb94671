/**
 * ArchiveService: the one object every host (Electron, browser mode, CLI, tests) talks to.
 * It owns the open archive, its articles and their index, and answers the shared contract.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Channel } from '../../shared/channels';
import { parseInput, type Input, type Output } from '../../shared/contract';
import type {
  ArchiveInfo,
  Article,
  ArticleSummary,
  ArticleView,
  BrowseResult,
  ImportProblem,
  Notice,
  RevealResult,
  SearchResult,
} from '../../shared/types';
import type { TaskKind } from '../../shared/events';
import { browse } from './browse';
import { EventHub } from './events';
import { NotesStore, type StoreNotice } from './notes';
import { notesHandlers } from './notes-calls';
import { SettingsStore } from './settings';
import { ArchiveUnreadableError, discoverPages, importArchive } from './archive/import';
import { ArchiveError } from './errors';
import { ArticleIndex, INDEX_FORMAT } from './search/index';
import { readCheckedJson, writeCheckedJson } from './store';

export interface ServiceOptions {
  archiveDir: string;
  dataDir: string;
  /** Shows a file in the system's file manager; hosts that cannot do that leave it out. */
  revealFile?: (absolutePath: string) => Promise<boolean>;
  /** Asks where to save an export and writes it; null when cancelled. Desktop hosts only. */
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
}

interface IndexCache {
  format: number;
  fingerprint: string;
  articles: Article[];
  problems: ImportProblem[];
  index: unknown;
}

function summary(a: Article): ArticleSummary {
  return {
    id: a.id,
    title: a.title,
    ...(a.publication ? { publication: a.publication } : {}),
    ...(a.date ? { date: a.date } : {}),
    ...(a.page ? { page: a.page } : {}),
    source: a.source,
  };
}

function describeNotesNotice(n: StoreNotice): Notice {
  switch (n.kind) {
    case 'restored-from-backup':
      return {
        level: 'warning',
        message: `Your notes file could not be read (${n.reason}); the last good backup was restored. The unreadable file was kept as ${n.badFile}.`,
      };
    case 'unrecoverable':
      return {
        level: 'error',
        message: `Your notes file could not be read (${n.reason}) and no backup was usable. It was kept as ${n.badFile}; new notes start empty.`,
      };
    case 'restored-missing':
      return {
        level: 'warning',
        message: `Your notes file was missing; it was restored from ${n.backupFile}.`,
      };
    case 'migrated':
      return {
        level: 'info',
        message: `Your notes were upgraded from format ${n.from} to ${n.to}; the old file was kept.`,
      };
    case 'newer-version':
      return {
        level: 'warning',
        message: `Your notes were written by a newer version of Newsstack (format ${n.version}); they are shown read-only.`,
      };
  }
}

export class ArchiveService {
  readonly archiveDir: string;
  readonly dataDir: string;
  private articles: Article[] = [];
  private byId = new Map<string, Article>();
  private problems: ImportProblem[] = [];
  private fileCount = 0;
  private index: ArticleIndex | null = null;
  private fingerprint = '';
  private opened: Promise<void> | null = null;
  private readonly revealFile?: (absolutePath: string) => Promise<boolean>;
  private readonly saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
  private notesStore: Promise<NotesStore> | null = null;
  private readonly notesNotices: StoreNotice[] = [];
  readonly settings: SettingsStore;
  /** Progress of long work and changes to the archive, for hosts to forward to the renderer. */
  readonly events = new EventHub();
  private readonly running = new Map<TaskKind, AbortController>();

  constructor(options: ServiceOptions) {
    this.archiveDir = path.resolve(options.archiveDir);
    this.dataDir = path.resolve(options.dataDir);
    this.revealFile = options.revealFile;
    this.saveFile = options.saveFile;
    this.settings = new SettingsStore(this.dataDir);
  }

  private get cacheFile(): string {
    const key = createHash('sha256').update(this.archiveDir).digest('hex').slice(0, 16);
    return path.join(this.dataDir, 'index', `${key}.json`);
  }

  /** Reads the archive (or its cached import when no page file changed). Safe to call repeatedly. */
  open(): Promise<void> {
    this.opened ??= this.load().catch((error: unknown) => {
      this.opened = null;
      if (error instanceof ArchiveUnreadableError)
        throw new ArchiveError('unreadable-archive', error.message);
      throw error;
    });
    return this.opened;
  }

  private async load(): Promise<void> {
    const { files } = await discoverPages(this.archiveDir);
    this.fingerprint = createHash('sha256')
      .update(JSON.stringify([INDEX_FORMAT, files.map((f) => [f.file, f.size, f.mtimeMs])]))
      .digest('hex');
    const cached = await this.readCache();
    if (cached) {
      this.setArticles(cached.articles, cached.problems, files.length);
      try {
        this.index = ArticleIndex.fromJSON(JSON.stringify(cached.index), cached.articles);
        return;
      } catch {
        this.index = null; // An index that does not load is rebuilt on first search.
      }
      return;
    }
    const { progress } = this.startTask('import');
    progress('read', 0, files.length);
    let imported;
    try {
      imported = await importArchive(this.archiveDir);
    } catch (error) {
      this.endTask('import', false, (error as Error).message);
      throw error;
    }
    this.endTask('import', true);
    this.events.emit({ type: 'archive-changed' });
    this.setArticles(imported.articles, imported.problems, imported.files.length);
  }

  private setArticles(articles: Article[], problems: ImportProblem[], fileCount: number): void {
    this.articles = articles;
    this.byId = new Map(articles.map((a) => [a.id, a]));
    this.problems = problems;
    this.fileCount = fileCount;
  }

  private async readCache(): Promise<IndexCache | null> {
    const checked = await readCheckedJson(this.cacheFile);
    if (!checked) return null;
    const { header, payload } = checked;
    if (header.format !== INDEX_FORMAT || header.fingerprint !== this.fingerprint) return null;
    const cache = payload as IndexCache;
    return Array.isArray(cache.articles) ? cache : null;
  }

  private async ensureIndex(): Promise<ArticleIndex> {
    await this.open();
    if (!this.index) {
      const { progress } = this.startTask('index');
      progress('build', 0, this.articles.length);
      try {
        this.index = ArticleIndex.build(this.articles);
      } catch (error) {
        this.endTask('index', false, (error as Error).message);
        throw error;
      }
      this.endTask('index', true);
      const cache: IndexCache = {
        format: INDEX_FORMAT,
        fingerprint: this.fingerprint,
        articles: this.articles,
        problems: this.problems,
        index: this.index.toJSON(),
      };
      try {
        await writeCheckedJson(
          this.cacheFile,
          { format: INDEX_FORMAT, fingerprint: this.fingerprint },
          cache,
        );
      } catch {
        // A data folder we cannot write only costs a rebuild next time; search still works.
      }
    }
    return this.index;
  }

  /** Starts a cancellable task: its signal, and a function that reports progress on it. */
  private startTask(task: TaskKind): {
    signal: AbortSignal;
    progress: (phase: string, done: number, total: number, file?: string) => void;
  } {
    const controller = new AbortController();
    this.running.set(task, controller);
    return {
      signal: controller.signal,
      progress: (phase, done, total, file) =>
        this.events.emit({ type: 'progress', task, phase, done, total, ...(file ? { file } : {}) }),
    };
  }

  private endTask(task: TaskKind, ok: boolean, message?: string): void {
    const controller = this.running.get(task);
    this.running.delete(task);
    this.events.emit({
      type: 'task-done',
      task,
      ok,
      ...(controller?.signal.aborted ? { cancelled: true } : {}),
      ...(message ? { message } : {}),
    });
  }

  /** Asks a running task to stop; true when one was running. */
  cancel(task: TaskKind): boolean {
    const controller = this.running.get(task);
    controller?.abort();
    return controller !== undefined;
  }

  /** The notes store, opened (and if needed recovered) on first use. */
  notes(): Promise<NotesStore> {
    this.notesStore ??= NotesStore.open(this.dataDir).then((store) => {
      this.notesNotices.push(...store.takeNotices());
      return store;
    });
    this.notesStore.catch(() => (this.notesStore = null));
    return this.notesStore;
  }

  async info(): Promise<ArchiveInfo> {
    await this.open();
    await this.settings.get();
    await this.notes().catch(() => undefined);
    const notices: Notice[] = this.settings.notice
      ? [{ level: 'warning', message: this.settings.notice }]
      : [];
    for (const n of this.notesNotices) notices.push(describeNotesNotice(n));
    return {
      archiveDirs: [this.archiveDir],
      dataDir: this.dataDir,
      articleCount: this.articles.length,
      fileCount: this.fileCount,
      problems: this.problems,
      notices,
    };
  }

  async browse(publication?: string | null, date?: string | null): Promise<BrowseResult> {
    await this.open();
    return browse(this.articles.map(summary), publication, date);
  }

  async reveal(id: string): Promise<RevealResult> {
    const article = await this.article(id);
    const absolute = path.join(this.archiveDir, ...article.source.file.split('/'));
    const revealed = this.revealFile ? await this.revealFile(absolute).catch(() => false) : false;
    return { path: absolute, revealed };
  }

  private async article(id: string): Promise<Article> {
    await this.open();
    const article = this.byId.get(id);
    if (!article) throw new ArchiveError('not-found', `no article with id ${id}`);
    return article;
  }

  async listArticles(): Promise<ArticleSummary[]> {
    await this.open();
    return this.articles.map(summary);
  }

  async getArticle(id: string, query?: string): Promise<ArticleView> {
    const article = await this.article(id);
    const at = this.articles.indexOf(article);
    const before = this.articles[at - 1];
    const after = this.articles[at + 1];
    const neighbours = {
      ...(before?.source.file === article.source.file ? { previousId: before.id } : {}),
      ...(after?.source.file === article.source.file ? { nextId: after.id } : {}),
    };
    if (!query?.trim()) return { ...article, ...neighbours, highlights: [], titleHighlights: [] };
    const found = (await this.ensureIndex()).highlight(id, query);
    return { ...article, ...neighbours, highlights: found.text, titleHighlights: found.title };
  }

  async search(query: string, limit?: number): Promise<SearchResult> {
    return (await this.ensureIndex()).search(query, limit);
  }

  /** Answers one call of the shared contract; validates the argument first. */
  async handle<C extends Channel>(channel: C, rawInput: unknown): Promise<Output<C>> {
    const input = parseInput(channel, rawInput);
    const handlers: { [K in Channel]: (i: Input<K>) => Promise<Output<K>> } = {
      'archive:info': () => this.info(),
      'articles:list': () => this.listArticles(),
      'articles:get': (i) => this.getArticle(i.id, i.query),
      'search:query': (i) => this.search(i.query, i.limit),
      'browse:list': (i) => this.browse(i.publication, i.date),
      'articles:reveal': (i) => this.reveal(i.id),
      'settings:get': () => this.settings.get(),
      'settings:update': (i) => this.settings.update(i),
      'tasks:cancel': async (i) => ({ cancelled: this.cancel(i.task) }),
      ...notesHandlers(
        {
          dataDir: this.dataDir,
          article: (id) => this.article(id),
          articles: async () => {
            await this.open();
            return this.articles;
          },
          search: (query) => this.search(query),
          saveFile: this.saveFile,
        },
        () => this.notes(),
      ),
    };
    return handlers[channel](input);
  }
}
