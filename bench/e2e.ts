/**
 * The end-to-end scenario of `npm run bench -- --e2e 100k` (also 10k, 1m): page files in a
 * temporary folder, then the real CLI and browser mode as fresh processes, as a user meets them.
 * Every measurement is a step; a step that fails is reported with its reason and the others go on.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSize } from './corpus';
import { writeArchive, writeMarkerPages, type PageArchive, type Query } from './pages';
import { cliArgs, failure, killAll, ROOT, run, start, useBuiltCli, type Measured } from './proc';
import { f, median, padWide } from './stats';

export interface Step {
  /** A stable name for comparing runs (`import`, `search.rare`, `browser.firstAnswer` …). */
  key?: string;
  name: string;
  ms?: number;
  rssMB?: number;
  note?: string;
  error?: string;
}

export interface E2eResult {
  size: string;
  archive: Omit<PageArchive, 'dir'> & { generateMs: number };
  /** Files of the data folder after the first searches (import state, index …) and their bytes. */
  dataFiles: Record<string, number>;
  steps: Step[];
  /** The keyed steps' figures, for comparing runs: `{import: {ms, rssMB}, …}`. */
  summary: Record<string, { ms?: number; rssMB?: number; error?: string }>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function filesUnder(dir: string, base = dir): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesUnder(full, base));
    else out[path.relative(base, full)] = statSync(full).size;
  }
  return out;
}

/** The total of a `search --json` answer. */
const totalOf = (m: Measured): number => (JSON.parse(m.stdout) as { total: number }).total;

