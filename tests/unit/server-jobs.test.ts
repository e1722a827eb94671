import { tmpdir } from 'node:os';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgEngine } from '../../src/main/core/search/pg/engine';
import { ArchiveService } from '../../src/main/core/service';
import { startTeamServer, type RunningTeamServer } from '../../src/main/server/http';
import { importIntoEngine } from '../../src/main/server/import';
import { ImportJobs, STALE_MS, UPLOAD_STALE_MS } from '../../src/main/server/jobs';
import { TeamStore } from '../../src/main/server/team';
import { findPostgres } from './helpers/pg-server';
import { startTeamDatabase, type TeamDatabase } from './helpers/team-database';
import { TeamClient } from './helpers/team-client';
import { archiveWith, tempDir } from './helpers/tmp';

const found = findPostgres();
const skip = 'reason' in found ? found.reason : null;

const PARK = '江北区新建三座口袋公园\n\n本报讯 江北区新建三座口袋公园，市民可免费入园。\n';
const RAIL = '轨道交通环线年内通车\n\n本报讯 轨道交通环线西北环段预计年内建成通车。\n';

describe.skipIf(skip !== null)(`import jobs and uploads${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: TeamDatabase;
  let pool: pg.Pool;
  let engine: PgEngine;
  let uploads: string;
  let server: RunningTeamServer;

  const start = async (): Promise<RunningTeamServer> =>
    startTeamServer({
      team: await TeamStore.open(pool),
      engine,
      importRoot: tmpdir(),
      jobs: new ImportJobs(pool, (folder, progress) => importIntoEngine(engine, folder, progress)),
      uploads,
    });

  beforeAll(async () => {
    if ('reason' in found) return;
    db = await startTeamDatabase(found, [
      ['wang', 'editor-password-1', 'editor'],
      ['liu', 'editor-password-2', 'editor'],
      ['zhang', 'reader-password-1', 'reader'],
    ]);
    ({ pool, engine } = db);
    uploads = tempDir();
    server = await start();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await db?.stop();
  });

  const login = async (name: string, password: string): Promise<TeamClient> => {
    const client = new TeamClient(server.url);
    expect((await client.login(name, password)).status).toBe(200);
    return client;
  };

  it('an editor uploads a folder of pages, imports it, and sees every page file of the job', async () => {
    const wang = await login('wang', 'editor-password-1');
    const job = await wang.call('POST', '/api/uploads', { label: '江北报 2023年5月' });
    expect(job.status).toBe(201);
    expect(job.body).toMatchObject({
      kind: 'upload',
      state: 'receiving',
      user: 'wang',
      label: '江北报 2023年5月',
    });
    expect(job.body.folder).toBeUndefined(); // the server's folders are not shown
    const id = String(job.body.id);
    const put = (file: string, data: string | Buffer) =>
      wang.upload(`/api/uploads/${id}/files?path=${encodeURIComponent(file)}`, data);
    expect((await put('2023-05/2023-05-06_江北报_01.txt', PARK)).status).toBe(201);
    expect((await put('2023-05/2023-05-07_江北报_02.txt', RAIL)).status).toBe(201);
    expect((await put('2023-05/封面.jpg', Buffer.from([0xff, 0xd8, 0xff]))).status).toBe(201);
    // Paths that would leave the job's folder, or hide from the importer, are refused.
    for (const bad of ['../escape.txt', '/etc/passwd', '2023-05/../../x.txt', '.hidden.txt', 'a\\b.txt', ''])
      expect((await put(bad, 'x')).status, bad).toBe(400);

    const started = await wang.call('POST', `/api/uploads/${id}/import`, {});
    expect(started.status).toBe(202);
    await expect
      .poll(async () => (await wang.call('GET', `/api/jobs/${id}`)).body, { timeout: 20_000 })
      .toMatchObject({ state: 'done', articles: 2, written: 2, received: 3, done: 2, total: 2 });
    const pages = await wang.call('GET', `/api/jobs/${id}/pages`);
    expect(pages.body).toEqual([
      expect.objectContaining({ file: '2023-05/2023-05-06_江北报_01.txt', status: 'new', articles: 1 }),
      expect.objectContaining({ file: '2023-05/2023-05-07_江北报_02.txt', status: 'new', articles: 1 }),
      expect.objectContaining({ file: '2023-05/封面.jpg', status: 'skipped', articles: 0 }),
    ]);
    expect(((pages.body as unknown as { problems: string[] }[])[2].problems[0] ?? '').length).toBeGreaterThan(
      0,
    );
    // The team finds the pages, dated from their names, and the originals are kept on the server.
    const found = await wang.call('POST', '/api/search', { query: '口袋公园' });
    expect(found.body.hits).toMatchObject([{ title: '江北区新建三座口袋公园', date: '2023-05-06' }]);
    const [folder] = readdirSync(uploads);
    expect(readFileSync(path.join(uploads, folder, '2023-05', '2023-05-06_江北报_01.txt'), 'utf8')).toBe(
      PARK,
    );
    expect(readdirSync(path.join(uploads, folder, '2023-05')).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(existsSync(path.join(uploads, 'escape.txt'))).toBe(false);

    // An imported upload takes no more files, and cannot be started twice.
    expect((await put('2023-05/late.txt', RAIL)).status).toBe(409);
    expect((await wang.call('POST', `/api/uploads/${id}/import`, {})).status).toBe(409);
  });

  it('an upload is its owner’s: another editor cannot add to it, a reader cannot upload', async () => {
    const wang = await login('wang', 'editor-password-1');
    const liu = await login('liu', 'editor-password-2');
    const zhang = await login('zhang', 'reader-password-1');
    expect((await zhang.call('POST', '/api/uploads', {})).status).toBe(403);
    const job = await wang.call('POST', '/api/uploads', {});
    const id = String(job.body.id);
    expect((await liu.upload(`/api/uploads/${id}/files?path=a.txt`, PARK)).status).toBe(404);
    expect((await zhang.upload(`/api/uploads/${id}/files?path=a.txt`, PARK)).status).toBe(403);
    expect((await liu.call('POST', `/api/uploads/${id}/import`, {})).status).toBe(404);
    expect((await zhang.call('GET', '/api/jobs')).status).toBe(403);
  });

  it('jobs outlive the server; one cut off by a stop is shown interrupted and runs again', async () => {
    const wang = await login('wang', 'editor-password-1');
    const folder = archiveWith({ '2023-06-01_江北报_01.txt': PARK, '2023-06-02_江北报_02.txt': RAIL });
    const done = await wang.call('POST', '/api/import', { folder, label: '六月' });
    await expect
      .poll(async () => (await wang.call('GET', `/api/jobs/${String(done.body.id)}`)).body.state)
      .toBe('done');

    // A server that stops in the middle of an import: its job stays "running" in the database.
    const stuck = new ImportJobs(pool, () => new Promise(() => undefined));
    const [user] = (await pool.query<{ id: number }>(`SELECT id FROM team_users WHERE name = 'wang'`)).rows;
    const cut = await stuck.create({ id: user.id, name: 'wang', role: 'editor' }, 'folder', folder, '六月');
    await stuck.start(cut.id);
    await server.close();
    server = await start();
    const again = await login('wang', 'editor-password-1');
    // The job list is the database's: the finished job is still there after the restart.
    const list = (await again.call('GET', '/api/jobs')).body as unknown as { id: number; state: string }[];
    expect(list.find((j) => j.id === done.body.id)).toMatchObject({ state: 'done' });
    expect(list.find((j) => j.id === cut.id)).toMatchObject({ state: 'running' });
    // Once its heartbeat is older than STALE_MS, it is interrupted, with the reason.
    await pool.query(`UPDATE import_jobs SET heartbeat = now() - make_interval(secs => $2) WHERE id = $1`, [
      cut.id,
      STALE_MS / 1000 + 1,
    ]);
    const interrupted = await again.call('GET', `/api/jobs/${cut.id}`);
    expect(interrupted.body).toMatchObject({ state: 'interrupted' });
    expect(String(interrupted.body.error)).toMatch(/server stopped during this import/);
    expect((await again.call('POST', `/api/jobs/${String(done.body.id)}/retry`, {})).status).toBe(400);
    const retried = await again.call('POST', `/api/jobs/${cut.id}/retry`, {});
    expect(retried.status).toBe(202);
    // Once: the old job names the new one, and is not run a second time.
    expect((await again.call('GET', `/api/jobs/${cut.id}`)).body.retriedAs).toBe(retried.body.id);
    const twice = await again.call('POST', `/api/jobs/${cut.id}/retry`, {});
    expect(twice.status).toBe(400);
    expect(String((twice.body.error as { message: string }).message)).toMatch(/was run again already/);
    await expect
      .poll(async () => (await again.call('GET', `/api/jobs/${String(retried.body.id)}`)).body)
      .toMatchObject({ state: 'done', label: '六月', articles: 2, written: 0 });
    // Read again, nothing changed: the articles were written by the first job.
    const pages = (await again.call('GET', `/api/jobs/${String(retried.body.id)}/pages`)).body;
    expect(pages).toHaveLength(2);
  });

  it('the desktop app uploads a folder from this computer and follows the job; a reader is told why not', async () => {
    const data = tempDir();
    const service = new ArchiveService({ archiveDirs: [], dataDir: data });
    await service.handle('server:connect', { url: server.url, name: 'wang', password: 'editor-password-1' });
    const dir = archiveWith({
      '2023-07-01_江北报_01.txt':
        '江北嘴金融城新入驻企业十二家\n\n本报讯 江北嘴金融城上半年新入驻企业十二家。\n',
      '版面/2023-07-02_江北报_02.txt': '观音桥商圈夜间消费增长\n\n本报讯 观音桥商圈夜间消费同比增长。\n',
      'scan.jpg': Buffer.from([0xff, 0xd8, 0xff]),
    });
    const job = await service.handle('server:upload', { dir, label: '七月' });
    expect(job).toMatchObject({ kind: 'upload', label: '七月', user: 'wang', received: 2 });
    await expect
      .poll(async () => (await service.handle('server:jobs', {})).find((j) => j.id === job.id), {
        timeout: 20_000,
      })
      .toMatchObject({ state: 'done', articles: 2, written: 2 });
    const hits = await service.handle('search:query', { query: '金融城' });
    expect(hits.hits.map((h) => h.title)).toEqual(['江北嘴金融城新入驻企业十二家']);
    await expect(service.handle('server:upload', { dir: tempDir() })).rejects.toThrow(
      /holds no page files to upload/u,
    );

    await service.handle('server:disconnect', {});
    await service.handle('server:connect', { url: server.url, name: 'zhang', password: 'reader-password-1' });
    await expect(service.handle('server:upload', { dir })).rejects.toThrow(
      /^only editors and admins add pages to the server/u,
    );
    expect(await service.handle('server:jobs', {})).toEqual([]);
    await service.close();
  });

  it('imports folders only under the import root, and ends uploads left unfinished', async () => {
    const wang = await login('wang', 'editor-password-1');
    const outside = await wang.call('POST', '/api/import', { folder: '/etc' });
    expect(outside.status).toBe(403);
    expect(String((outside.body.error as { message: string }).message)).toMatch(
      /is not under the import folder/,
    );
    const escape = await wang.call('POST', '/api/import', { folder: '../../etc' });
    expect(escape.status).toBe(403);

    // An upload the app stopped sending: after UPLOAD_STALE_MS without a file, it is ended.
    const left = await wang.call('POST', '/api/uploads', { files: 3 });
    const id = String(left.body.id);
    expect((await wang.upload(`/api/uploads/${id}/files?path=a.txt`, PARK)).status).toBe(201);
    await pool.query(`UPDATE import_jobs SET heartbeat = now() - make_interval(secs => $2) WHERE id = $1`, [
      left.body.id,
      UPLOAD_STALE_MS / 1000 + 1,
    ]);
    const ended = await wang.call('GET', `/api/jobs/${id}`);
    expect(ended.body).toMatchObject({ state: 'interrupted', received: 1 });
    expect(String(ended.body.error)).toMatch(/upload stopped before its import was started/);
    expect((await wang.upload(`/api/uploads/${id}/files?path=b.txt`, RAIL)).status).toBe(409);
  });
});
