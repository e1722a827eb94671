import { attachScreenshot, expect, expectAccessible, openReader, test } from './fixtures';

test('search for a term, open an article and see the term highlighted', async ({ page }, testInfo) => {
  await openReader(page);
  // The token is taken out of the address bar once read.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByTestId('status')).toContainText('档案中共');

  await page.getByRole('combobox', { name: '全文检索' }).fill('双减');
  await expect(page.getByTestId('status')).toHaveText('共 1 条结果');
  const hit = page.getByTestId('result').first();
  await expect(hit).toContainText('区政协召开十六届三次主席会议');
  await expect(hit.locator('mark.hit').first()).toHaveText('双减');

  await hit.click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('区政协召开十六届三次主席会议');
  const marks = article.getByTestId('article-body').locator('mark.hit');
  await expect(marks.first()).toHaveText('双减');
  expect(await marks.count()).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('match-count')).toHaveText(/第 1\/\d+ 处/);
  await attachScreenshot(page, testInfo, 'search-and-read');
  await expectAccessible(page);
});

test('next and previous match move through the highlights', async ({ page }) => {
  await openReader(page);
  await page.getByRole('combobox', { name: '全文检索' }).fill('双减');
  await page.getByTestId('result').first().click();
  const count = page.getByTestId('match-count');
  await expect(count).toHaveText(/第 1\/(\d+) 处/);
  await page.getByRole('button', { name: /下一处匹配/ }).click();
  await expect(count).toHaveText(/第 2\/\d+ 处/);
  await expect(page.locator('mark.hit.current')).toHaveAttribute('data-hit', '1');
  await page.keyboard.press('Shift+F3');
  await expect(count).toHaveText(/第 1\/\d+ 处/);
});

test('a query with no match says so and suggests what to try', async ({ page }, testInfo) => {
  await openReader(page);
  await page.getByRole('combobox', { name: '全文检索' }).fill('不存在的词语组合');
  await expect(page.getByTestId('status')).toContainText('没有找到');
  await expect(page.getByTestId('status')).toContainText('试试更短的词');
  await expect(page.getByTestId('result')).toHaveCount(0);
  await attachScreenshot(page, testInfo, 'no-results');
});

test('keyboard: Ctrl+K focuses search, arrows move through results, Enter opens, Esc goes back', async ({
  page,
}) => {
  await openReader(page);
  await page.getByRole('combobox', { name: '全文检索' }).blur();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox', { name: '全文检索' })).toBeFocused();
  await page.keyboard.type('科技创新');
  await expect(page.getByTestId('status')).toContainText('条结果');
  // Suggestions open while typing: Esc closes them, then ArrowDown goes to the results.
  await page.waitForTimeout(500);
  if (await page.locator('#search-suggestions').isVisible()) await page.keyboard.press('Escape');
  await expect(page.locator('#search-suggestions')).toBeHidden();
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox', { name: '全文检索' });
  await expect(list).toBeFocused();
  await expect(list.getByRole('option').nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  const title = await list.getByRole('option').nth(1).locator('.result-title').innerText();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('article').locator('mark.hit').first()).toHaveText('科技创新');
  await page.getByRole('article').getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Escape');
  await expect(list).toBeFocused();
});

test('without the session token the service refuses and the page says why', async ({ page }) => {
  const response = await page.request.post('/api/articles:list', { data: {} });
  expect(response.status()).toBe(401);
  await page.goto('/index.html');
  await expect(page.getByRole('alert')).toContainText('令牌');
});

test('archive text is shown as text, never run as HTML', async ({ page }, testInfo) => {
  await openReader(page);
  await page.getByRole('combobox', { name: '全文检索' }).fill('网页代码');
  await page.getByTestId('result').first().click();
  const body = page.getByTestId('article-body');
  await expect(body).toContainText('<script>window.__pwned = true</script>');
  await expect(body).toContainText('<img src=x onerror="window.__pwned = true">');
  await expect(body).toContainText('<b>加粗</b>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await attachScreenshot(page, testInfo, 'markup-as-text');

  // Every article title and paragraph is a text node: no element in the body came from the archive.
  await page.getByRole('combobox', { name: '全文检索' }).fill('本报讯');
  await page.getByTestId('result').first().click();
  const tags = await page
    .getByTestId('article-body')
    .evaluate((el) => [...el.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()));
  expect(new Set(tags)).toEqual(new Set(['p', 'mark']));
});
