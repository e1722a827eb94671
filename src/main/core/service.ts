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
import { browse } from './browse';
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
  readonly settings: SettingsStore;

  constructor(options: ServiceOptions) {
    this.archiveDir = path.resolve(options.archiveDir);
    this.dataDir = path.resolve(options.dataDir);
    this.revealFile = options.revealFile;
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
    const imported = await importArchive(this.archiveDir);
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
      this.index = ArticleIndex.build(this.articles);
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

  async info(): Promise<ArchiveInfo> {
    await this.open();
    await this.settings.get();
    const notices: Notice[] = this.settings.notice
      ? [{ level: 'warning', message: this.settings.notice }]
      : [];
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
    };
    return handlers[channel](input);
  }
}
