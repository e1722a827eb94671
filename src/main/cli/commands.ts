/** The CLI's commands, each a small function over the service. */
import { readFile, writeFile } from 'node:fs/promises';
import { CITATION_FORMATS, CITE_SEARCH_LIMIT, isCitationFormat } from '../../shared/citation-formats';
import type { ExportFormat } from '../../shared/notes-types';
import type { QueryIssue, SearchSort } from '../../shared/search-types';
import type { ArticleCorrection } from '../../shared/types';
import { citeSearch } from '../core/notes/export-citations';
import type { ArchiveService } from '../core/service';
import {
  formatArticle,
  formatArticles,
  formatCorrectionsImport,
  formatHistory,
  formatImport,
  formatMetrics,
  formatSearch,
} from './format';

export class UsageError extends Error {}

export interface CommandContext {
  service: ArchiveService;
  args: string[];
  values: Record<string, string | string[] | boolean | undefined>;
  print: (json: unknown, text: string) => void;
  warn: (line: string) => void;
}

type Command = (c: CommandContext) => Promise<number>;

function wholeNumber(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${String(value)}"`);
  }
  return n;
}

function exactly(c: CommandContext, count: number, what: string): void {
  if (c.args.length !== count) throw new UsageError(what);
}

/** Writes an exported file to --out, or its text to stdout. */
async function deliver(c: CommandContext, content: string): Promise<void> {
  if (typeof c.values.out === 'string') {
    await writeFile(c.values.out, content, 'utf8');
    c.warn(`wrote ${c.values.out}`);
  } else process.stdout.write(content.endsWith('\n') ? content : `${content}\n`);
}

/** `search QUERY --cite FORMAT`: the hits as a citation file, with the query's problems on stderr. */
async function cite(c: CommandContext, sort: SearchSort): Promise<number> {
  const format = c.values.cite;
  if (!isCitationFormat(format)) {
    throw new UsageError(`--cite must be ris, bibtex or csl, got "${String(format)}"`);
  }
  if (c.values.offset !== undefined) throw new UsageError('--offset does not apply to --cite');
  const limit = wholeNumber(c.values.limit, 'limit', 1, 10000, CITE_SEARCH_LIMIT);
  let issues: QueryIssue[] = [];
  const file = await citeSearch(
    { query: c.args.join(' '), format, limit, sort },
    {
      search: async (query, options) => {
        const result = await c.service.search(query, options);
        issues = result.issues;
        return result;
      },
      articles: async (ids) => (await c.service.open()).catalog.articles(ids),
    },
  );
  for (const issue of issues) c.warn(`${issue.severity}: ${issue.message}`);
  const content = file.content ?? '';
  if (c.values.json && typeof c.values.out !== 'string') c.print({ ...file, content }, content);
  else await deliver(c, content);
  return issues.some((i) => i.severity === 'error') ? 1 : 0;
}

const search: Command = async (c) => {
  if (c.args.length === 0) throw new UsageError('search needs a QUERY');
  const sort = c.values.sort ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'newest' && sort !== 'oldest') {
    throw new UsageError(`--sort must be relevance, newest or oldest, got "${String(sort)}"`);
  }
  if (c.values.cite !== undefined) return cite(c, sort);
  const limit = wholeNumber(c.values.limit, 'limit', 1, 10000, 20);
  const offset = wholeNumber(c.values.offset, 'offset', 0, 10_000_000, 0);
  const result = await c.service.search(c.args.join(' '), { limit, offset, sort });
  for (const issue of result.issues) c.warn(`${issue.severity}: ${issue.message}`);
  c.print(
    {
      total: result.total,
      hits: result.hits.map((h) => ({
        id: h.id,
        title: h.title,
        ...(h.publication ? { publication: h.publication } : {}),
        ...(h.date ? { date: h.date } : {}),
        source: h.source,
        score: h.score,
        snippet: h.snippet,
        highlights: h.highlights,
      })),
      facets: result.facets,
      issues: result.issues,
    },
    formatSearch(result),
  );
  return result.issues.some((i) => i.severity === 'error') ? 1 : 0;
};

