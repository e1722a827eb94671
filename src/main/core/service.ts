/**
 * ArchiveService: the one object every host (Electron, browser mode, CLI, tests) talks to.
 * It owns the library (folders, articles, index), the notes and the settings, and answers the
 * shared contract. Hosts pass in what only they can do (show a file, ask where to save).
 */
import path from 'node:path';
import type { Channel } from '../../shared/channels';
import type { Input, Output } from '../../shared/contract';
import type { SearchOptions, SearchResultEx } from '../../shared/search-types';
import type {
  ArchiveInfo,
  Article,
  ArticleSummary,
  ArticleView,
  BrowseResult,
  Notice,
  RevealResult,
  ServerConnection,
} from '../../shared/types';
import type { ArchiveWatcher } from './archive';
import { ArchiveUnreadableError } from './archive/errors';
import type { CorrectionsHost } from './corrections-calls';
import { browse } from './browse';
import { Catalog, isDamaged } from './catalog';
import { ArchiveError } from './errors';
import { REMOTE_CALLS, RemoteArchive, type RemoteCall } from './remote';
import type {
  CollocateOptions,
  Collocates,
  Concordance,
  ConcordanceOptions,
  ResearchAnswer,
  ResearchCall,
  Trends,
} from './research';
import type { ResearchWorker } from './research-worker';
import type { TrendGranularity } from './search/trends';
import { EventHub } from './events';
import { requireFolders, unavailableFolders } from './folders';
import { Library } from './library';
import type { NotesStore, StoreNotice } from './notes';
import { SettingsStore } from './settings';

/** Calls over the local folders' whole archive: refused, with a reason, while a server's archive is open. */
const LOCAL_ARCHIVE_CALLS = [
  'articles:list',
  'search:cite',
  'archive:reimport',
  'articles:reveal',
  'articles:pageFile',
  'corrections:export',
  'corrections:import',
] as const;

/** How long after opening an archive the app starts reading what changed in its folders. */
const BACKGROUND_SCAN_DELAY_MS = 3000;

export interface ServiceOptions {
  /** Folders given on the command line; they win over the folders saved in the settings. */
  archiveDirs?: string[];
  /** The folder used when nothing else is chosen: the bundled sample archive. */
  defaultArchiveDir?: string;
  dataDir: string;
  /**
   * Built worker scripts for import, indexing and the research calls (hosts with a build); the
   * CLI works in-thread.
   */
  workers?: { import?: string; index?: string; research?: string };
  /** Shows a file in the system's file manager; hosts that cannot do that leave it out. */
  revealFile?: (absolutePath: string) => Promise<boolean>;
  /** Asks where to save an export and writes it; null when cancelled. Desktop hosts only. */
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
  /**
   * Folders already read, on opening: 'wait' (default) reads what changed in them before
   * answering (tests); 'background' answers from the catalogue at once and reads changes
   * meanwhile (hosts that stay open and watch the folders); 'never' answers from the catalogue
   * as last read (the CLI, where `import` or --refresh read the changes). Folders never read
   * before are read in every case.
   */
  scanOnOpen?: 'wait' | 'background' | 'never';
  /** Asks the user for a folder; null when cancelled. Desktop hosts only. */
  chooseFolder?: () => Promise<string | null>;
}

export class ArchiveService {
  readonly dataDir: string;
  readonly settings: SettingsStore;
  /** Progress of long work and changes to the archive, for hosts to forward to the renderer. */
  readonly events = new EventHub();
  private library: Library | null = null;
  private opened: Promise<Library> | null = null;
  private watcher: ArchiveWatcher | null = null;
  private notesStore: Promise<NotesStore> | null = null;
  private researchWorker: ResearchWorker | null = null;
  private remoteArchive: RemoteArchive | null = null;
  private readonly notesNotices: StoreNotice[] = [];
  /** Set when a damaged archive database was set aside while the service ran. */
  private recoveryNotice: string | null = null;
  /** The library being opened, until open() has finished. */
  private opening: Library | null = null;

