import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgEngine } from '../../src/main/core/search/pg/engine';
import { ArchiveService } from '../../src/main/core/service';
import { research } from '../../src/main/core/research';
import { ResearchWorker } from '../../src/main/core/research-worker';
import { archiveCalls } from '../../src/main/server/calls';
import { pgResearchSource } from '../../src/main/server/research';
import { SERVER_RESEARCH_WORKER, serverResearchJob } from '../../src/main/server/research-worker';
import { startTeamServer, type RunningTeamServer } from '../../src/main/server/http';
import { importIntoEngine } from '../../src/main/server/import';
import type { User } from '../../src/main/server/team';
import { findPostgres } from './helpers/pg-server';
import { startTeamDatabase, type TeamDatabase } from './helpers/team-database';
import { archiveWith, SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

const found = findPostgres();
const skip = 'reason' in found ? found.reason : null;

/** The desktop app opening a newsroom server's archive (URL + login) instead of its folders. */
describe.skipIf(skip !== null)(
  `a server archive in the desktop app${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let db: TeamDatabase;
    let pool: pg.Pool;
    let engine: PgEngine;
    let server: RunningTeamServer;
    let noted = '';
    let worker: ResearchWorker;

    beforeAll(async () => {
      if ('reason' in found) return;
      db = await startTeamDatabase(found, [
        ['zhang', 'reader-password-1', 'reader'],
        ['wang', 'editor-password-1', 'editor'],
        ['li', 'reader-password-2', 'reader'],
      ]);
      ({ pool, engine } = db);
      const { team } = db;
      const user = async (name: string) => (await team.users()).find((u) => u.name === name) as User;
      const [wang, li] = [await user('wang'), await user('li')];
      await importIntoEngine(engine, path.resolve(SAMPLE_ARCHIVE), () => undefined);
      const [first] = (await engine.search('科技创新', { limit: 1 })).hits;
      noted = first.id;
      await team.addNote(wang, {
        articleId: noted,
        quote: '科技创新',
        note: '编辑部：核实数据',
        shared: true,
      });
      await team.addNote(li, { articleId: noted, quote: '科技创新', note: '李的私人笔记', shared: false });
      // Research in the server's worker thread, with its own connections, as `npm run server` runs it.
      worker = new ResearchWorker(SERVER_RESEARCH_WORKER, serverResearchJob(db.postgres.config(db.database)));
      server = await startTeamServer({
        team,
        engine,
        ...archiveCalls(pool, engine),
        researchWorker: worker,
      });
    }, 180_000);

    afterAll(async () => {
      await server?.close();
      await worker?.close();
      await db?.stop();
    });

    it('searches and reads the server’s archive, keeps notes on this computer, and disconnects', async () => {
      const local = archiveWith({
        '2023-05-06_江北报_01.txt': '江北区新建口袋公园\n\n本报讯 江北区新建三座口袋公园。\n',
      });
      const data = tempDir();
      const service = new ArchiveService({ archiveDirs: [local], dataDir: data });
      expect((await service.handle('search:query', { query: '科技创新' })).total).toBe(0);

      // A wrong password, and an address that would send the password in clear, are refused.
      await expect(
        service.handle('server:connect', { url: server.url, name: 'zhang', password: 'wrong-password' }),
      ).rejects.toThrow(/cannot log in: wrong user name or password/u);
      await expect(
        service.handle('server:connect', { url: 'http://news.example.com', name: 'zhang', password: 'x' }),
      ).rejects.toThrow(/must start with https:\/\//u);

      const info = await service.handle('server:connect', {
        url: `${server.url}/`,
        name: 'zhang',
        password: 'reader-password-1',
      });
      expect(info.server).toEqual({ url: server.url, user: 'zhang', role: 'reader' });
      const result = await service.handle('search:query', { query: '科技创新', limit: 5 });
      expect(result.total).toBeGreaterThan(3);
      const view = await service.handle('articles:get', { id: result.hits[0].id, query: '科技创新' });
      expect(view.title).toBe(result.hits[0].title);
      expect(view.highlights.length).toBeGreaterThan(0);
      expect(view.text.slice(view.highlights[0][0], view.highlights[0][1])).toBe('科技创新');
      expect((await service.handle('search:suggest', { prefix: '科技' })).length).toBeGreaterThan(0);

      // The user's notes on a server article are theirs, on this computer.
      const at = view.text.indexOf('科技创新');
      const note = await service.handle('notes:annotate', { articleId: view.id, start: at, end: at + 4 });
      expect(note.selector.quote.exact).toBe('科技创新');
      expect((await service.handle('metrics:article', { id: view.id })).length).toBeGreaterThanOrEqual(0);
      // The team's shared notes are shown; another user's private note never is.
      const teamNotes = await service.handle('server:teamNotes', { articleId: noted });
      expect(teamNotes.map((n) => [n.author, n.note, n.shared])).toEqual([
        ['wang', '编辑部：核实数据', true],
      ]);
      // Browsing the server's archive gives what the desktop gives for the same pages.
      const desktop = new ArchiveService({ archiveDirs: [SAMPLE_ARCHIVE], dataDir: tempDir() });
      for (const level of [{}, { publication: null }, { publication: null, date: null }])
        expect(await service.handle('browse:list', level)).toEqual(
          await desktop.handle('browse:list', level),
        );
      // So does research: concordance, co-occurring terms, trends (from the server's worker, which
      // answers as the same calls made on the request thread).
      const concordance = { query: '科技创新', sort: 'left' as const, width: 12 };
      const call = { kind: 'concordance' as const, query: concordance.query, options: concordance };
      expect(await worker.run(call)).toEqual(await research(pgResearchSource(pool), engine, call));
      expect(await service.handle('search:concordance', concordance)).toEqual(
        await desktop.handle('search:concordance', concordance),
      );
      expect(await service.handle('search:collocates', { query: '改革' })).toEqual(
        await desktop.handle('search:collocates', { query: '改革' }),
      );
      expect(await service.handle('search:trends', { queries: ['科技', '改革'] })).toEqual(
        await desktop.handle('search:trends', { queries: ['科技', '改革'] }),
      );
      // And the figures of the archive by label: the metric explorer.
      const metrics = { label: '企业' };
      expect((await service.handle('metrics:explore', metrics)).length).toBeGreaterThan(5);
      expect(await service.handle('metrics:explore', metrics)).toEqual(
        await desktop.handle('metrics:explore', metrics),
      );
      await desktop.close();
      // What needs the whole local archive says so.
      await expect(service.handle('archive:reimport', {})).rejects.toThrow(
        /not available for a server archive yet/u,
      );
      await service.close();

      // Still connected after a restart; disconnecting goes back to the folders.
      const again = new ArchiveService({ archiveDirs: [local], dataDir: data });
      expect((await again.info()).server?.user).toBe('zhang');
      expect((await again.handle('search:query', { query: '科技创新' })).total).toBe(result.total);
      const back = await again.handle('server:disconnect', {});
      expect(back.server).toBeUndefined();
      expect(await again.handle('server:teamNotes', { articleId: noted })).toEqual([]);
      expect((await again.handle('search:query', { query: '口袋公园' })).total).toBe(1);
      await again.close();

      // An editor shares a note with the team from the reader; a reader cannot.
      const editor = new ArchiveService({ archiveDirs: [local], dataDir: tempDir() });
      await editor.handle('server:connect', { url: server.url, name: 'wang', password: 'editor-password-1' });
      expect(await editor.handle('server:connection', {})).toMatchObject({ user: 'wang', role: 'editor' });
      const shared = await editor.handle('server:shareNote', {
        articleId: noted,
        quote: '科技',
        note: '已核实',
      });
      expect(shared).toMatchObject({ author: 'wang', shared: true, note: '已核实' });
      await editor.close();
      const reader = new ArchiveService({ archiveDirs: [local], dataDir: tempDir() });
      await reader.handle('server:connect', {
        url: server.url,
        name: 'zhang',
        password: 'reader-password-1',
      });
      await expect(
        reader.handle('server:shareNote', { articleId: noted, quote: '科技', note: 'x' }),
      ).rejects.toThrow(/only editors and admins/u);
      expect((await reader.handle('server:teamNotes', { articleId: noted })).map((n) => n.note)).toEqual([
        '编辑部：核实数据',
        '已核实',
      ]);
      await reader.close();
    });
  },
);
