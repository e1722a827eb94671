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

test('metric explorer: units, literal labels and groups of comparable figures', async ({
  page,
}, testInfo) => {
  await openReader(page);
  await page.getByRole('button', { name: '指标', exact: true }).click();
  const view = page.getByTestId('metrics-view');
  const label = view.getByRole('searchbox', { name: '指标名称' });
  const table = view.getByTestId('metrics-table');
  const status = view.getByTestId('metrics-status');

  // A unit finds every figure in it; a label and a unit narrow to both.
  await label.fill('亿元');
  await expect(table.getByRole('cell', { name: /^3512\.5亿元/ })).toBeVisible();
  const units = await table.locator('tbody tr td.metrics-figure').allInnerTexts();
  expect(units.length).toBeGreaterThan(5);
  expect(units.every((u) => /亿[余多]?元/u.test(u))).toBe(true);
  await label.fill('工业总产值 亿元');
  await expect(status).toContainText('“工业总产值 亿元”');
  for (const cell of await table.locator('tbody tr td.metrics-label').allInnerTexts()) {
    expect(cell).toContain('工业总产值');
  }

  // Search syntax is text here: OR, -x and title: find what they say, never an error.
  for (const typed of ['title:高新技术企业', '-国家', 'OR']) {
    await label.fill(typed);
    await expect(status).toContainText(`“${typed}”`);
  }
  await label.fill('「高新技术企业」');
  await expect(table.getByRole('cell', { name: '267家' })).toBeVisible();

  // Figures that cannot be compared are in different groups: the chart plots one, the table
  // names each row's group and can show only the charted one.
  await label.fill('产值');
  const groups = view.getByTestId('metrics-series');
  await expect(groups).toBeVisible();
  await expect(view.getByTestId('metrics-groups-hint')).toContainText('组');
  const options = await groups.locator('option').allInnerTexts();
  expect(options.length).toBeGreaterThan(2);
  expect(new Set(options).size).toBe(options.length);
  await expect(table.getByRole('columnheader', { name: '可比组' })).toBeVisible();
  await groups.selectOption({ label: options[1] });
  const chosen = options[1].replace(/（\d+）$/u, '');
  await expect(view.getByRole('img', { name: new RegExp(chosen.split(' · ')[0]) })).toBeVisible();
  await view.getByRole('checkbox', { name: /表格只显示图表中的这一组/ }).check();
  const shown = await table.locator('tbody tr td.metrics-group').allInnerTexts();
  expect(shown.length).toBeGreaterThan(0);
  expect(new Set(shown.map((g) => g.replace('（在图表中）', '').trim()))).toEqual(new Set([chosen]));
  await attachScreenshot(page, testInfo, 'metrics-groups');
  await expectAccessible(page);
  await view.getByRole('checkbox', { name: /表格只显示图表中的这一组/ }).uncheck();
});
