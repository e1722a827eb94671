import { tmpdir } from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgres, startPostgres, type PgServer } from './helpers/pg-server';
import { TeamClient } from './helpers/team-client';
import { archiveWith, tempDir } from './helpers/tmp';

const found = findPostgres();
const skip = 'reason' in found ? found.reason : null;
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SERVER = path.join(ROOT, 'src/main/server/index.ts');

/** `npm run server`: the README's two commands, against a real PostgreSQL. */
describe.skipIf(skip !== null)(`npm run server${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let postgres: PgServer;
  let db = '';

  beforeAll(async () => {
    if ('reason' in found) return;
    postgres = await startPostgres(found);
    const config = postgres.config(await postgres.createDatabase());
    db = `postgresql://${String(config.user)}@localhost/${String(config.database)}?host=${encodeURIComponent(
      String(config.host),
    )}&port=${String(config.port)}`;
  }, 120_000);

  afterAll(async () => {
    await postgres?.stop();
  });

  const run = (args: string[], password?: string) =>
    spawnSync(TSX, [SERVER, '--db', db, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NEWSSTACK_PASSWORD: password ?? '' },
    });

  it('adds users, says what is wrong, and serves the archive with research off the request thread', async () => {
    const missing = run(['--add-user', 'chief', '--role', 'admin']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /give the new user’s password in the NEWSSTACK_PASSWORD environment variable/,
    );
    const badRole = run(['--add-user', 'chief', '--role', 'boss'], 'admin-password-1');
    expect(badRole.stderr).toMatch(/--role must be one of reader, editor, admin/);
    const added = run(['--add-user', 'chief', '--role', 'admin'], 'admin-password-1');
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('added chief (admin)\n');

    const uploads = tempDir();
    const child = spawn(
      TSX,
      [SERVER, '--db', db, '--port', '0', '--uploads', uploads, '--import-root', tmpdir()],
      {
        env: { ...process.env, NEWSSTACK_PASSWORD: '' },
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /newsroom server on (http:\/\/\S+)/u.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`the server stopped (${code})`)));
      });
      const chief = new TeamClient(url);
      expect((await chief.login('chief', 'admin-password-1')).status).toBe(200);
      const folder = archiveWith({
        '2023-05-06_江北报_01.txt':
          '江北区科技创新大会召开\n\n本报讯 江北区召开科技创新大会，表彰科技创新企业。\n',
      });
      const job = await chief.call('POST', '/api/import', { folder });
      await expect
        .poll(async () => (await chief.call('GET', `/api/jobs/${String(job.body.id)}`)).body.state, {
          timeout: 30_000,
        })
        .toBe('done');
      const lines = await chief.call('POST', '/api/call/search:concordance', { query: '科技创新' });
      expect(lines.status).toBe(200);
      expect(lines.body.total).toBe(2);
      expect(lines.body.lines).toHaveLength(2);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(child.exitCode ?? 0).toBe(0);
  }, 120_000);
});