  constructor(private readonly options: ServiceOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.settings = new SettingsStore(this.dataDir);
  }

  /** The folders in use: command line, else the user's choice, else the bundled archive. */
  private async roots(): Promise<string[]> {
    const given = this.options.archiveDirs ?? [];
    if (given.length) return given;
    const chosen = (await this.settings.get()).archiveDirs;
    if (chosen.length) return chosen;
    return this.options.defaultArchiveDir ? [this.options.defaultArchiveDir] : [];
  }

  /**
   * Opens the archive: its catalogue, with folders never read before read now. Folders already
   * read are not scanned here (see refresh), so a large archive opens at once. Safe to call repeatedly.
   */
  open(): Promise<Library> {
    this.opened ??= (async () => {
      const library = new Library({
        roots: await this.roots(),
        dataDir: this.dataDir,
        events: this.events,
        workers: this.options.workers,
      });
      // Long work while opening (the first import of a folder) can be cancelled like any other.
      this.opening = library;
      try {
        const justRead = await library.open();
        const known = library.roots.filter((r) => !justRead.includes(r));
        const scan = this.options.scanOnOpen ?? 'wait';
        if (known.length === 0 || scan === 'never') {
          // Every folder was read just now, or the caller reads changes itself.
        } else if (scan === 'background') {
          // Comparing a large archive's page files with the catalogue takes the service thread
          // for a moment (a second at a million articles): first answer what the user asks.
          const timer = setTimeout(
            () => void library.refresh(known).catch(() => undefined),
            BACKGROUND_SCAN_DELAY_MS,
          );
          timer.unref?.();
        } else await library.refresh(known);
      } catch (error) {
        await library.close().catch(() => undefined);
        throw error;
      } finally {
        this.opening = null;
      }
      // Folders the user saved stay in the archive while they cannot be read (an unplugged
      // drive): the app opens with what it has and says which folder is missing. Folders given
      // on the command line that cannot be read at all are an error of the command.
      const unreadable =
        this.options.archiveDirs?.length && library.roots.length > 0 && library.count() === 0
          ? (library.report?.skipped.filter((s) => s.file === '.') ?? [])
          : [];
      if (unreadable.length > 0 && unreadable.length === library.roots.length) {
        await library.close();
        throw new ArchiveUnreadableError(
          unreadable.map((u) => `cannot read archive folder ${u.root}: ${u.reason}`).join('; '),
        );
      }
      this.library = library;
      void this.reanchorNotes(library).catch(() => undefined);
      return library;
    })().catch((error: unknown) => {
      this.opened = null;
      if (error instanceof ArchiveUnreadableError)
        throw new ArchiveError('unreadable-archive', error.message);
      throw error;
    });
    return this.opened;
  }

  /**
   * The articles the notes refer to, with the articles of the same days (where a passage that
   * moved to another article is looked for): what re-anchoring and export need, not the archive.
   */
  private async notedArticles(library: Library): Promise<Article[]> {
    const data = await (await this.notes()).read();
    const refs = [...data.bookmarks, ...data.annotations].flatMap((n) => ('article' in n ? [n.article] : []));
    const ids = [...new Set(refs.map((r) => r.id))];
    const dates = [...new Set(data.annotations.flatMap((a) => (a.article.date ? [a.article.date] : [])))];
    const own = library.catalog.articles(ids);
    const seen = new Set(own.map((a) => a.id));
    return [...own, ...library.catalog.articlesOnDates(dates).filter((a) => !seen.has(a.id))];
  }

  private async reanchorNotes(library: Library): Promise<void> {
    const store = await this.notes();
    await store.reanchor(await this.notedArticles(library));
  }

  /** Opens the archive and catches its index up in the background, so that the first search is quick. */
  async warmUp(): Promise<void> {
    await (await this.open()).ensureIndex();
  }