/** Checked here rather than with the zod schema, so that the CLI does not load zod to start. */
function isNotesFormat(value: unknown): value is ExportFormat {
  return (
    typeof value === 'string' &&
    (['md', 'json', 'csv', 'html', ...CITATION_FORMATS] as string[]).includes(value)
  );
}

const notes: Command = async (c) => {
  const [action, file] = c.args;
  const store = await c.service.notes();
  if (action === 'export') {
    const format = c.values.format;
    if (!isNotesFormat(format)) {
      throw new UsageError('notes export needs --format md, json, csv, html, ris, bibtex or csl');
    }
    const tag = typeof c.values.tag === 'string' ? c.values.tag : undefined;
    const articles = await c.service.listArticles();
    const content = await store.export({
      format,
      scope: tag ? { kind: 'tag', tag } : { kind: 'all' },
      articles,
      exportedAt: new Date().toISOString(),
    });
    await deliver(c, content);
    return 0;
  }
  if (action === 'import') {
    if (!file) throw new UsageError('notes import needs a FILE');
    const report = await store.importJson(await readFile(file, 'utf8'));
    const kept = (report.kept ?? []).map(
      (k) => `kept the stored ${k.kind} ${k.id}: the ${k.item} one's ${k.field} "${k.value}" is ${k.problem}`,
    );
    const repaired = (report.repaired ?? []).map(
      (r) =>
        `added ${r.kind} ${r.id} with ${r.field} ${r.replacedBy} in place of "${r.value}" (${r.problem})`,
    );
    c.print(
      report,
      [
        `added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, skipped ${report.skipped}`,
        ...kept,
        ...repaired,
      ].join('\n'),
    );
    return 0;
  }
  throw new UsageError('notes needs export or import');
};

