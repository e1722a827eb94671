import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, expectAccessible, openReader, search, test } from './fixtures';

/** Citations of search results (RIS, BibTeX, CSL-JSON) downloaded from the result list in browser mode. */

/** The dated page of tests/e2e/pages: 测试报, 2024-03-01, page 2. */
const DATED_TITLE = '网页代码不会在阅读器里运行';

/** Searches and waits for the result list. */
async function searchFor(page: Page, query: string): Promise<void> {
  await search(page, query);
  await expect(page.getByTestId('result').first()).toBeVisible();
}

/** Exports the current results in `format` and returns the downloaded file's name and text. */
async function exportCitations(page: Page, format: string): Promise<{ name: string; text: string }> {
  await page.getByRole('combobox', { name: '引文格式' }).selectOption(format);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出引文' }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('export the search results as RIS for Zotero and EndNote', async ({ page }, testInfo) => {
  await openReader(page);
  await searchFor(page, '科技创新');
  const titles = await page.getByTestId('result').locator('.result-title').allTextContents();
  const status = await page.getByTestId('status').textContent();
  const total = Number(/(\d+)/u.exec(status ?? '')?.[1]);
  expect(total).toBeGreaterThan(2);

  const control = page.getByRole('group', { name: '导出引文' });
  await expect(control).toBeVisible();
  mkdirSync('/tmp/shots', { recursive: true });
  await page.screenshot({ path: '/tmp/shots/citations.png' });
  await attachScreenshot(page, testInfo, 'search list with the citation export');
  await expectAccessible(page);

  const ris = await exportCitations(page, 'ris');
  expect(ris.name).toMatch(/^newsstack-citations-\d{4}-\d{2}-\d{2}\.ris$/u);
  expect(ris.text.startsWith('TY  - NEWS\r\n')).toBe(true);
  expect(ris.text.endsWith('ER  - \r\n')).toBe(true);
  const records = ris.text.slice(0, -2).split('\r\n\r\n');
  expect(records).toHaveLength(total);
  for (const record of records) {
    expect(record.startsWith('TY  - NEWS\r\n')).toBe(true);
    expect(record.endsWith('\r\nER  - ')).toBe(true);
  }
  // In the order of the list.
  const cited = records.map((r) => /^TI {2}- (.*)$/mu.exec(r)?.[1].replace(/\r$/u, ''));
  expect(titles.length).toBeGreaterThan(2);
  expect(cited.slice(0, titles.length)).toEqual(titles.map((t) => t.trim()));
  expect(ris.text).toContain('TI  - 科技创新为高质量发展赋能蓄力\r\nAU  - 黄虹\r\n');
});

test('a dated article is cited with its paper, date and page in every format', async ({ page }) => {
  await openReader(page);
  await searchFor(page, DATED_TITLE);

  const ris = await exportCitations(page, 'ris');
  expect(ris.text).toContain(`TI  - ${DATED_TITLE}\r\n`);
  expect(ris.text).toContain('T2  - 测试报\r\nDA  - 2024/03/01/\r\nPY  - 2024\r\nSP  - 2\r\nLA  - zh\r\n');

  const bib = await exportCitations(page, 'bibtex');
  expect(bib.name.endsWith('.bib')).toBe(true);
  expect(bib.text).toMatch(/^@article\{news-20240301-[0-9a-f]{8},$/mu);
  expect(bib.text).toContain(`  title = {{${DATED_TITLE}}},\n  journal = {测试报},\n`);
  expect(bib.text).toContain('  date = {2024-03-01},\n  year = {2024},\n  pages = {2},\n');

  const csl = await exportCitations(page, 'csl');
  expect(csl.name.endsWith('.csl.json')).toBe(true);
  const items = JSON.parse(csl.text) as Record<string, unknown>[];
  expect(items.find((i) => i.title === DATED_TITLE)).toMatchObject({
    type: 'article-newspaper',
    'container-title': '测试报',
    issued: { 'date-parts': [[2024, 3, 1]] },
    page: '2',
    language: 'zh',
  });
});
