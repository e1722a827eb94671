import { attachScreenshot, expect, expectAccessible, openReader, test } from './fixtures';

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