export const COMMANDS: Record<string, Command> = {
  articles: async (c) => {
    exactly(c, 0, `articles takes no argument, got "${c.args[0]}"`);
    const articles = await c.service.listArticles();
    c.print(articles, formatArticles(articles));
    return 0;
  },
  article: async (c) => {
    exactly(c, 1, 'article needs exactly one ID');
    const article = await c.service.getArticle(c.args[0], c.values.query as string | undefined);
    c.print(article, formatArticle(article));
    return 0;
  },
  search,
  trends: async (c) => {
    if (c.args.length === 0 || c.args.length > 5)
      throw new UsageError('trends needs one to five QUERY arguments');
    const by = (c.values.by as string | undefined) ?? 'year';
    if (by !== 'year' && by !== 'month' && by !== 'day')
      throw new UsageError(`--by must be year, month or day, got "${by}"`);
    const result = await c.service.trends(c.args, by);
    const periods = result.series[0]?.points.map((p) => p.period) ?? [];
    const header = [
      'period',
      ...result.series.map((s) => `${s.query} (count, per million chars, per 100 articles)`),
    ];
    const rows = periods.map((period, k) =>
      [
        period || 'undated',
        ...result.series.map((s) => {
          const p = s.points[k];
          return `${p.occurrences} ${p.perMillionCharacters} ${p.perHundredArticles}`;
        }),
      ].join('\t'),
    );
    c.print(result, [header.join('\t'), ...rows].join('\n'));
    return 0;
  },
  collocates: async (c) => {
    if (c.args.length === 0) throw new UsageError('collocates needs a QUERY');
    const result = await c.service.collocates(c.args.join(' '), {
      width: wholeNumber(c.values.width, 'width', 1, 50, 10),
      limit: wholeNumber(c.values.limit, 'limit', 1, 200, 30),
    });
    const rows = result.terms.map(
      (t) => `${t.term}\t${t.lift}\t${t.contexts} of ${result.contexts} contexts\t${t.articles} articles`,
    );
    c.print(result, ['term\tlift\tnear the query\tin the archive', ...rows].join('\n'));
    return 0;
  },
  concordance: async (c) => {
    if (c.args.length === 0) throw new UsageError('concordance needs a QUERY');
    const sort = (c.values.sort as string | undefined) ?? 'article';
    if (!['left', 'right', 'date', 'paper', 'article'].includes(sort))
      throw new UsageError(`--sort must be left, right, date, paper or article, got "${sort}"`);
    const result = await c.service.concordance(c.args.join(' '), {
      sort: sort as 'left' | 'right' | 'date' | 'paper' | 'article',
      width: wholeNumber(c.values.width, 'width', 1, 200, 30),
      limit: wholeNumber(c.values.limit, 'limit', 1, 100_000, 1000),
    });
    const width = Math.max(0, ...result.lines.map((l) => l.left.length));
    const text = result.lines.map(
      (l) =>
        `${l.left.padStart(width, '\u3000')} 【${l.match}】 ${l.right}  ·  ${[l.publication, l.date].filter(Boolean).join(' ') || l.title} (${l.articleId})`,
    );
    const shown =
      result.total > result.lines.length
        ? [`${result.lines.length} of ${result.total} lines`]
        : [`${result.total} lines`];
    c.print(result, [...text, ...shown].join('\n'));
    return 0;
  },
  suggest: async (c) => {
    exactly(c, 1, 'suggest needs exactly one PREFIX');
    const suggestions = await c.service.handle('search:suggest', { prefix: c.args[0] });
    c.print(suggestions, suggestions.map((s) => `${s.kind.padEnd(5)} ${s.text}`).join('\n'));
    return 0;
  },
  import: async (c) => {
    exactly(c, 0, 'import takes no argument');
    const info = await c.service.reimport();
    if (!info.report) throw new Error('the import produced no report');
    c.print(info.report, formatImport(info.report));
    return info.report.totals.failed > 0 ? 1 : 0;
  },
  metrics: async (c) => {
    exactly(c, 1, 'metrics needs exactly one ID');
    const metrics = await c.service.handle('metrics:article', { id: c.args[0] });
    c.print(
      metrics.map(({ kind, text, value, unit, qualifier, label, start, end }) => ({
        kind,
        text,
        value,
        unit,
        qualifier,
        label,
        start,
        end,
      })),
      formatMetrics(metrics),
    );
    return 0;
  },
  correct: async (c) => {
    exactly(c, 1, 'correct needs exactly one ID');
    const correction: ArticleCorrection = {};
    for (const field of ['title', 'publication', 'date', 'page'] as const) {
      const value = c.values[field];
      if (typeof value === 'string') correction[field] = value;
    }
    if (Object.keys(correction).length === 0)
      throw new UsageError('correct needs --title, --publication, --date or --page');
    const article = await c.service.handle('articles:correct', { id: c.args[0], correction });
    c.print(article, formatArticle(article));
    return 0;
  },
  'correct-text': async (c) => {
    exactly(c, 1, 'correct-text needs exactly one ID');
    const restore = c.values.restore === true;
    const file = c.values.file;
    if (restore === (typeof file === 'string'))
      throw new UsageError('correct-text needs either --file FILE (the whole corrected text) or --restore');
    const text = typeof file === 'string' ? await readFile(file, 'utf8') : null;
    const note = typeof c.values.note === 'string' ? c.values.note : undefined;
    const article = await c.service.handle('articles:correctText', { id: c.args[0], text, note });
    c.print(article, formatArticle(article));
    return 0;
  },
  history: async (c) => {
    exactly(c, 1, 'history needs exactly one ID');
    const article = await c.service.getArticle(c.args[0]);
    const history = article.textHistory ?? [];
    c.print(history, formatHistory(article.originalText ?? article.text, history));
    return 0;
  },
  corrections: async (c) => {
    const [action, file] = c.args;
    if (action === 'export') {
      const result = await c.service.handle('corrections:export', {});
      await deliver(c, result.content ?? '');
      return 0;
    }
    if (action === 'import') {
      if (!file) throw new UsageError('corrections import needs a FILE');
      const report = await c.service.handle('corrections:import', { content: await readFile(file, 'utf8') });
      c.print(report, formatCorrectionsImport(report));
      return 0;
    }
    throw new UsageError('corrections needs export or import');
  },
  notes,
};
