/** A real newsroom server on a throwaway PostgreSQL, for the e2e tests of browser mode and Electron. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import pg from 'pg';
import { PgEngine } from '../../src/main/core/search/pg/engine';
import { archiveCalls } from '../../src/main/server/calls';
import { startTeamServer } from '../../src/main/server/http';
import { importIntoEngine } from '../../src/main/server/import';
import { ImportJobs } from '../../src/main/server/jobs';
import { TeamStore } from '../../src/main/server/team';
import { findPostgres, startPostgres } from '../unit/helpers/pg-server';

export interface TeamFixture {
  team: TeamStore;
  engine: PgEngine;
}

/**
 * A real newsroom server on a throwaway PostgreSQL for one test (skipped, saying why, where
 * PostgreSQL is absent): `prepare` fills it, `run` gets its address, `after` runs whatever
 * happened, before the server stops (the browser-mode tests disconnect the app there: the e2e
 * data folder is shared by every test).
 */
export async function withTeamServer(
  prepare: (f: TeamFixture) => Promise<void>,
  run: (url: string) => Promise<void>,
  after: () => Promise<void> = async () => undefined,
): Promise<void> {
  const found = findPostgres();
  test.skip('reason' in found, 'reason' in found ? found.reason : '');
  if ('reason' in found) return;
  test.setTimeout(180_000);
  const postgres = await startPostgres(found);
  const pool = new pg.Pool(postgres.config(await postgres.createDatabase()));
  const engine = await PgEngine.open({ pool });
  try {
    const team = await TeamStore.open(pool);
    await prepare({ team, engine });
    const server = await startTeamServer({
      team,
      engine,
      ...archiveCalls(pool, engine),
      jobs: new ImportJobs(pool, (folder, progress) => importIntoEngine(engine, folder, progress)),
      importRoot: tmpdir(),
      uploads: mkdtempSync(path.join(tmpdir(), 'newsstack-e2e-uploads-')),
    });
    try {
      await run(server.url);
    } finally {
      await after();
      await server.close();
    }
  } finally {
    await engine.close();
    await pool.end();
    await postgres.stop();
  }
}

/**
 * Opens Settings and connects to the team server at `url` as `name`; returns the server part of
 * Settings once it says who is connected, with which role (in Chinese).
 */
export async function connectInSettings(
  page: Page,
  url: string,
  name: string,
  password: string,
  role: string,
): Promise<Locator> {
  await page.getByRole('navigation').getByRole('button', { name: '设置' }).click();
  const settings = page.getByTestId('server-settings');
  await settings.getByLabel('服务器地址').fill(url);
  await settings.getByLabel('用户名').fill(name);
  await settings.getByLabel('密码').fill(password);
  await settings.getByRole('button', { name: '连接' }).click();
  await expect(settings.getByRole('status').first()).toContainText(`已连接 ${url}（${name}，${role}）`);
  return settings;
}
