import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Locator, type Page, type TestInfo } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';

/** Opens the reader with this run's token, as the URL printed by `npm start` does. */
export async function openReader(page: Page): Promise<void> {
  // The reader remembers its last view, query and article; every test starts from a clean slate.
  const reset = await page.request.post('/api/settings:update', {
    headers: { 'x-newsstack-token': E2E_TOKEN },
    data: { ui: { view: 'search', query: '', articleId: '', scrollTop: 0 } },
  });
  expect(reset.ok()).toBe(true);
  await page.goto(`/?token=${E2E_TOKEN}`);
  await expect(page.getByRole('combobox', { name: /检索|search/i })).toBeVisible();
}

export function searchBox(page: Page): Locator {
  // The search field is a plain search box or, with suggestions, a combobox.
  return page
    .getByRole('searchbox', { name: '全文检索' })
    .or(page.getByRole('combobox', { name: '全文检索' }));
}

/** Searches for `query` and leaves the search field, so that no suggestion list covers the page. */
export async function search(page: Page, query: string): Promise<void> {
  await searchBox(page).fill(query);
  await searchBox(page).blur();
  await expect(page.locator('[id^="suggestion-"]')).toHaveCount(0);
}

/** Attaches a screenshot to the report; with E2E_SHOTS=DIR also writes it there, to look at. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot();
  await testInfo.attach(name, { body, contentType: 'image/png' });
  const dir = process.env.E2E_SHOTS;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.png`), body);
  }
}

/** Runs axe-core on the page and fails on serious or critical violations. */
export async function expectAccessible(page: Page): Promise<void> {
  // Checked at rest: a view still loading (a busy region, its status line) is not what the user reads.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

export const test = base;
export { expect };
