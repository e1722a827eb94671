import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { E2E_TOKEN } from '../../playwright.config';
import { attachScreenshot, expect, expectAccessible, openReader, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('metric explorer: figures by label, chart, kind filter, sort, open an article, CSV export', async ({
  page,
}, testInfo) => {
  await openReader(page);
  await page.getByRole('button', { name: '指标', exact: true }).click();
  const view = page.getByTestId('metrics-view');
  const label = view.getByRole('searchbox', { name: '指标名称' });
  await expect(label).toBeFocused();
  // Before typing, the view says what to type and offers examples.
  await expect(view.getByTestId('metrics-status')).toContainText('输入指标名称');
  await attachScreenshot(page, testInfo, 'metrics-empty');

  await label.pressSequentially('高新技术企业', { delay: 20 });
  const table = view.getByTestId('metrics-table');
  await expect(table.getByRole('cell', { name: '267家' })).toBeVisible();
  await expect(table.getByRole('cell', { name: /^506家/ })).toBeVisible();
  await expect(view.getByTestId('metrics-status')).toContainText(
    /“高新技术企业”：\d+ 个数字，来自 \d+ 篇文章/,
  );

  // The chart is an image with a summary a screen reader can read.
  const canvas = view.getByRole('img', { name: /高新技术企业/ });
  await expect(canvas).toBeVisible();
  await expect(canvas).toHaveAttribute('aria-label', /按文章排列|随日期变化/);
  await attachScreenshot(page, testInfo, 'metrics-table-and-chart');
  await expectAccessible(page);

  // Kind chips are in the UI language and filter the rows.
  const kinds = view.getByRole('group', { name: '按类型筛选' });
  await kinds.getByRole('button', { name: /^排名/ }).click();
  await expect(kinds.getByRole('button', { name: /^排名/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(view.getByTestId('metrics-status')).toContainText(/（共 \d+ 个）/);
  const kindCells = table.locator('tbody tr td:nth-child(2)');
  await expect(kindCells.first()).toHaveText('排名');
  expect(new Set(await kindCells.allInnerTexts())).toEqual(new Set(['排名']));
  await kinds.getByRole('button', { name: /^排名/ }).click();
  await kinds.getByRole('button', { name: /^数量/ }).click();

  // Sorting by value, largest first, puts 506家 on top and says so to assistive technology.
  await table.getByRole('button', { name: /^数值/ }).click();
  await expect(table.getByRole('columnheader', { name: /数值/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(view.getByTestId('metrics-row').first().locator('td').first()).toContainText('506家');
  await attachScreenshot(page, testInfo, 'metrics-filtered-sorted');

  // CSV: UTF-8 with a BOM, rows that papaparse reads back.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: '导出 CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('指标-高新技术企业.csv');
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(
    expect.arrayContaining(['原文', '类型', '数值', '单位', '指标名称', '文章']),
  );
  expect(parsed.data[0]).toMatchObject({ 原文: '506家', 类型: '数量', 数值: '506', 单位: '家' });
  expect(parsed.data.map((r) => r['原文'])).toContain('267家');
  expect(parsed.data.every((r) => r['类型'] === '数量')).toBe(true);
  await expect(page.getByTestId('toast')).toContainText('指标-高新技术企业.csv');

  // The title opens the article, from the keyboard too.
  const title = view.getByTestId('metrics-row').first().getByRole('button');
  const titleText = await title.innerText();
  await title.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(titleText);
  await attachScreenshot(page, testInfo, 'metrics-opened-article');

  // Coming back, the explorer still has the label, filter and sort.
  await page.getByRole('button', { name: '指标', exact: true }).click();
  await expect(label).toHaveValue('高新技术企业');
  await expect(view.getByTestId('metrics-row').first().locator('td').first()).toContainText('506家');
});

test('metric explorer: no-result state, then English and the dark theme', async ({ page }, testInfo) => {
  await openReader(page);
  await page.getByRole('button', { name: '指标', exact: true }).click();
  const view = page.getByTestId('metrics-view');
  await view.getByRole('searchbox', { name: '指标名称' }).fill('不存在的指标名称');
  await expect(view.getByTestId('metrics-status')).toContainText('档案里没有与“不存在的指标名称”相关的数字');
  await expect(view.getByTestId('metrics-status')).toContainText('试试更短的名称');
  await attachScreenshot(page, testInfo, 'metrics-no-result');
  // An example from the hint runs at once.
  await view.getByRole('button', { name: '规上工业总产值' }).click();
  await expect(view.getByTestId('metrics-table').getByRole('cell', { name: /^3512\.5亿元/ })).toBeVisible();
  await expect(view.getByTestId('metrics-table')).toContainText('351,250,000,000');

  const settings = (data: object) =>
    page.request.post('/api/settings:update', { headers: { 'x-newsstack-token': E2E_TOKEN }, data });
  expect((await settings({ language: 'en', theme: 'dark' })).ok()).toBe(true);
  try {
    await page.reload();
    await page.getByRole('button', { name: 'Metrics', exact: true }).click();
    await expect(view.getByRole('searchbox', { name: 'What is measured' })).toHaveValue('规上工业总产值');
    await expect(
      view.getByRole('group', { name: 'Filter by kind' }).getByRole('button', { name: /^Money/ }),
    ).toBeVisible();
    await expect(view.getByRole('img', { name: /by article of Money/ })).toBeVisible();
    await attachScreenshot(page, testInfo, 'metrics-english-dark');
    await expectAccessible(page);
  } finally {
    expect((await settings({ language: 'system', theme: 'system' })).ok()).toBe(true);
  }
});
