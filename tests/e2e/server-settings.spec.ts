import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_TOKEN } from '../../playwright.config';
import { importIntoEngine } from '../../src/main/server/import';
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, expectAccessible, openReader, search, test } from './fixtures';
import { connectInSettings, withTeamServer, type TeamFixture } from './team-server';

/** Back to the folders: the e2e data folder is shared by every test. */
function disconnect(page: Page): () => Promise<void> {
  return async () => {
    await page.request.post('/api/server:disconnect', {
      headers: { 'x-newsstack-token': E2E_TOKEN },
      data: {},
    });
  };
}

/** Settings → 团队服务器: the form to open a newsroom server's archive, and what it refuses. */
test('team server in settings: an address that would send the password in clear is refused, in Chinese', async ({
  page,
}, testInfo) => {
  await openReader(page);
  await page.getByRole('button', { name: '设置' }).click();
  const server = page.getByTestId('server-settings');
  await expect(server.getByRole('group', { name: '团队服务器' }).or(server)).toBeVisible();
  await server.getByLabel('服务器地址').fill('http://news.example.com');
  await server.getByLabel('用户名').fill('zhang');
  await server.getByLabel('密码').fill('reader-password-1');
  await server.getByRole('button', { name: '连接' }).click();
  await expect(page.getByText(/服务器地址必须以 https:\/\/ 开头/u)).toBeVisible();
  // Nothing was connected: the folders are still in use.
  await expect(server.getByRole('button', { name: '连接' })).toBeVisible();
  await expect(page.getByTestId('server-banner')).toHaveCount(0);
  await attachScreenshot(page, testInfo, 'server-settings');
  await expectAccessible(page);
});

/**
 * A real newsroom server on a throwaway PostgreSQL, opened from Settings: search and read its
 * archive, see the team's shared notes; disconnecting goes back to the folders.
 */
test('connect to a team server: its archive, its shared notes; disconnect', async ({ page }, testInfo) => {
  const prepare = async ({ team, engine }: TeamFixture): Promise<void> => {
    const archive = mkdtempSync(path.join(tmpdir(), 'newsstack-e2e-server-'));
    writeFileSync(
      path.join(archive, '2024-09-02_渝北时报_03.txt'),
      '渝北区建成首个数字孪生园区\n\n本报讯 渝北区首个数字孪生园区日前建成，园区内企业生产数据实时可视。\n',
    );
    await importIntoEngine(engine, archive, () => undefined);
    const wang = await team.createUser('wang', 'editor-password-1', 'editor');
    await team.createUser('zhang', 'reader-password-1', 'reader');
    const [hit] = (await engine.search('数字孪生', { limit: 1 })).hits;
    await team.addNote(wang, {
      articleId: hit.id,
      quote: '数字孪生园区',
      note: '编辑部：需核实建成时间',
      shared: true,
    });
  };
  await withTeamServer(
    prepare,
    async (url) => {
      await openReader(page);
      await connectInSettings(page, url, 'zhang', 'reader-password-1', '读者');
      await attachScreenshot(page, testInfo, 'server-connected');

      await page.getByRole('button', { name: '检索' }).click();
      await expect(page.getByTestId('server-banner')).toContainText(url);
      await search(page, '数字孪生');
      await page.getByTestId('result').first().click();
      await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
        '渝北区建成首个数字孪生园区',
      );
      // A server's article has no file here to show, and a reader does not correct it.
      const toolbar = page.getByRole('toolbar');
      await expect(toolbar.getByRole('button', { name: '复制纯文本' })).toBeVisible();
      await expect(toolbar.getByRole('button', { name: '打开所在文件夹' })).toHaveCount(0);
      await expect(toolbar.getByRole('button', { name: '校对文字' })).toHaveCount(0);
      await expect(toolbar.getByRole('button', { name: '更正信息' })).toHaveCount(0);
      const notes = page.getByTestId('team-notes');
      await expect(notes).toContainText('编辑部：需核实建成时间');
      await expect(notes).toContainText('wang');
      const body = page.getByTestId('article-body');
      await expect
        .poll(async () => (await body.locator('.team-note').allTextContents()).join(''))
        .toBe('数字孪生园区');
      await attachScreenshot(page, testInfo, 'server-article');
      await expectAccessible(page);
    },
    disconnect(page),
  );
  await page.reload();
  await expect(page.getByTestId('server-banner')).toHaveCount(0);
});

