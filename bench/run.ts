/**
 * npm run bench [-- --sizes 1k,10k,100k] [--engines ours,fts5,linear,...] [--corpora synth,pd1998]
 * npm run bench -- --e2e 10k|100k|1m
 *
 * For each dataset and engine, two child processes (build+save, then cold load+queries) so that
 * peak RSS and cold load are each engine's own. Prints a table with ratios against the baselines
 * of the same run, a table of p95 by query kind, and writes JSON to bench/results/.
 * With --e2e, only the end-to-end scenario of e2e.ts runs: page files, the CLI, browser mode.
 * 'pg' (PgEngine) runs on a throwaway PostgreSQL cluster that this process starts and stops (skipped,
 * with the reason, without the server binaries); its RSS is the Node process's, not the server's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { normalize } from '../src/main/core/text/normalize';
import { dataset, PD1998 } from './corpus';
import { e2e, e2eTable } from './e2e';
import pg from 'pg';
import { findPostgres, startPostgres, type PgServer } from '../tests/unit/helpers/pg-server';
import { CAPS, dropPgDatabase, ENGINES, PG_ENV } from './engines';
import { f, pct, ratio } from './stats';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1k,10k,100k' },
    engines: { type: 'string', default: Object.keys(ENGINES).join(',') },
    corpora: { type: 'string', default: 'synth,pd1998' },
    e2e: { type: 'string' },
  },
});

/** Writes the run's figures to bench/results/ and says where. */
function writeResults(figures: Record<string, unknown>): void {
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/gu, '-')}.json`);
  writeFileSync(out, JSON.stringify({ node: process.version, ...figures }, null, 2));
  console.log(`\nwritten ${path.relative(process.cwd(), out)}`);
}

if (values.e2e !== undefined) {
  const result = await e2e(values.e2e);
  console.log(e2eTable(result));
  writeResults({ e2e: result });
  process.exit(0);
}

const sizes = values.sizes.split(',');
const engines = values.engines.split(',').filter((e) => ENGINES[e]);
const corpora = values.corpora.split(',').filter((c) => c !== 'pd1998' || existsSync(PD1998));
const work = mkdtempSync(path.join(tmpdir(), 'newsstack-bench-'));

/**
 * For 'pg': a throwaway cluster for the run (the tests' helper: fsync off, a unix socket only),
 * given what a server that holds an archive would be given: 2 GB of shared buffers, and WAL
 * enough that a load is not cut by checkpoints. Restarted for shared_buffers: pg_ctl restart
 * keeps the options the helper started it with.
 */
async function pgCluster(): Promise<PgServer | null> {
  const found = findPostgres(process.env.NEWSSTACK_PG_ROOT);
  if ('reason' in found) {
    console.error(`pg: skipped, ${found.reason}`);
    return null;
  }
  const server = await startPostgres(found);
  const config = server.config('postgres');
  const client = new pg.Client(config);
  await client.connect();
  for (const setting of [
    "shared_buffers = '2GB'",
    "max_wal_size = '16GB'",
    "checkpoint_timeout = '1h'",
    "effective_cache_size = '8GB'",
  ])
    await client.query(`ALTER SYSTEM SET ${setting}`);
  await client.end();
  const data = path.join(String(config.host), 'data');
  const pgCtl = path.join(found.bin, 'pg_ctl');
  // With its log in a file and no pipes: the server would hold them open, and spawnSync would wait.
  const args = ['-D', data, '-l', path.join(String(config.host), 'server.log'), '-w', 'restart'];
  const options = { encoding: 'utf8' as const, cwd: config.host, stdio: 'ignore' as const };
  const result = found.user
    ? spawnSync('runuser', ['-u', found.user.name, '--', pgCtl, ...args], options)
    : spawnSync(pgCtl, args, options);
  if (result.status !== 0) throw new Error(`pg_ctl restart failed (${result.status}): see the server log`);
  process.env[PG_ENV] = JSON.stringify({ host: config.host, port: config.port, user: config.user });
  return server;
}
const pgServer = engines.includes('pg') ? await pgCluster() : null;
if (engines.includes('pg') && !pgServer) engines.splice(engines.indexOf('pg'), 1);

/** A fixed query set: frequent, rare (drawn deterministically from the data), phrase, multi-term, mixed. */
function querySet(articles: ReturnType<typeof dataset>): { q: string; kind: string }[] {
  const qs = [
    ...['发展', '经济', '中国', '工作', '建设'].map((q) => ({ q, kind: 'frequent' })),
    ...['改革开放', '社会主义市场经济', '科技创新', '高新技術企業'].map((q) => ({ q, kind: 'phrase' })),
    ...['经济 发展', '中国 人民 政府', '企业 科技'].map((q) => ({ q, kind: 'multi' })),
    ...['5G', 'C919', '3512.5亿元', '碚'].map((q) => ({ q, kind: 'mixed' })),
  ];
  let seed = 42;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let k = 0; k < 6; k++) {
    const text = normalize(articles[next() % articles.length].text);
    const at = next() % Math.max(1, text.length - 5);
    const q = text.slice(at, at + 5).replace(/["“”-]/gu, '');
    if (q) qs.push({ q, kind: 'rare' });
  }
  return qs;
}

function child(
  engine: string,
  name: string,
  phase: string,
  file: string,
  queries: string,
): Record<string, number & Record<string, number[]>> {
  const stdout = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'child.ts'),
      engine,
      name,
      phase,
      file,
      queries,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=6000' },
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string);
}

interface Row {
  dataset: string;
  engine: string;
  articles: number;
  chars: number;
  skipped?: string;
  buildMs?: number;
  charsPerSec?: number;
  bytes?: number;
  loadMs?: number;
  peakRssMB?: number;
  p50?: number;
  p95?: number;
  byKind?: Record<string, { p50: number; p95: number }>;
  recall?: number;
  precision?: number;
}
const rows: Row[] = [];
for (const corpus of corpora) {
  for (const size of sizes) {
    const name = `${corpus}-${size}`;
    const articles = dataset(name);
    const chars = articles.reduce((n, a) => n + a.title.length + a.text.length, 0);
    const queries = querySet(articles);
    const norm = articles.map((a) => `${normalize(a.title)}\u0000${normalize(a.text)}`);
    const truth = queries.map(({ q }) => {
      const terms = q.split(/\s+/u).map(normalize);
      return articles.filter((_, k) => terms.every((t) => norm[k].includes(t))).map((a) => a.id);
    });
    const qfile = path.join(work, `${name}.queries.json`);
    writeFileSync(qfile, JSON.stringify({ queries, truth }));
    for (const engine of engines) {
      const row: Row = { dataset: name, engine, articles: articles.length, chars };
      if (articles.length > (CAPS[engine] ?? Infinity)) {
        row.skipped = `capped at ${CAPS[engine]} articles (measured smaller sizes show it cannot finish in time or fit in memory here)`;
        rows.push(row);
        console.error(`${name} ${engine}: skipped, ${row.skipped}`);
        continue;
      }
      const file = path.join(work, `${name}.${engine}.idx`);
      try {
        const b = child(engine, name, 'build', file, qfile);
        const q = child(engine, name, 'query', file, qfile);
        const all = Object.values(q.times).flat();
        Object.assign(row, {
          buildMs: b.buildMs,
          charsPerSec: chars / (b.buildMs / 1000),
          bytes: b.bytes,
          loadMs: q.loadMs,
          peakRssMB: Math.max(b.peakRss, q.peakRss) / 2 ** 20,
          p50: pct(all, 50),
          p95: pct(all, 95),
          byKind: Object.fromEntries(
            Object.entries(q.times).map(([k, v]) => [k, { p50: pct(v, 50), p95: pct(v, 95) }]),
          ),
          recall: q.recall,
          precision: q.precision,
        });
      } catch (error) {
        row.skipped = `failed: ${(error as Error).message.split('\n')[0]}`;
      }
      rows.push(row);
      if (engine === 'pg') await dropPgDatabase(file).catch(() => undefined);
      rmSync(file, { force: true });
      console.error(
        `${name} ${engine}: ${row.skipped ?? `build ${((row.buildMs ?? 0) / 1000).toFixed(1)} s, p95 ${(row.p95 ?? 0).toFixed(2)} ms`}`,
      );
    }
  }
}
rmSync(work, { recursive: true, force: true });
// The figures matter more than the cleanup: a cluster that will not stop is reported, not fatal.
await pgServer?.stop().catch((error: unknown) => {
  console.error(`pg: could not stop the throwaway cluster: ${(error as Error).message}`);
});

const KINDS = ['frequent', 'phrase', 'multi', 'mixed', 'rare'];
const find = (r: Row, engine: string): Row | undefined =>
  rows.find((x) => x.dataset === r.dataset && x.engine === engine && !x.skipped);
const lines = [
  'dataset        engine              build s  Mchar/s  size MB  load ms  RSS MB   p50 ms  p95 ms  recall  prec   | ours vs: build(bigram)  p95(linear)  p95(fts5)',
];
for (const r of rows) {
  if (r.skipped) {
    lines.push(`${r.dataset.padEnd(14)} ${r.engine.padEnd(19)} ${r.skipped}`);
    continue;
  }
  if (r.buildMs === undefined || r.charsPerSec === undefined || r.bytes === undefined) continue;
  const extra =
    r.engine === 'ours'
      ? `| ${ratio(r.buildMs, find(r, 'minisearch-bigram')?.buildMs).padStart(8)} ${ratio(r.p95, find(r, 'linear')?.p95).padStart(12)} ${ratio(r.p95, find(r, 'fts5')?.p95).padStart(12)}`
      : '';
  lines.push(
    `${r.dataset.padEnd(14)} ${r.engine.padEnd(19)} ${f(r.buildMs / 1000, 2).padStart(7)} ${f(r.charsPerSec / 1e6, 2).padStart(8)} ${f(r.bytes / 2 ** 20).padStart(8)} ${f(r.loadMs, 0).padStart(8)} ${f(r.peakRssMB, 0).padStart(7)} ${f(r.p50, 2).padStart(8)} ${f(r.p95, 2).padStart(7)} ${f(r.recall, 3).padStart(7)} ${f(r.precision, 3).padStart(6)} ${extra}`,
  );
}
lines.push(
  '',
  'p95 by kind (ms)',
  `dataset        engine             ${KINDS.map((k) => k.padStart(9)).join('')}  | ours vs fts5: ${KINDS.map((k) => k.padStart(9)).join('')}  | ours vs linear (all)`,
);
for (const r of rows) {
  if (r.skipped || !r.byKind) continue;
  const kinds = KINDS.map((k) => f(r.byKind?.[k]?.p95, 2).padStart(9)).join('');
  const fts = find(r, 'fts5');
  const extra =
    r.engine === 'ours'
      ? `  | ${''.padStart(13)} ${KINDS.map((k) => ratio(r.byKind?.[k]?.p95, fts?.byKind?.[k]?.p95).padStart(9)).join('')}  | ${ratio(r.p95, find(r, 'linear')?.p95).padStart(8)}`
      : '';
  lines.push(`${r.dataset.padEnd(14)} ${r.engine.padEnd(18)} ${kinds}${extra}`);
}
const withPg = rows.filter((r) => r.engine === 'pg' && !r.skipped);
if (withPg.length) {
  lines.push(
    '',
    'pg beside ours (same run): p50/p95 ms by kind; import = build (articles/s); pg/ours = how many times slower (or bigger) pg is',
    `dataset        engine  ${KINDS.map((k) => k.padStart(15)).join('')}  import/s  size MB  bytes/article`,
  );
  const cell = (a?: number, b?: number): string =>
    `${f(a, a !== undefined && a >= 100 ? 0 : 1)}/${f(b, b !== undefined && b >= 100 ? 0 : 1)}`;
  for (const r of withPg) {
    const o = find(r, 'ours');
    for (const x of [o, r]) {
      if (!x?.byKind || x.buildMs === undefined) continue;
      lines.push(
        `${x.dataset.padEnd(14)} ${x.engine.padEnd(7)} ${KINDS.map((k) => cell(x.byKind?.[k]?.p50, x.byKind?.[k]?.p95).padStart(15)).join('')} ${f(x.articles / (x.buildMs / 1000), 0).padStart(9)} ${f((x.bytes ?? 0) / 2 ** 20, 0).padStart(8)} ${f((x.bytes ?? 0) / x.articles, 0).padStart(14)}`,
      );
    }
    if (!o?.byKind || o.buildMs === undefined || r.buildMs === undefined) continue;
    const times = (a?: number, b?: number): string => (a && b ? `${(a / b).toFixed(1)}x` : '-');
    lines.push(
      `${r.dataset.padEnd(14)} ${'pg/ours'.padEnd(7)} ${KINDS.map((k) => `${times(r.byKind?.[k]?.p50, o.byKind?.[k]?.p50)}/${times(r.byKind?.[k]?.p95, o.byKind?.[k]?.p95)}`.padStart(15)).join('')} ${times(r.buildMs, o.buildMs).padStart(9)} ${times(r.bytes, o.bytes).padStart(8)}`,
    );
  }
}
console.log(lines.join('\n'));
writeResults({ sizes, engines, corpora, rows });
