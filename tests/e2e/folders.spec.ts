import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_TOKEN } from '../../playwright.config';
import { attachScreenshot, expect, expectAccessible, openReader, test } from './fixtures';

const MARKER = '琥珀湾科创园';
/** A page whose file name carries a right-to-left override: it would show as "报道txt.pdf". */
const SPOOFED = `报道\u202Efdp.txt`;

/** Puts the archive back as the server started with it, whatever the test did. */
async function restoreArchive(page: import('@playwright/test').Page): Promise<void> {
  const answer = await page.request.post('/api/archive:setFolders', {
    headers: { 'x-newsstack-token': E2E_TOKEN },
    data: { dirs: [process.env.E2E_ARCHIVE_DIR ?? ''] },
  });
  expect(answer.ok()).toBe(true);
}

test('a mistyped folder is refused with the reason; a moved one is shown as unavailable and relocated', async ({
  page,
}, testInfo) => {
  await openReader(page);
  await page.getByRole('navigation').getByRole('button', { name: '设置' }).click();
  const path_ = page.getByRole('textbox', { name: /文件夹的完整路径/ });

  // A relative path and a missing one: refused, said in Chinese, nothing saved.
  await path_.fill('papers/2024');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('不是完整路径');
  const missing = path.join(tmpdir(), 'newsstack-no-such-folder');
  await path_.fill(missing);
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('不存在，或所在的磁盘没有连接');
  await attachScreenshot(page, testInfo, 'folder-refused');
  await page.screenshot({ path: '/tmp/shots/folder-refused.png' });
  await page.getByRole('button', { name: '关闭' }).click();

  const folder = mkdtempSync(path.join(tmpdir(), 'newsstack-e2e-folder-'));
  writeFileSync(
    path.join(folder, SPOOFED),
    `${MARKER}落成\n\n本报讯 ${MARKER}今日落成，首批入驻企业12家。\n`,
  );
  const moved = `${folder}-moved`;
  try {
    await path_.fill(folder);
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await expect(page.getByText('已保存')).toBeVisible();

    // The page is found, and its file name is isolated from the text around it.
    await page.getByRole('combobox', { name: '全文检索' }).fill(MARKER);
    await expect(page.getByTestId('status')).toHaveText('共 1 条结果');
    await page.getByTestId('result').first().click();
    const source = page.getByTestId('source-file');
    await expect(source).toHaveText('报道⟦U+202E⟧fdp.txt');
    expect(await source.evaluate((el) => el.tagName)).toBe('BDI');

    // The folder is moved away (a drive unplugged): the app still opens, names it, and searches.
    renameSync(folder, moved);
    await openReader(page);
    const banner = page.getByTestId('unavailable-folders');
    await expect(banner).toContainText('有 1 个档案文件夹现在无法读取');
    await expect(banner).toContainText(folder);
    await page.getByRole('combobox', { name: '全文检索' }).fill(MARKER);
    await expect(page.getByTestId('status')).toHaveText('共 1 条结果');
    await attachScreenshot(page, testInfo, 'folder-unavailable');
    await page.screenshot({ path: '/tmp/shots/folder-unavailable.png' });
    await expectAccessible(page);

    // Settings says what is wrong and follows the folder to where it went.
    await banner.getByRole('button', { name: '在设置中处理' }).click();
    await expect(page.getByRole('note')).toContainText('无法读取：不存在');
    await page.getByRole('button', { name: '重新定位…' }).click();
    await page.screenshot({ path: '/tmp/shots/folder-relocate.png' });
    await page.getByRole('textbox', { name: '新位置（完整路径）' }).fill(moved);
    await page.getByRole('button', { name: '改到这里' }).click();
    await expect(page.getByRole('note')).toHaveCount(0);
    await expect(page.locator('.folders code').first()).toHaveText(moved);
    await page.getByRole('navigation').getByRole('button', { name: '检索' }).click();
    await expect(page.getByTestId('unavailable-folders')).toHaveCount(0);
    await page.getByRole('combobox', { name: '全文检索' }).fill(MARKER);
    await expect(page.getByTestId('status')).toHaveText('共 1 条结果');
  } finally {
    await restoreArchive(page);
  }
});

test('an over-long query says so at once; query warnings are in Chinese', async ({ page }, testInfo) => {
  await openReader(page);
  const box = page.getByRole('combobox', { name: '全文检索' });
  await box.fill('经济'.repeat(600));
  await expect(page.getByTestId('status')).toContainText('检索词太长（1200 字），最多 1000 字');
  await attachScreenshot(page, testInfo, 'query-too-long');
  await box.fill('双减 from:2022-13-01');
  await expect(page.getByTestId('query-issues')).toContainText('from: 需要日期');
  await box.fill('"双减');
  await expect(page.getByTestId('query-issues')).toContainText('引号没有闭合');
});
