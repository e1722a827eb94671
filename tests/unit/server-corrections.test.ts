import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgEngine } from '../../src/main/core/search/pg/engine';
import { ArchiveService } from '../../src/main/core/service';
import { archiveCalls } from '../../src/main/server/calls';
import { ServerCorrections } from '../../src/main/server/corrections';
import { startTeamServer, type RunningTeamServer } from '../../src/main/server/http';
import { importIntoEngine } from '../../src/main/server/import';
import { ImportJobs } from '../../src/main/server/jobs';
import { findPostgres } from './helpers/pg-server';
import { startTeamDatabase, type TeamDatabase } from './helpers/team-database';
import { TeamClient } from './helpers/team-client';
import { archiveWith, tempDir } from './helpers/tmp';

const found = findPostgres();
const skip = 'reason' in found ? found.reason : null;

// An OCR slip: 二〇二三年 read as 二O二三年, and 园区 as 圆区.
const PRINTED = '本报讯 二O二三年，江北区新建三座口袋公园。圆区内设有儿童游乐设施。';
const PAGE = `江北区新建三座口袋公园\n\n${PRINTED}\n`;
const FIXED = '本报讯 二〇二三年，江北区新建三座口袋公园。园区内设有儿童游乐设施。';

describe.skipIf(skip !== null)(`corrections on a server archive${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let db: TeamDatabase;
  let pool: pg.Pool;
  let engine: PgEngine;
  let server: RunningTeamServer;
  let id = '';

  beforeAll(async () => {
    if ('reason' in found) return;
    db = await startTeamDatabase(found, [
      ['wang', 'editor-password-1', 'editor'],
      ['zhang', 'reader-password-1', 'reader'],
    ]);
    ({ pool, engine } = db);
    const { team } = db;
    const calls = archiveCalls(pool, engine);
    await importIntoEngine(
      engine,
      archiveWith({ '2023-05-06_江北报_01.txt': PAGE }),
      () => undefined,
      calls.corrections,
    );
    id = (await engine.search('口袋公园')).hits[0].id;
    server = await startTeamServer({
      team,
      engine,
      ...calls,
      importRoot: tmpdir(),
      jobs: new ImportJobs(pool, (dir, progress) =>
        importIntoEngine(engine, dir, progress, calls.corrections),
      ),
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await db?.stop();
  });

  const connected = async (name: string, password: string): Promise<ArchiveService> => {
    const service = new ArchiveService({ archiveDirs: [], dataDir: tempDir() });
    await service.handle('server:connect', { url: server.url, name, password });
    return service;
  };

  it('an editor corrects the text and the date of a server article from the desktop app', async () => {
    const wang = await connected('wang', 'editor-password-1');
    // The editor's own annotation of 儿童游乐设施, to be found again in the corrected text.
    const start = PRINTED.indexOf('儿童游乐设施');
    await wang.handle('notes:annotate', { articleId: id, start, end: start + 6, note: '核实设施数量' });

    const dated = await wang.handle('articles:correct', { id, correction: { date: '2023-05-08' } });
    expect(dated).toMatchObject({ date: '2023-05-08', corrected: ['date'] });
    const seen: string[] = [];
    wang.events.on((event) => seen.push(event.type));
    const view = await wang.handle('articles:correctText', { id, text: FIXED, note: '对照原版 PDF' });
    // Open lists and views are told to ask again.
    expect(seen).toContain('archive-changed');
    expect(view).toMatchObject({ text: FIXED, originalText: PRINTED, date: '2023-05-08' });
    expect(view.textHistory).toMatchObject([{ text: FIXED, note: '对照原版 PDF' }]);
    expect(view.corrected).toEqual(['date', 'text']);

    // The team finds both forms: the corrected words, and the slip as printed.
    const zhang = await connected('zhang', 'reader-password-1');
    expect((await zhang.handle('search:query', { query: '二〇二三年' })).hits.map((h) => h.id)).toEqual([id]);
    expect((await zhang.handle('search:query', { query: '圆区' })).hits.map((h) => h.id)).toEqual([id]);
    const read = await zhang.handle('articles:get', { id, query: '圆区' });
    expect(read.text).toBe(FIXED);
    expect(read.originalHighlights).toEqual([[PRINTED.indexOf('圆区'), PRINTED.indexOf('圆区') + 2]]);

    const [note] = await wang.handle('notes:listAnnotations', { articleId: id });
    expect(note.anchor.status).toBe('anchored');
    expect(FIXED.slice(note.selector.position.start, note.selector.position.end)).toBe('儿童游乐设施');

    // Who changed what is logged.
    const { rows } = await pool.query<{ name: string }>(
      `SELECT u.name FROM correction_log l JOIN team_users u ON u.id = l.user_id WHERE l.article_id = $1 ORDER BY l.id`,
      [id],
    );
    expect(rows.map((r) => r.name)).toEqual(['wang', 'wang']);
    await wang.close();
    await zhang.close();
  });

  it('a reader cannot correct, and is told why', async () => {
    const zhang = await connected('zhang', 'reader-password-1');
    await expect(zhang.handle('articles:correctText', { id, text: '乱改', note: '' })).rejects.toThrow(
      /^your role on the server does not allow this/u,
    );
    await expect(
      zhang.handle('articles:correct', { id, correction: { title: '乱改的标题' } }),
    ).rejects.toThrow(/^your role on the server does not allow this/u);
    expect((await zhang.handle('articles:get', { id })).title).toBe('江北区新建三座口袋公园');
    await zhang.close();
  });

  it('importing the page again keeps the team’s corrections; going back to the printed text is one more revision', async () => {
    // The same page as printed (the temporary folder of the first import is gone), and a new one.
    const again = archiveWith({
      '2023-05-06_江北报_01.txt': PAGE,
      '2023-05-07_江北报_02.txt': '轨道交通环线年内通车\n\n本报讯 轨道交通环线西北环段预计年内建成通车。\n',
    });
    const editor = new TeamClient(server.url);
    await editor.login('wang', 'editor-password-1');
    const job = await editor.call('POST', '/api/import', { folder: again });
    await expect
      .poll(async () => (await editor.call('GET', `/api/jobs/${String(job.body.id)}`)).body)
      .toMatchObject({ state: 'done', articles: 2, written: 1 });
    const wang = await connected('wang', 'editor-password-1');
    const kept = await wang.handle('articles:get', { id });
    expect(kept).toMatchObject({ text: FIXED, originalText: PRINTED, date: '2023-05-08' });

    const back = await wang.handle('articles:correctText', { id, text: null, note: '恢复原文' });
    expect(back.text).toBe(PRINTED);
    expect(back.originalText).toBeUndefined();
    expect(back.textHistory?.map((r) => r.text)).toEqual([FIXED, null]);
    expect((await wang.handle('search:query', { query: '二〇二三年' })).total).toBe(0);
    await wang.close();
  });

  it('corrections made at once neither wait forever nor lose one another', async () => {
    // More at once than the pool has connections: each holds one while it writes.
    const corrections = new ServerCorrections(pool, engine);
    const [user] = (await pool.query<{ id: number }>(`SELECT id FROM team_users WHERE name = 'wang'`)).rows;
    const wang = { id: user.id, name: 'wang', role: 'editor' as const };
    const before = (await corrections.textHistory(id))?.length ?? 0;
    const texts = Array.from({ length: 14 }, (_, k) => `${FIXED}（第${k + 1}次核对）`);
    await Promise.all(texts.map((text, k) => corrections.correctText(wang, id, text, `核对 ${k + 1}`)));
    const history = (await corrections.textHistory(id)) ?? [];
    expect(history).toHaveLength(before + texts.length);
    expect(new Set(history.slice(before).map((r) => r.text))).toEqual(new Set(texts));
    // The archive holds the last revision stored.
    const [last] = (await engine.search('核对')).hits.filter((h) => h.id === id);
    expect(last).toBeDefined();
    const stored = await pool.query<{ text: string }>('SELECT text FROM newsstack.articles WHERE id = $1', [
      id,
    ]);
    expect(stored.rows[0].text).toBe(history.at(-1)?.text);
  });
});