/**
 * An editor adds pages to the team server from Settings: a folder on this computer is uploaded,
 * the server imports it, the job list follows it to the end, and the team finds the new pages.
 */
test('an editor uploads a folder to the team server and follows its import', async ({ page }, testInfo) => {
  const pages = mkdtempSync(path.join(tmpdir(), 'newsstack-e2e-pages-'));
  writeFileSync(
    path.join(pages, '2024-10-08_渝北时报_01.txt'),
    '渝北区新增三条公交线路\n\n本报讯 渝北区今日起新增三条公交线路，方便市民出行。\n',
  );
  writeFileSync(
    path.join(pages, '2024-10-09_渝北时报_02.txt'),
    '仙桃数据谷新引进企业八家\n\n本报讯 仙桃数据谷本月新引进大数据企业八家。\n',
  );
  const prepare = async ({ team }: TeamFixture): Promise<void> => {
    await team.createUser('wang', 'editor-password-1', 'editor');
  };
  await withTeamServer(
    prepare,
    async (url) => {
      await openReader(page);
      await connectInSettings(page, url, 'wang', 'editor-password-1', '编辑');

      const imports = page.getByTestId('server-imports');
      await imports.getByLabel('本机文件夹路径').fill(pages);
      await imports.getByRole('button', { name: '上传' }).click();
      const job = imports.getByRole('list', { name: '服务器导入任务' }).getByRole('listitem').first();
      await expect(job).toContainText(path.basename(pages));
      await expect(job).toContainText('完成', { timeout: 30_000 });
      await expect(job).toContainText('2 个版面，2 篇文章，其中新增或更新 2 篇');
      await expect(job).toContainText('wang');
      await attachScreenshot(page, testInfo, 'server-upload');
      await expectAccessible(page);

      await page.getByRole('button', { name: '检索' }).click();
      await search(page, '仙桃数据谷');
      await expect(page.getByTestId('result').first()).toContainText('仙桃数据谷新引进企业八家');
    },
    disconnect(page),
  );
});

/**
 * An editor corrects an OCR slip of a server article from the reader: the server keeps the
 * correction, and the team's searches find the corrected words.
 */
test('an editor corrects the text of a server article from the reader', async ({ page }, testInfo) => {
  const prepare = async ({ team, engine }: TeamFixture): Promise<void> => {
    const archive = mkdtempSync(path.join(tmpdir(), 'newsstack-e2e-server-'));
    writeFileSync(
      path.join(archive, '2024-09-03_渝北时报_04.txt'),
      '空港新城新开通两条公交线路\n\n本报讯 空港新城今日新开通两条公交线珞，方便园区职工通勤。\n',
    );
    await importIntoEngine(engine, archive, () => undefined);
    await team.createUser('wang', 'editor-password-1', 'editor');
  };
  await withTeamServer(
    prepare,
    async (url) => {
      await openReader(page);
      await connectInSettings(page, url, 'wang', 'editor-password-1', '编辑');
      await page.getByRole('button', { name: '检索' }).click();
      await search(page, '空港新城');
      await page.getByTestId('result').first().click();
      const article = page.getByRole('article');
      await expect(article.getByRole('heading', { level: 1 })).toHaveText('空港新城新开通两条公交线路');
      await expect(page.getByRole('toolbar').getByRole('button', { name: '打开所在文件夹' })).toHaveCount(0);
      await article.getByTestId('correct-text').click();
      const editor = page.getByTestId('text-editor');
      await editor.fill((await editor.inputValue()).replace('公交线珞', '公交线路'));
      await page.getByRole('textbox', { name: '说明' }).fill('对照原版');
      await page.getByRole('button', { name: '保存校对' }).click();
      await expect(page.getByTestId('correction-banner')).toContainText('本文文字已校对（1 次修改）');
      await expect(page.getByTestId('article-body')).toContainText('今日新开通两条公交线路');
      // The open result list asks again: its snippet shows the corrected words.
      await expect(page.getByTestId('result').first()).toContainText('两条公交线路，方便');
      await attachScreenshot(page, testInfo, 'server-corrected');
      // The server's archive holds the correction: a search finds the corrected words.
      await search(page, '公交线路，方便');
      await expect(page.getByTestId('result').first()).toContainText('空港新城新开通两条公交线路');
    },
    disconnect(page),
  );
});
