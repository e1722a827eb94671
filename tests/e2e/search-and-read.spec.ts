import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';

test('search for a term, open an article and see the term highlighted', async ({ page }, testInfo) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
  // The token is taken out of the address bar once read.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByTestId('status')).toContainText('档案共');
  await expect(page.getByTestId('result').first()).toBeVisible();

  await page.getByRole('searchbox').fill('双减');
  await expect(page.getByTestId('status')).toHaveText('共 1 条结果');
  const hit = page.getByTestId('result').first();
  await expect(hit).toContainText('区政协召开十六届三次主席会议');
  await expect(hit.locator('mark.hit').first()).toHaveText('双减');

  await hit.click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('区政协召开十六届三次主席会议');
  const marks = article.locator('.article-body mark.hit');
  await expect(marks.first()).toHaveText('双减');
  expect(await marks.count()).toBeGreaterThanOrEqual(3);
  await testInfo.attach('search-and-read', { body: await page.screenshot(), contentType: 'image/png' });
});

test('a query with no match says so and suggests what to try', async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
  await page.getByRole('searchbox').fill('不存在的词语组合');
  await expect(page.getByTestId('status')).toContainText('没有找到');
  await expect(page.getByTestId('result')).toHaveCount(0);
});

test('keyboard: Ctrl+K focuses search, arrows move through results, Enter opens', async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}`);
  await page.getByRole('searchbox').blur();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('科技创新');
  await expect(page.getByTestId('status')).toContainText('条结果');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('result').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('result').nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').locator('mark.hit').first()).toHaveText('科技创新');
});

test('without the session token the service refuses and the page says why', async ({ page }) => {
  const response = await page.request.post('/api/articles:list', { data: {} });
  expect(response.status()).toBe(401);
  await page.goto('/index.html');
  await expect(page.getByRole('alert')).toContainText('token');
});
