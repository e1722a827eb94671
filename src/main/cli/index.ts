/**
 * Command line over the same ArchiveService the app uses: for scripting, CI and batch work.
 *   npm run cli -- articles [--archive DIR] [--data DIR] [--json]
 *   npm run cli -- article ID [--query Q] [--json]
 *   npm run cli -- search QUERY [--limit N] [--json]
 */
import { parseArgs } from 'node:util';
import { ArchiveService } from '../core/service';
import { bundledArchiveDir, defaultDataDir } from '../core/paths';
import { toErrorShape } from '../core/errors';
import { formatArticle, formatArticles, formatSearch } from './format';

const USAGE = `usage: npm run cli -- <command> [options]
commands:
  articles                 list every article
  article ID               show one article with its text
  search QUERY             search, best hits first
options:
  --archive DIR            archive folder (default: the bundled archive/)
  --data DIR               where the index and notes live (default: the app-data folder)
  --limit N                number of search hits (default 20)
  --query Q                highlight Q in the article (article)
  --json                   print JSON only`;

class UsageError extends Error {}

export async function runCli(argv: string[], out: (s: string) => void): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        archive: { type: 'string' },
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        query: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    out(USAGE);
    if (!command && !values.help) throw new UsageError('no command given');
    return;
  }
  const service = new ArchiveService({
    archiveDir: values.archive ?? bundledArchiveDir(),
    dataDir: values.data ?? defaultDataDir(),
  });
  const print = (json: unknown, text: string): void =>
    out(values.json ? JSON.stringify(json, null, 2) : text);
  switch (command) {
    case 'articles': {
      if (rest.length) throw new UsageError(`articles takes no argument, got "${rest[0]}"`);
      const articles = await service.listArticles();
      print(articles, formatArticles(articles));
      return;
    }
    case 'article': {
      if (rest.length !== 1) throw new UsageError('article needs exactly one ID');
      const article = await service.getArticle(rest[0], values.query);
      print(article, formatArticle(article));
      return;
    }
    case 'search': {
      if (rest.length === 0) throw new UsageError('search needs a QUERY');
      let limit = 20;
      if (values.limit !== undefined) {
        limit = Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 10000) {
          throw new UsageError(`--limit must be a whole number from 1 to 10000, got "${values.limit}"`);
        }
      }
      const result = await service.search(rest.join(' '), limit);
      const json = {
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
      };
      print(json, formatSearch(result));
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}" (try articles, article or search)`);
  }
}

const isMain =
  process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/gu, '/').split('/').pop() ?? '');
if (isMain) {
  runCli(process.argv.slice(2), (s) => process.stdout.write(`${s}\n`)).catch((error: unknown) => {
    const message = error instanceof UsageError ? error.message : toErrorShape(error).message;
    process.stderr.write(`error: ${message.replace(/\s+/gu, ' ')}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
