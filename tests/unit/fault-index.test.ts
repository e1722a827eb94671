import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_FILE } from '../../src/main/core/catalog';
import { CLI, TSX } from './helpers/cli';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], killAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    // tsx runs the CLI in a child process of its own: start a process group and kill all of it.
    const child = spawn(TSX, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer =
      killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** An archive big enough that building and writing the index takes a noticeable moment. */
function bigArchive(): string {
  const dir = tempDir();
  const pages = readdirSync(SAMPLE_ARCHIVE).map((f) => readFileSync(path.join(SAMPLE_ARCHIVE, f), 'utf8'));
  for (let i = 0; i < 60; i++) {
    const sub = path.join(dir, `batch${Math.floor(i / 20)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      path.join(sub, `page-${i}.txt`),
      `${pages[i % pages.length]}\n\n第${i}期特刊\n\n编号${i}的报道。\n`,
    );
  }
  return dir;
}

describe('the archive database survives a crash while it is written, and damage', () => {
  it('a process killed at any moment leaves a database that answers right', async () => {
    const archive = bigArchive();
    const query = ['search', '高新技术企业', '--archive', archive, '--json', '--limit', '500'];
    const reference = await runCli([...query, '--data', tempDir()]);
    expect(reference.code).toBe(0);
    const expected = JSON.parse(reference.stdout) as { total: number };
    expect(expected.total).toBeGreaterThanOrEqual(60);

    const data = tempDir();
    for (const killAfter of [400, 1000, 1600, 2400]) {
      const killed = await runCli([...query, '--data', data], killAfter);
      expect(killed.signal === 'SIGKILL' || killed.code === 0).toBe(true);
      const after = await runCli([...query, '--data', data]);
      expect(after.stderr).toBe('');
      expect(JSON.parse(after.stdout)).toEqual(expected);
    }
  }, 180_000);

  it('a truncated or garbled archive database is set aside and built again, not trusted', async () => {
    const archive = bigArchive();
    const data = tempDir();
    const query = ['search', '科技创新', '--archive', archive, '--data', data, '--json', '--limit', '500'];
    const first = await runCli(query);
    expect(first.code).toBe(0);
    const database = path.join(data, CATALOG_FILE);
    expect(statSync(database).size).toBeGreaterThan(0);

    truncateSync(database, Math.floor(statSync(database).size / 2));
    const afterTruncation = await runCli(query);
    expect(afterTruncation.stderr).toBe('');
    expect(JSON.parse(afterTruncation.stdout)).toEqual(JSON.parse(first.stdout));

    // Garbage over the header: not a database any more.
    const bytes = readFileSync(database);
    bytes.fill(0x37, 0, 4096);
    writeFileSync(database, bytes);
    const afterDamage = await runCli(query);
    expect(afterDamage.stderr).toBe('');
    expect(JSON.parse(afterDamage.stdout)).toEqual(JSON.parse(first.stdout));
    // The damaged files are kept beside the new database, never deleted.
    expect(readdirSync(data).filter((f) => f.startsWith(`${CATALOG_FILE}.damaged-`)).length).toBe(2);
  }, 120_000);
});