  /** Watches the folders and re-imports what changes (debounced). Hosts that stay open call this. */
  async watch(): Promise<void> {
    const library = await this.open();
    this.watcher?.close();
    const { watchArchives } = await import('./archive/watch');
    // Watching a folder tree walks it (every page file of a large archive): after the first answers.
    let watcher: ArchiveWatcher | null = null;
    let closed = false;
    const timer = setTimeout(() => {
      if (closed) return;
      watcher = watchArchives(library.roots, () => void this.reimport().catch(() => undefined), {
        onError: () => undefined,
      });
    }, BACKGROUND_SCAN_DELAY_MS);
    timer.unref?.();
    this.watcher = {
      close: () => {
        closed = true;
        clearTimeout(timer);
        watcher?.close();
      },
    };
  }

  async reimport(): Promise<ArchiveInfo> {
    await this.guard(async () => {
      const library = await this.open();
      await library.refresh();
      // Searchable when the import is done: the index catches up now, not at the first search.
      await library.ensureIndex();
      await this.reanchorNotes(library).catch(() => undefined);
    });
    return this.info();
  }

  /**
   * Runs a call; when the archive database turns out to be damaged on the way, it is set aside
   * (kept, never deleted), the folders are read into a fresh one and the call is made again.
   */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!isDamaged(error)) throw error;
      const library = this.library;
      this.watcher?.close();
      this.watcher = null;
      this.library = null;
      this.opened = null;
      await library?.close().catch(() => undefined);
      await this.stopResearch();
      this.recoveryNotice = Catalog.setAside(this.dataDir, (error as { code: string }).code);
      return call();
    }
  }

  /**
   * Switches to other folders (remembered in the settings) and reads them; none means the bundled
   * archive. A folder not chosen before must exist and be given as a full path (a relative one
   * would be read against wherever the server started); folders already chosen are kept even
   * while they cannot be read, so that removing one unplugged drive does not need the others.
   */
  async setFolders(dirs: string[]): Promise<ArchiveInfo> {
    const settings = await this.settings.get();
    const wanted = [...new Set(dirs.map((d) => d.trim()))];
    await requireFolders(wanted.filter((d) => !settings.archiveDirs.includes(d)));
    await this.switchFolders(wanted.map((d) => path.normalize(d)));
    return this.info();
  }

  /**
   * A chosen folder is now elsewhere (a drive mounted at another path, a folder moved): the
   * archive follows it without reading its pages again (they are compared by size and time), and
   * its articles keep their ids, so notes stay attached.
   */
  async relocateFolder(from: string, to: string): Promise<ArchiveInfo> {
    const settings = await this.settings.get();
    if (!settings.archiveDirs.includes(from))
      throw new ArchiveError('not-found', `${from} is not one of the archive folders`);
    await requireFolders([to]);
    const target = path.normalize(to);
    await this.closeLibrary();
    const catalog = Catalog.open(this.dataDir);
    try {
      catalog.renameFolder(from, target);
    } finally {
      catalog.close();
    }
    await this.switchFolders([...new Set(settings.archiveDirs.map((d) => (d === from ? target : d)))]);
    return this.info();
  }

  private async closeLibrary(): Promise<boolean> {
    await this.library?.close();
    this.watcher?.close();
    const watching = this.watcher !== null;
    this.watcher = null;
    this.library = null;
    this.opened = null;
    return watching;
  }

  private async switchFolders(resolved: string[]): Promise<void> {
    const settings = await this.settings.get();
    const recent = [...resolved, ...settings.recentArchives.filter((r) => !resolved.includes(r))].slice(
      0,
      20,
    );
    await this.settings.update({ archiveDirs: resolved, recentArchives: recent });
    this.options.archiveDirs = undefined;
    const watching = await this.closeLibrary();
    await this.open();
    if (watching) await this.watch();
  }

  async close(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    await this.stopResearch();
    await this.library?.close();
    this.library = null;
    this.opened = null;
  }

  /** Lets the research worker go (it holds a connection to the database). */
  private async stopResearch(): Promise<void> {
    const worker = this.researchWorker;
    this.researchWorker = null;
    await worker?.close().catch(() => undefined);
  }

  /** The notes store, opened (and if needed recovered) on first use. */
  notes(): Promise<NotesStore> {
    // The notes store (lowdb, locking, export formats) is loaded when notes are first used.
    const opening = (this.notesStore ??= import('./notes').then(async ({ NotesStore: Store }) => {
      const store = await Store.open(this.dataDir);
      this.notesNotices.push(...store.takeNotices());
      return store;
    }));
    opening.catch(() => (this.notesStore = null));
    return opening;
  }

  async info(): Promise<ArchiveInfo> {
    const library = await this.guard(() => this.open());
    await this.settings.get();
    await this.notes().catch(() => undefined);
    const notices: Notice[] = this.settings.notice
      ? [{ level: 'warning', message: this.settings.notice }]
      : [];
    for (const message of [library.notice, this.recoveryNotice])
      if (message) notices.push({ level: 'warning', message });
    if (this.notesNotices.length) {
      const { describeNotesNotice } = await import('./notes-calls');
      for (const n of this.notesNotices) notices.push(describeNotesNotice(n));
    }
    const report = library.report;
    return {
      archiveDirs: library.roots,
      dataDir: this.dataDir,
      articleCount: library.count(),
      fileCount: library.catalog.fileCount(),
      problems: report
        ? [
            ...report.skipped.map((s) => ({ file: s.file === '.' ? s.root : s.file, message: s.reason })),
            ...report.files
              .filter((f) => f.errors.length)
              .map((f) => ({ file: f.file, message: f.errors.join('; ') })),
          ]
        : [],
      notices,
      report,
      // Asked again each time (a stat per folder): a drive may have been plugged in or out since.
      unavailable: await unavailableFolders(library.roots),
      ...(await this.serverConnection()),
    };
  }

  /** The server whose archive is open instead of the folders, if any (see remote.ts). */
  private remote(): RemoteArchive {
    this.remoteArchive ??= new RemoteArchive(this.dataDir);
    return this.remoteArchive;
  }

  private async serverConnection(): Promise<{ server?: ServerConnection }> {
    const server = await this.remote().connection();
    return server ? { server } : {};
  }

  private async article(id: string): Promise<Article> {
    // A server's article, when its archive is open: notes and figures work on it as on a local one.
    if (await this.remote().connection()) return this.remote().call('articles:get', { id });
    const library = await this.open();
    const article = library.article(id);
    if (!article) throw new ArchiveError('not-found', `no article with id ${id}`);
    return article;
  }

  /** Keyword in context: every occurrence of the query's terms, sorted, up to `limit` lines (see research.ts). */
  concordance(query: string, options: ConcordanceOptions = {}): Promise<Concordance> {
    return this.research({ kind: 'concordance', query, options });
  }

  /** Words found near the query far more often than in the archive at large (see research.ts). */
  collocates(query: string, options: CollocateOptions = {}): Promise<Collocates> {
    return this.research({ kind: 'collocates', query, options });
  }

  /** How often each query (up to five) occurs per year, month or day, normalised by the archive. */
  trends(queries: string[], by: TrendGranularity = 'year'): Promise<Trends> {
    return this.research({ kind: 'trends', queries, by });
  }

  /**
   * A research call, in the research worker where the host has one (it reads every matching
   * article: seconds for a frequent term in a large archive, while searches go on here), else here.
   */
  private async research<C extends ResearchCall>(call: C): Promise<ResearchAnswer<C>> {
    const library = await this.open();
    const engine = await library.ensureIndex();
    const file = this.options.workers?.research;
    if (file && library.catalog.file !== ':memory:') {
      const { ResearchWorker, researchJob } = await import('./research-worker');
      this.researchWorker ??= new ResearchWorker(file, researchJob(this.dataDir));
      try {
        return await this.researchWorker.run(call);
      } catch {
        // A worker that cannot open the database or stopped: the call is answered here instead.
      }
    }
    const { research } = await import('./research');
    return research(library.catalog, engine, call);
  }

  async listArticles(): Promise<ArticleSummary[]> {
    return this.guard(async () => (await this.open()).summaries());
  }

  getArticle(id: string, query?: string): Promise<ArticleView> {
    return this.guard(() => this.articleView(id, query));
  }

  private async articleView(id: string, query?: string): Promise<ArticleView> {
    const library = await this.open();
    const article = await this.article(id);
    const neighbours = library.catalog.neighbours(id);
    const textHistory = library.catalog.correctionMap().get(id)?.textHistory;
    const history = textHistory?.length ? { textHistory } : {};
    if (!query?.trim()) return { ...article, ...neighbours, ...history, highlights: [], titleHighlights: [] };
    const found = await (await library.ensureIndex()).highlight(id, query);
    const original =
      article.originalText === undefined
        ? {}
        : {
            originalHighlights: (await import('./search/hits')).printedHighlights(
              article.originalText,
              query,
            ),
          };
    return {
      ...article,
      ...neighbours,
      ...history,
      ...original,
      highlights: found.text,
      titleHighlights: found.title,
    };
  }

  search(query: string, options: SearchOptions = {}): Promise<SearchResultEx> {
    return this.guard(async () => (await (await this.open()).ensureIndex()).search(query, options));
  }

  async browse(publication?: string | null, date?: string | null): Promise<BrowseResult> {
    return browse((await this.open()).summaries(), publication, date);
  }

  async reveal(id: string): Promise<RevealResult> {
    const library = await this.open();
    await this.article(id);
    const where = library.catalog.locate(id);
    if (!where) throw new ArchiveError('not-found', `no article with id ${id}`);
    const absolute = path.join(where.root, ...where.file.split('/'));
    const revealed = this.options.revealFile
      ? await this.options.revealFile(absolute).catch(() => false)
      : false;
    return { path: absolute, revealed };
  }

  /** Answers one call of the shared contract; validates the argument first. */
  async handle<C extends Channel>(channel: C, rawInput: unknown): Promise<Output<C>> {
    // Loaded on the first call: the CLI's search and listing never need them.
    const [
      { parseInput },
      { exploreMetrics, metricsCandidateQuery, metricsOf },
      { notesHandlers },
      { correctText, exportCorrectionsFile, importCorrectionsFile },
    ] = await Promise.all([
      import('../../shared/contract'),
      import('./metrics-calls'),
      import('./notes-calls'),
      import('./corrections-calls'),
    ]);
    const input = parseInput(channel, rawInput);
    if (await this.remote().connection()) {
      if ((REMOTE_CALLS as readonly string[]).includes(channel)) {
        const answer = await this.remote().call(channel as RemoteCall, input as Input<RemoteCall>);
        // The user's own annotations of a text the team corrected are found again in the new text.
        if (channel === 'articles:correctText')
          await (await this.notes()).reanchor([answer as ArticleView], { scope: 'listed' });
        // Open lists and views ask again, as after a correction of the folders.
        if (channel === 'articles:correct' || channel === 'articles:correctText')
          this.events.emit({ type: 'archive-changed' });
        return answer as Output<C>;
      }
      if ((LOCAL_ARCHIVE_CALLS as readonly string[]).includes(channel))
        throw new ArchiveError(
          'bad-request',
          'this is not available for a server archive yet; disconnect from the server in Settings to use the folders on this computer',
        );
    }
    const corrections: CorrectionsHost = {
      library: () => this.open(),
      view: (id) => this.articleView(id),
      reanchor: async (articles) => {
        await (await this.notes()).reanchor(articles, { scope: 'listed' });
      },
      saveFile: this.options.saveFile,
    };
    const handlers: { [K in Channel]: (i: Input<K>) => Promise<Output<K>> } = {
      'archive:info': () => this.info(),
      'archive:reimport': () => this.reimport(),
      'archive:setFolders': (i) => this.setFolders(i.dirs),
      'archive:relocateFolder': (i) => this.relocateFolder(i.from, i.to),
      'archive:chooseFolder': async () => ({ dir: (await this.options.chooseFolder?.()) ?? null }),
      'server:connect': async (i) => {
        await this.remote().connect(i.url, i.name, i.password);
        // Open views search again: their answers now come from the server.
        this.events.emit({ type: 'archive-changed' });
        return this.info();
      },
      'server:teamNotes': (i) => this.remote().teamNotes(i.articleId),
      'server:shareNote': (i) => this.remote().shareNote(i),
      'server:connection': () => this.remote().connection(),
      'server:upload': (i) => this.remote().upload(i.dir, i.label),
      'server:jobs': () => this.remote().jobs(),
      'server:retryJob': (i) => this.remote().retryJob(i.id),
      'server:disconnect': async () => {
        await this.remote().disconnect();
        this.events.emit({ type: 'archive-changed' });
        return this.info();
      },
      'articles:list': () => this.listArticles(),
      'articles:get': (i) => this.getArticle(i.id, i.query),
      'articles:correct': async (i) => {
        await (await this.open()).correct(i.id, i.correction);
        return this.getArticle(i.id);
      },
      'articles:correctText': (i) => correctText(corrections, i),
      'corrections:export': (i) => exportCorrectionsFile(corrections, i.save),
      'corrections:import': (i) => importCorrectionsFile(corrections, i.content),
      'articles:reveal': (i) => this.reveal(i.id),
      'articles:pageFile': async (i) => {
        const library = await this.open();
        await this.article(i.id);
        const where = library.catalog.locate(i.id);
        if (!where) throw new ArchiveError('not-found', `no article with id ${i.id}`);
        return (await import('./page-file')).readPageFile(where.root, where.file);
      },
      'search:query': (i) => this.search(i.query, { limit: i.limit, offset: i.offset, sort: i.sort }),
      'search:cite': async (i) =>
        (await import('./notes/export-citations')).citeSearch(i, {
          search: (query, options) => this.search(query, options),
          articles: async (ids) => (await this.open()).catalog.articles(ids),
          saveFile: this.options.saveFile,
        }),
      'search:trends': (i) => this.trends(i.queries, i.by),
      'search:collocates': (i) => this.collocates(i.query, { width: i.width, limit: i.limit }),
      'search:concordance': (i) =>
        this.concordance(i.query, { sort: i.sort, width: i.width, limit: i.limit }),
      'search:suggest': async (i) =>
        (await (await this.open()).ensureIndex()).suggest(i.prefix, i.limit ?? 10),
      'browse:list': (i) => this.browse(i.publication, i.date),
      'metrics:article': async (i) => metricsOf(await this.article(i.id)),
      'metrics:explore': async (i) => {
        const library = await this.open();
        // The label is text, not a query: its pieces (and every spelling of a unit it names) are
        // matched literally, whatever syntax they look like (OR, -x, title:).
        const ids = await (await library.ensureIndex()).matchIds(metricsCandidateQuery(i.label));
        const candidates = library.catalog.articles(ids);
        return exploreMetrics(candidates, i.label, i.kinds, i.limit);
      },
      'settings:get': () => this.settings.get(),
      'settings:update': (i) => this.settings.update(i),
      'tasks:cancel': async (i) => ({
        cancelled: (this.library ?? this.opening)?.tasks.cancel(i.task) ?? false,
      }),
      ...notesHandlers(
        {
          dataDir: this.dataDir,
          article: (id) => this.article(id),
          articles: async () => this.notedArticles(await this.open()),
          saveFile: this.options.saveFile,
        },
        () => this.notes(),
      ),
    };
    return this.guard(() => handlers[channel](input));
  }
}
