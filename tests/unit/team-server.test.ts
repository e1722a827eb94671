import path from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgEngine } from '../../src/main/core/search/pg/engine';
import { CSRF_HEADER, startTeamServer, type RunningTeamServer } from '../../src/main/server/http';
import { importIntoEngine } from '../../src/main/server/import';
import { ImportJobs } from '../../src/main/server/jobs';
import { hashPassword, needsRehash, verifyPassword } from '../../src/main/server/passwords';
import { MAX_FAILURES, TeamStore } from '../../src/main/server/team';
import type { Article } from '../../src/shared/types';
import { findPostgres } from './helpers/pg-server';
import { startTeamDatabase, type TeamDatabase } from './helpers/team-database';
import { TeamClient as Client } from './helpers/team-client';
import { archiveWith } from './helpers/tmp';

const found = findPostgres();
const skip = 'reason' in found ? found.reason : null;

function article(id: string, title: string, text: string): Article {
  return { id, title, text, paragraphs: [text], source: { file: `${id}.txt`, lineStart: 1, lineEnd: 2 } };
}

describe.skipIf(skip !== null)(`newsroom server on PostgreSQL${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: TeamDatabase;
  let pool: pg.Pool;
  let team: TeamStore;
  let server: RunningTeamServer;
  let engine: PgEngine;

  beforeAll(async () => {
    if ('reason' in found) return;
    db = await startTeamDatabase(found, [
      ['zhang', 'reader-password-1', 'reader'],
      ['li', 'reader-password-2', 'reader'],
      ['wang', 'editor-password-1', 'editor'],
      ['chief', 'admin-password-1', 'admin'],
    ]);
    ({ pool, team, engine } = db);
    await engine.apply({
      upsert: [
        article('a1', '江北区智能制造项目集中签约', '本报讯 江北区举行智能制造项目集中签约仪式。'),
        article('a2', '两江新区数字经济产业园开园', '本报讯 两江新区数字经济产业园开园。'),
      ],
      remove: [],
    });
    server = await startTeamServer({
      team,
      engine,
      importRoot: tmpdir(),
      jobs: new ImportJobs(pool, (folder, progress) => importIntoEngine(engine, folder, progress)),
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await db?.stop();
  });

  it('hashes passwords with scrypt and its parameters, and checks them in constant time', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$16\$8\$2\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/u);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash(stored.replace('scrypt$16', 'scrypt$14'))).toBe(true);
  });

  it('logs in with a session cookie that scripts cannot read, and searches the shared archive', async () => {
    const reader = new Client(server.url);
    expect((await reader.call('POST', '/api/search', { query: '签约' })).status).toBe(401);
    const login = await reader.login('zhang', 'reader-password-1');
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(
      /^newsstack_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\//u,
    );
    const found = await reader.call('POST', '/api/search', { query: '智能制造' });
    expect(found.status).toBe(200);
    expect((found.body.hits as { id: string }[]).map((h) => h.id)).toEqual(['a1']);
    expect((await reader.call('GET', '/api/me')).body.user).toMatchObject({ name: 'zhang', role: 'reader' });
    await reader.call('POST', '/api/logout', {});
    expect((await reader.call('GET', '/api/me')).status).toBe(401);
  });

  it('a user never reads another user’s private notes; shared notes are the team’s', async () => {
    const zhang = new Client(server.url);
    const li = new Client(server.url);
    const wang = new Client(server.url);
    await zhang.login('zhang', 'reader-password-1');
    await li.login('li', 'reader-password-2');
    await wang.login('wang', 'editor-password-1');
    const mine = await zhang.call('POST', '/api/notes', {
      articleId: 'a1',
      quote: '智能制造',
      note: '张的私人笔记',
      shared: false,
    });
    expect(mine.status).toBe(200);
    // A reader may not share; an editor may.
    expect(
      (await zhang.call('POST', '/api/notes', { articleId: 'a1', quote: 'x', note: 'y', shared: true }))
        .status,
    ).toBe(403);
    const team = await wang.call('POST', '/api/notes', {
      articleId: 'a1',
      quote: '签约仪式',
      note: '编辑部共享批注',
      shared: true,
    });
    expect(team.status).toBe(200);

    const seenByLi = (await li.call('GET', '/api/notes?articleId=a1')).body as unknown as { note: string }[];
    expect(seenByLi.map((n) => n.note)).toEqual(['编辑部共享批注']);
    const seenByZhang = (await zhang.call('GET', '/api/notes?articleId=a1')).body as unknown as {
      note: string;
    }[];
    expect(seenByZhang.map((n) => n.note)).toEqual(['张的私人笔记', '编辑部共享批注']);
    // Not even by id: another's private note does not exist for li.
    const id = Number(mine.body.id);
    expect((await li.call('PATCH', `/api/notes/${id}`, { note: 'changed' })).status).toBe(404);
    expect((await li.call('DELETE', `/api/notes/${id}`)).status).toBe(404);
    // A reader cannot change the team's note; its author can.
    expect((await li.call('PATCH', `/api/notes/${String(team.body.id)}`, { note: 'x' })).status).toBe(403);
    expect(
      (await wang.call('PATCH', `/api/notes/${String(team.body.id)}`, { note: '已核实' })).body.note,
    ).toBe('已核实');
  });

  it('a reader cannot import or delete; an editor imports with progress; an admin deletes', async () => {
    const reader = new Client(server.url);
    await reader.login('zhang', 'reader-password-1');
    expect((await reader.call('POST', '/api/import', { folder: '/srv/pages' })).status).toBe(403);
    expect((await reader.call('DELETE', '/api/articles/a2')).status).toBe(403);
    expect((await reader.call('GET', '/api/users')).status).toBe(403);

    const editor = new Client(server.url);
    await editor.login('wang', 'editor-password-1');
    const folder = archiveWith({
      '2023-05-06_江北报_01.txt':
        '江北区新建三座口袋公园\n\n本报讯 江北区新建三座口袋公园，市民可免费入园。\n',
      '2023-05-07_江北报_02.txt': '轨道交通环线年内通车\n\n本报讯 轨道交通环线西北环段预计年内建成通车。\n',
    });
    const job = await editor.call('POST', '/api/import', { folder });
    expect(job.status).toBe(202);
    await expect
      .poll(async () => (await editor.call('GET', `/api/jobs/${String(job.body.id)}`)).body)
      .toMatchObject({ state: 'done', done: 2, total: 2, articles: 2 });
    // The team finds what was imported, dated from the file names.
    const parks = await reader.call('POST', '/api/search', { query: '口袋公园' });
    expect(parks.body.hits).toMatchObject([{ title: '江北区新建三座口袋公园', date: '2023-05-06' }]);
    const missing = await editor.call('POST', '/api/import', {
      folder: path.join(tmpdir(), 'newsstack-no-such-pages'),
    });
    await expect
      .poll(async () => (await editor.call('GET', `/api/jobs/${String(missing.body.id)}`)).body.state)
      .toBe('failed');
    expect((await editor.call('DELETE', '/api/articles/a2')).status).toBe(403);

    const admin = new Client(server.url);
    await admin.login('chief', 'admin-password-1');
    expect((await admin.call('DELETE', '/api/articles/a2')).status).toBe(200);
    expect(
      ((await admin.call('POST', '/api/search', { query: '产业园' })).body.hits as unknown[]).length,
    ).toBe(0);
    const made = await admin.call('POST', '/api/users', {
      name: 'zhao',
      password: 'new-reader-pass',
      role: 'reader',
    });
    expect(made.status).toBe(201);
  });

  it('refuses changes without the CSRF token or from another site', async () => {
    const client = new Client(server.url);
    await client.login('zhang', 'reader-password-1');
    const note = { articleId: 'a1', quote: 'q', note: 'n', shared: false };
    expect((await client.call('POST', '/api/notes', note, { [CSRF_HEADER]: 'wrong' })).status).toBe(403);
    expect((await client.call('POST', '/api/notes', note, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await client.call('POST', '/api/notes', note)).status).toBe(200);
  });

  it('limits failed logins per name: locked out after five, even with the right password', async () => {
    const client = new Client(server.url);
    for (let i = 0; i < MAX_FAILURES; i++)
      expect((await client.login('li', 'wrong-password-x')).status).toBe(401);
    const locked = await client.login('li', 'reader-password-2');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // An unknown name fails the same way, and says nothing about which part was wrong.
    const unknown = await new Client(server.url).login('nobody', 'whatever-password');
    expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'bad-login' } } });
  });
});
