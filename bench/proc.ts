/**
 * Child processes for the end-to-end bench: wall time and peak RSS of a fresh Node process, with
 * a timeout on every one. Peak RSS comes from the bench/rss.mjs preload (getrusage at exit), and
 * from /proc polling as a fallback when the process is killed before it can write it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');
const PRELOAD = pathToFileURL(path.join(import.meta.dirname, 'rss.mjs')).href;

export interface Measured {
  ms: number;
  /** Peak resident set size in MB; undefined when neither source gave it. */
  rssMB?: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Milliseconds since the process was started. */
  elapsed(): number;
  stdout(): string;
  /** Asks the process to stop (SIGTERM, SIGKILL after 10 s) and waits for it. */
  stop(): Promise<Measured>;
  done: Promise<Measured>;
}

const live = new Set<ChildProcess>();

/** Kills what is still running (on Ctrl+C, and at the end whatever happened). */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

/** The high-water mark of a process's RSS in bytes, from /proc (Linux); 0 elsewhere or once it is gone. */
function procPeak(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/mu.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

let serial = 0;

/** Starts `node --import rss.mjs ...args` in the project root; it is killed after `timeoutMs`. */
export function start(args: string[], timeoutMs: number): Running {
  const rssFile = path.join(tmpdir(), `newsstack-bench-rss-${process.pid}-${serial++}`);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', PRELOAD, ...args], {
    cwd: ROOT,
    env: { ...process.env, NEWSSTACK_BENCH_RSS: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (err += s));
  let polled = 0;
  const poll = setInterval(() => (polled = Math.max(polled, procPeak(child.pid))), 100);
  let timedOut = false;
  let killer: NodeJS.Timeout | undefined;
  const terminate = (): void => {
    child.kill('SIGTERM');
    killer ??= setTimeout(() => child.kill('SIGKILL'), 10_000);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    terminate();
  }, timeoutMs);
  const done = new Promise<Measured>((resolve) => {
    let finished = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (finished) return;
      finished = true;
      const ms = performance.now() - t0;
      clearInterval(poll);
      clearTimeout(timer);
      clearTimeout(killer);
      live.delete(child);
      let rss = polled;
      if (existsSync(rssFile)) {
        rss = Math.max(rss, Number(readFileSync(rssFile, 'utf8')) || 0);
        rmSync(rssFile, { force: true });
      }
      resolve({
        ms,
        rssMB: rss ? rss / 2 ** 20 : undefined,
        code,
        signal,
        timedOut,
        stdout: out,
        stderr: err,
      });
    };
    child.on('close', finish);
    child.on('error', (error) => {
      err += `${error.message}\n`;
      finish(null, null);
    });
  });
  return {
    child,
    elapsed: () => performance.now() - t0,
    stdout: () => out,
    stop: () => {
      terminate();
      return done;
    },
    done,
  };
}

/** Runs a process to its end. */
export const run = (args: string[], timeoutMs: number): Promise<Measured> => start(args, timeoutMs).done;

/** The CLI as a user runs it after `npm ci`: the TypeScript sources through tsx. */
let builtCli: string | null = null;

/** Runs the CLI built by electron-vite (out/main/cli.js) from now on, instead of the sources through tsx. */
export function useBuiltCli(entry: string): void {
  builtCli = entry;
}

/** The node arguments of a CLI command: the built CLI when there is one, else the sources through tsx. */
export const cliArgs = (...args: string[]): string[] =>
  builtCli ? [builtCli, ...args] : ['--import', 'tsx', 'src/main/cli/index.ts', ...args];

/** Why a run failed, in one line; undefined when it ended well. */
export function failure(m: Measured): string | undefined {
  if (m.timedOut) return `timed out after ${(m.ms / 1000).toFixed(0)} s`;
  if (m.code === 0) return undefined;
  const line = m.stderr.trim().split('\n').filter(Boolean).pop() ?? '';
  return `exit ${m.code ?? m.signal}${line ? `: ${line.slice(0, 200)}` : ''}`;
}
