/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, a server listening
 * only on a unix socket in that folder, and everything removed afterwards. The binaries come
 * from the Debian package (/usr/lib/postgresql/<version>/bin). initdb refuses to run as root:
 * as root, the cluster is made and run by the `postgres` user (which the package creates).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { PoolConfig } from 'pg';

const ROOT = '/usr/lib/postgresql';

export type PgBinaries =
  { bin: string; user?: { name: string; uid: number; gid: number } } | { reason: string };

/** The newest installed PostgreSQL's binaries, and the user to run them as; or why there are none. */
export function findPostgres(root = ROOT): PgBinaries {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    return { reason: `no PostgreSQL server binaries (${root}/*/bin/initdb; apt-get install postgresql)` };
  const bin = path.join(root, versions[0], 'bin');
  if (process.getuid?.() !== 0) return { bin };
  const id = (flag: string): number =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
  try {
    return { bin, user: { name: 'postgres', uid: id('-u'), gid: id('-g') } };
  } catch {
    return { reason: 'running as root, and there is no postgres user to run initdb as' };
  }
}

export interface PgServer {
  /** Connection settings for a database of the cluster. */
  config(database: string): PoolConfig;
  /** Makes a fresh database and returns its name. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a cluster in a fresh temporary folder. */
export async function startPostgres(found: Exclude<PgBinaries, { reason: string }>): Promise<PgServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsstack-pg-'));
  const data = path.join(dir, 'data');
  if (found.user) {
    chownSync(dir, found.user.uid, found.user.gid);
    chmodSync(dir, 0o700);
  }
  const run = (tool: string, args: string[]): void => {
    const command = found.user ? 'runuser' : path.join(found.bin, tool);
    const full = found.user ? ['-u', found.user.name, '--', path.join(found.bin, tool), ...args] : args;
    const result = spawnSync(command, full, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0)
      throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout || result.error}`);
  };
  // Any port number will do: the server listens only on its socket in this folder.
  const port = 20000 + Math.floor(Math.random() * 20000);
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const settings = [
      `-c listen_addresses=''`,
      `-c unix_socket_directories='${dir}'`,
      `-p ${port}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-o', settings, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  } catch (error) {
    const log = path.join(dir, 'server.log');
    const detail = existsSync(log) ? `\nserver log:\n${readFileSync(log, 'utf8').slice(-2000)}` : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}${detail}`, { cause: error });
  }
  let databases = 0;
  const config = (database: string): PoolConfig => ({ host: dir, port, user: 'postgres', database });
  return {
    config,
    async createDatabase() {
      const name = `test_${++databases}`;
      const client = new pg.Client(config('postgres'));
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return name;
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
