/**
 * Command line over the same ArchiveService the app uses: for scripting, CI and batch work.
 * See USAGE below; with --json, stdout holds only JSON and messages go to stderr.
 */
import { parseArgs } from 'node:util';
import { toErrorShape } from '../core/errors';
import { bundledArchiveDir, defaultDataDir } from '../core/paths';
import { ArchiveService } from '../core/service';
import { COMMANDS, UsageError, type CommandContext } from './commands';

export const USAGE = `usage: npm run cli -- <command> [options]
commands:
  articles                      list every article
  article ID [--query Q]        show one article with its text (Q highlighted)
  search QUERY [--limit N] [--offset N] [--sort relevance|newest|oldest]
                                search, best hits first (space = AND, "phrase", -word, OR,
                                title:, publication:, from:YYYY-MM-DD, to:)
  search QUERY --cite ris|bibtex|csl [--limit N] [--sort S] [--out FILE]
                                the hits as citations for Zotero, EndNote, BibTeX or CSL-JSON
                                (newspaper articles; up to 1000 hits unless --limit)
  trends QUERY [QUERY …] [--by year|month|day]
                                how often each query (up to five) occurs per period: counts, per
                                million characters and per 100 articles of that period
  collocates QUERY [--width N] [--limit N]
                                words near the query far more often than in the archive at large
  concordance QUERY [--sort left|right|date|paper|article] [--width N] [--limit N]
                                every occurrence with N characters either side (keyword in context)
  suggest PREFIX                titles and frequent terms that start with PREFIX
  import                        read the archive now and report file by file
  metrics ID                    the figures of one article
  correct ID [--title T] [--publication P] [--date YYYY-MM-DD] [--page N]
                                correct an article's metadata (kept across re-imports)
  correct-text ID --file FILE [--note N]
                                replace an article's text by the corrected text in FILE (the
                                printed text is kept and stays searchable); --restore goes back to it
  history ID                    the corrections of an article's text, with what each changed
  corrections export [--out FILE]
                                every correction (metadata and texts, with history) as JSON
  corrections import FILE       merge a corrections file (nothing stored is replaced)
  notes export --format md|json|csv|html|ris|bibtex|csl [--tag T] [--out FILE]
                                ris, bibtex and csl cite the bookmarked and annotated articles
  notes import FILE             import a JSON export (no duplicates)
options:
  --archive DIR                 archive folder, may be given more than once
                                (default: the folders chosen in the app, else the bundled archive/)
  --data DIR                    where the index, notes and settings live (default: the app-data folder)
  --refresh                     read what changed in the folders first (import always does;
                                otherwise commands answer from the archive as last read, and
                                read only folders never read before)
  --json                        print JSON only`;

export async function runCli(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void = (s) => process.stderr.write(`${s}\n`),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        archive: { type: 'string', multiple: true },
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        offset: { type: 'string' },
        sort: { type: 'string' },
        query: { type: 'string' },
        format: { type: 'string' },
        cite: { type: 'string' },
        width: { type: 'string' },
        by: { type: 'string' },
        tag: { type: 'string' },
        out: { type: 'string' },
        title: { type: 'string' },
        publication: { type: 'string' },
        date: { type: 'string' },
        page: { type: 'string' },
        file: { type: 'string' },
        note: { type: 'string' },
        restore: { type: 'boolean', default: false },
        refresh: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (!command) throw new UsageError('no command given (try --help)');
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command "${command}" (try --help)`);
  const service = new ArchiveService({
    archiveDirs: values.archive,
    defaultArchiveDir: bundledArchiveDir(),
    dataDir: values.data ?? defaultDataDir(),
    // A scan stats every page file: at a million articles it would cost seconds on every command.
    scanOnOpen: values.refresh ? 'wait' : 'never',
  });
  const context: CommandContext = {
    service,
    args: rest,
    values,
    print: (json, text) => out(values.json ? JSON.stringify(json, null, 2) : text),
    warn: err,
  };
  try {
    return await run(context);
  } finally {
    await service.close();
  }
}

const isMain =
  process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/gu, '/').split('/').pop() ?? '');
if (isMain) {
  runCli(process.argv.slice(2), (s) => process.stdout.write(`${s}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof UsageError ? error.message : toErrorShape(error).message;
      process.stderr.write(`error: ${message.replace(/\s+/gu, ' ')}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    },
  );
}
