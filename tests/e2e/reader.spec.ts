import { attachScreenshot, expect, expectAccessible, openReader, test } from './fixtures';

test('browse: paper, date, page, then the articles of the page in reading order', async ({
  page,
}, testInfo) => {
  await openReader(page);
  await page.getByRole('button', { name: '浏览' }).click();
  const browse = page.getByTestId('browse');
  // A page named 2024-03-01_测试报_02.md is filed under its paper, date and page.
  await browse.getByRole('button', { name: /测试报/ }).click();
  await browse.getByRole('button', { name: /2024-03-01/ }).click();
  await expect(browse.getByRole('heading', { name: '第 2 版' })).toBeVisible();
  await browse.getByRole('button', { name: '报纸' }).click();
  // The bundled pages carry no paper name or date in their file names.
  await browse.getByRole('button', { name: /未注明报纸/ }).click();
  await browse.getByRole('button', { name: /未注明日期/ }).click();
  await expect(browse.getByRole('heading', { name: '未注明版次' })).toBeVisible();
  const first = browse.locator('.browse-articles button').first();
  await first.click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    await first.innerText(),
  );
  await attachScreenshot(page, testInfo, 'browse');
  await expectAccessible(page);
});

test('article tools: next article on the page, find in article, text size, citation', async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openReader(page);
  await page.getByRole('combobox', { name: '全文检索' }).fill('科技创新为高质量发展赋能蓄力');
  await page.getByTestId('result').first().click();
  const heading = page.getByRole('article').getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('科技创新为高质量发展赋能蓄力');

  await page.getByRole('button', { name: /本版下一篇/ }).click();
  await expect(heading).not.toHaveText('科技创新为高质量发展赋能蓄力');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(heading).toHaveText('科技创新为高质量发展赋能蓄力');

  await page.keyboard.press('Control+f');
  const find = page.getByRole('searchbox', { name: '在本文中查找' });
  await expect(find).toBeFocused();
  await find.fill('北碚');
  await expect(page.locator('.find-count')).toHaveText(/\d+ 处匹配/);
  await expect(page.getByTestId('article-body').locator('mark.hit').first()).toHaveText('北碚');

  const size = async (): Promise<number> =>
    page
      .getByTestId('article-body')
      .locator('p')
      .first()
      .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  const before = await size();
  await page.getByRole('button', { name: /放大字号/ }).click();
  await expect.poll(size).toBeGreaterThan(before);

  await page.getByRole('button', { name: '复制引文 (GB/T 7714)' }).click();
  await expect(page.getByTestId('toast')).toHaveText('已复制到剪贴板');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('科技创新为高质量发展赋能蓄力[N]');
  await attachScreenshot(page, testInfo, 'article-tools');
});

test('settings: language and theme switch at once and are remembered after a reload', async ({
  page,
}, testInfo) => {
  await openReader(page);
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByLabel('界面语言').selectOption('en');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await attachScreenshot(page, testInfo, 'settings-dark-english');
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Back to the defaults for the other tests.
  await page.getByLabel('Language').selectOption('zh');
  await page.getByLabel('主题').selectOption('system');
  await page.getByRole('button', { name: '检索' }).click();
});

test('the reader reopens the last article after a reload', async ({ page }) => {
  await openReader(page);
  await page.getByRole('combobox', { name: '全文检索' }).fill('双减');
  await page.getByTestId('result').first().click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    '区政协召开十六届三次主席会议',
  );
  await page.waitForTimeout(300);
  await page.reload();
  await expect(page.getByRole('combobox', { name: '全文检索' })).toHaveValue('双减');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    '区政协召开十六届三次主席会议',
  );
});

test('help overlay lists the shortcuts and closes with Esc', async ({ page }, testInfo) => {
  await openReader(page);
  await page.getByRole('heading', { level: 2 }).first().click();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Ctrl+K');
  await attachScreenshot(page, testInfo, 'help');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('import report lists files and problems', async ({ page }) => {
  await openReader(page);
  await page.getByRole('button', { name: '导入报告' }).click();
  await expect(page.getByRole('heading', { name: '导入报告' })).toBeVisible();
  await expect(page.getByText(/8 个文件/)).toBeVisible();
});