export async function e2e(sizeText: string): Promise<E2eResult> {
  const size = parseSize(sizeText);
  /** A timeout that grows with the archive: `perArticle` ms per article, at least `least` ms. */
  const budget = (perArticle: number, least: number): number => Math.max(least, size * perArticle);
  const work = mkdtempSync(path.join(tmpdir(), 'newsstack-e2e-'));
  const buildDir = path.join(import.meta.dirname, 'results', `.build-${process.pid}`);
  const archiveDir = path.join(work, 'archive');
  const data = path.join(work, 'data');
  const steps: Step[] = [];
  const cleanUp = (): void => {
    killAll();
    rmSync(work, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  };
  const onSignal = (): void => {
    cleanUp();
    process.exit(130);
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  // Also when the bench dies of an error (say, its output pipe closed): nothing is left running.
  process.once('exit', cleanUp);

  const record = (step: Step): Step => {
    steps.push(step);
    const figures = step.error
      ? `FAILED: ${step.error}`
      : `${f((step.ms ?? 0) / 1000, 2)} s${step.rssMB ? `, ${f(step.rssMB, 0)} MB` : ''}${step.note ? `, ${step.note}` : ''}`;
    console.error(`e2e ${sizeText}: ${step.name}: ${figures}`);
    return step;
  };
  /** Runs one process as a step: its wall time, peak RSS and, through `note`, what it answered. */
  const measure: Measure = async (key, name, args, timeoutMs, note) => {
    const m = await run(args, timeoutMs);
    let error = failure(m);
    let text: string | undefined;
    try {
      if (!error && note) text = note(m);
    } catch (e) {
      error = `unexpected output: ${(e as Error).message}`;
    }
    return { ...record({ key, name, ms: m.ms, rssMB: m.rssMB, note: text, error }), measured: m };
  };
  /** Median of `times` runs of the same process, as one step. */
  const baseline = async (key: string, name: string, args: string[], times = 3): Promise<void> => {
    const runs = [];
    for (let k = 0; k < times; k++) runs.push(await run(args, 60_000));
    const bad = runs.map(failure).find(Boolean);
    record({
      key,
      name: `${name} (median of ${times})`,
      ms: median(runs.map((r) => r.ms)),
      rssMB: median(runs.flatMap((r) => (r.rssMB ? [r.rssMB] : []))),
      error: bad,
    });
  };

  try {
    const t = performance.now();
    const archive = writeArchive(archiveDir, size);
    const generateMs = performance.now() - t;
    if (archive.note) console.error(`e2e ${sizeText}: ${archive.note}`);
    console.error(
      `e2e ${sizeText}: ${archive.articles} articles in ${archive.files} page files, ${archive.folders} folders, ${f(archive.bytes / 2 ** 20)} MB (${archive.source}), written in ${f(generateMs / 1000, 1)} s`,
    );
    const { dir: _dir, ...described } = archive;
    const result: E2eResult = {
      size: sizeText,
      archive: { ...described, generateMs },
      dataFiles: {},
      steps,
      summary: {},
    };
    const at = ['--archive', archiveDir, '--data', data];

    await baseline('node', 'node -e 0: bare Node start', ['-e', '0']);
    await baseline('tsx', 'node --import tsx -e 0: tsx start', ['--import', 'tsx', '-e', '0']);
    await baseline('help.tsx', 'cli --help through tsx (npm run cli)', cliArgs('--help'));
    // The app as a user runs it is built: the CLI steps below run the built CLI (out/main/cli.js).
    const built = await buildApp(buildDir, record);
    if (built) useBuiltCli(path.join(buildDir, 'main', 'cli.js'));
    await baseline(
      'help',
      `cli --help: ${built ? 'the built CLI' : 'tsx'} and its first modules`,
      cliArgs('--help'),
    );

    await measure(
      'import',
      'cli import (first)',
      cliArgs('import', ...at, '--json'),
      budget(10, 180_000),
      (m) => {
        const report = JSON.parse(m.stdout) as { totals: { articles: number; files: number } };
        return `${report.totals.articles} articles from ${report.totals.files} files`;
      },
    );
    const [first] = archive.queries;
    await measure(
      'search.first',
      `cli search ${first.q} (first after the import: builds the index)`,
      cliArgs('search', first.q, ...at, '--json'),
      budget(5, 120_000),
      (m) => `total ${totalOf(m)}`,
    );
    const cold: number[] = [];
    for (const { q, kind } of archive.queries) {
      const step = await measure(
        `search.${kind}`,
        `cli search ${kind} "${q}" (cold)`,
        cliArgs('search', q, ...at, '--json'),
        budget(2, 60_000),
        (m) => `total ${totalOf(m)}`,
      );
      if (!step.error && step.ms !== undefined) cold.push(step.ms);
    }
    record({
      key: 'search.coldMedian',
      name: `cli search, median of the ${archive.queries.length} (cold)`,
      ms: median(cold),
      error: cold.length ? undefined : 'no search succeeded',
    });
    try {
      result.dataFiles = filesUnder(data);
    } catch (error) {
      console.error(`e2e ${sizeText}: cannot list the data folder: ${(error as Error).message}`);
    }

    await browserMode(archiveDir, data, archive.queries, built ? buildDir : null, budget(5, 120_000), record);

    await addPages(
      'addFolder',
      'add a folder (extra --archive)',
      path.join(work, 'new-folder'),
      ['--archive', archiveDir, '--archive', path.join(work, 'new-folder'), '--data', data],
      measure,
      record,
      budget,
    );
    await addPages(
      'addPages',
      'add pages inside the archive (same --archive)',
      path.join(archiveDir, 'new-pages'),
      at,
      measure,
      record,
      budget,
    );
    for (const step of steps) {
      if (step.key) result.summary[step.key] = { ms: step.ms, rssMB: step.rssMB, error: step.error };
    }
    return result;
  } finally {
    cleanUp();
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', cleanUp);
  }
}

type Measure = (
  key: string | undefined,
  name: string,
  args: string[],
  timeoutMs: number,
  note?: (m: Measured) => string,
) => Promise<Step & { measured?: Measured }>;

/** Writes 5 pages with a fresh marker into `dir`, imports, then searches until the marker is found. */
async function addPages(
  key: string,
  label: string,
  dir: string,
  at: string[],
  measure: Measure,
  record: (step: Step) => Step,
  budget: (perArticle: number, least: number) => number,
): Promise<void> {
  const marker = `标记${randomBytes(4).readUInt32BE(0)}`;
  try {
    writeMarkerPages(dir, marker);
  } catch (error) {
    record({ name: `${label}: write 5 pages`, error: (error as Error).message });
    return;
  }
  const imported = await measure(
    `${key}.import`,
    `${label}: cli import`,
    cliArgs('import', ...at, '--json'),
    budget(10, 180_000),
  );
  let total = imported.ms ?? 0;
  let found = 0;
  let tries = 0;
  let error = imported.error;
  while (!error && !found && tries < 3) {
    tries++;
    const searched = await measure(
      undefined,
      `${label}: cli search ${marker}${tries > 1 ? ` (try ${tries})` : ''}`,
      cliArgs('search', marker, ...at, '--json'),
      budget(5, 120_000),
      (m) => `total ${totalOf(m)}`,
    );
    total += searched.ms ?? 0;
    error = searched.error;
    if (searched.measured && !error) found = totalOf(searched.measured);
  }
  record({
    key: `${key}.importAndFind`,
    name: `${label}: import + search until found`,
    ms: total,
    note: found ? `found in ${found} articles after ${tries} search${tries > 1 ? 'es' : ''}` : undefined,
    error: error ?? (found ? undefined : `the marker was not found after ${tries} searches`),
  });
}

/**
 * Builds the app once (electron-vite, into a folder of its own under bench/results so that out/
 * is left alone), as `npm start` does; true when it worked.
 */
async function buildApp(buildDir: string, record: (step: Step) => Step): Promise<boolean> {
  const build = await run(
    [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', buildDir],
    300_000,
  );
  const buildError = failure(build);
  record({
    key: 'build',
    name: 'build once (electron-vite; not part of any step below)',
    ms: build.ms,
    note: buildError ? 'build failed: the CLI and browser mode run from the sources through tsx' : undefined,
    error: buildError,
  });
  return !buildError;
}

/**
 * Browser mode as `npm start -- --browser` runs it: the built out/main/web.js, then the time from
 * launching it to the first successful search answer over its HTTP API with the per-run token.
 */
async function browserMode(
  archiveDir: string,
  data: string,
  queries: Query[],
  buildDir: string | null,
  timeoutMs: number,
  record: (step: Step) => Step,
): Promise<void> {
  const entry = buildDir
    ? [path.join(buildDir, 'main', 'web.js')]
    : ['--import', 'tsx', 'src/main/web/index.ts'];
  let port: number;
  try {
    port = await freePort();
  } catch (error) {
    record({ name: 'browser mode', error: `no free port: ${(error as Error).message}` });
    return;
  }
  const token = randomBytes(16).toString('hex');
  const server = start(
    [...entry, '--archive', archiveDir, '--data', data, '--port', String(port), '--token', token],
    timeoutMs + 60_000,
  );
  let listening: number | undefined;
  let articles = '';
  server.child.stdout?.on('data', () => {
    listening ??= /browser mode: http/u.test(server.stdout()) ? server.elapsed() : undefined;
    articles ||= /\((\d+) articles\)/u.exec(server.stdout())?.[1] ?? '';
  });
  let exited = false;
  void server.done.then(() => (exited = true));
  const ask = async (query: string, waitMs: number): Promise<number> => {
    const response = await fetch(`http://127.0.0.1:${port}/api/search:query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-newsstack-token': token },
      body: JSON.stringify({ query, limit: 20 }),
      signal: AbortSignal.timeout(waitMs),
    });
    const body = (await response.json()) as {
      ok: boolean;
      value?: { total: number };
      error?: { message: string };
    };
    if (!body.ok || !body.value) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    return body.value.total;
  };
  let answered: number | undefined;
  let total = 0;
  let lastError = '';
  while (answered === undefined && !exited && server.elapsed() < timeoutMs) {
    try {
      total = await ask(queries[0].q, Math.round(Math.max(1000, timeoutMs - server.elapsed())));
      answered = server.elapsed();
    } catch (error) {
      lastError = (error as Error).message;
      await sleep(25);
    }
  }
  record({
    key: 'browser.listening',
    name: 'browser mode: server listening',
    ms: listening,
    error: listening ? undefined : 'never printed its URL',
  });
  const firstError =
    answered === undefined
      ? exited
        ? `the server stopped: ${server.stdout().trim().split('\n').pop() ?? ''}`
        : `no answer within ${(timeoutMs / 1000).toFixed(0)} s (${lastError})`
      : undefined;
  record({
    key: 'browser.firstAnswer',
    name: `browser mode: launch to first search answer (${queries[0].q})`,
    ms: answered,
    note:
      answered === undefined
        ? undefined
        : `total ${total}, ${articles || '?'} articles, ${buildDir ? 'built' : 'from the sources through tsx'}`,
    error: firstError,
  });
  if (answered !== undefined) {
    const times: number[] = [];
    try {
      for (const { q } of queries) {
        const t = performance.now();
        await ask(q, 60_000);
        times.push(performance.now() - t);
      }
      record({
        key: 'browser.warmMedian',
        name: `browser mode: search over HTTP, median of ${times.length} (warm)`,
        ms: median(times),
      });
    } catch (error) {
      record({ name: 'browser mode: search over HTTP (warm)', error: (error as Error).message });
    }
  }
  const stopped = await server.stop();
  record({
    key: 'browser.rss',
    name: 'browser mode: peak RSS of the server',
    rssMB: stopped.rssMB,
    error: stopped.rssMB ? undefined : 'not measured',
  });
}

/** The e2e table: one line a step. */
export function e2eTable(r: E2eResult): string {
  const a = r.archive;
  const lines = [
    `end to end at ${r.size}: ${a.articles} articles in ${a.files} page files (${a.source}, ${a.folders} folder${a.folders === 1 ? '' : 's'}, ${f(a.bytes / 2 ** 20)} MB)${a.note ? `; ${a.note}` : ''}`,
    `${'step'.padEnd(76)} ${'wall s'.padStart(8)} ${'RSS MB'.padStart(7)}  note`,
  ];
  for (const s of r.steps) {
    lines.push(
      `${padWide(s.name, 76)} ${f(s.ms === undefined ? undefined : s.ms / 1000, 3).padStart(8)} ${f(s.rssMB, 0).padStart(7)}  ${s.error ? `FAILED: ${s.error}` : (s.note ?? '')}`,
    );
  }
  const parts = new Map<string, number>();
  for (const [file, bytes] of Object.entries(r.dataFiles)) {
    const top = file.split(path.sep)[0] + (file.includes(path.sep) ? '/' : '');
    parts.set(top, (parts.get(top) ?? 0) + bytes);
  }
  const all = [...parts.values()].reduce((n, b) => n + b, 0);
  lines.push(
    `data folder after the first searches: ${f(all / 2 ** 20)} MB (${[...parts]
      .filter(([, bytes]) => bytes > 0)
      .map(([top, bytes]) => `${top} ${f(bytes / 2 ** 20)} MB`)
      .join(', ')})`,
  );
  return lines.join('\n');
}
