import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';
import { expect, expectAccessible, openReader, test } from './fixtures';

/** The research view: term trends (chart, table, search by period) and the concordance (KWIC). */
const headers = { 'x-newsstack-token': E2E_TOKEN };
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots';

interface TrendPoint {
  period: string;
  occurrences: number;
  articles: number;
  perMillionCharacters: number;
  perHundredArticles: number;
}
interface Line {
  articleId: string;
  title: string;
  left: string;
  match: string;
  right: string;
}

async function call<T>(page: Page, channel: string, data: object): Promise<T> {
  const response = await page.request.post(`/api/${channel}`, { headers, data });
  expect(response.ok(), `${channel}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { value: T }).value;
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/research-${name}.png`, fullPage: false });
}

const fmt = (n: number): string => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n);

test.describe.configure({ mode: 'serial' });

for (const theme of ['light', 'dark'] as const) {
  test(`${theme}: trends of two queries as chart and table; a period runs the search`, async ({ page }) => {
    await call(page, 'settings:update', { theme });
    await page.setViewportSize({ width: 1280, height: 900 });
    await openReader(page);
    await page.getByRole('navigation').getByRole('button', { name: '研究', exact: true }).click();
    const view = page.getByTestId('research-view');
    await expect(view.getByRole('tab', { name: '词频趋势' })).toHaveAttribute('aria-selected', 'true');

    await view.getByRole('searchbox', { name: '检索词 1' }).fill('科技创新');
    await view.getByRole('button', { name: '添加检索词' }).click();
    await view.getByRole('searchbox', { name: '检索词 2' }).fill('双减');
    await view.getByRole('combobox', { name: '时间粒度' }).selectOption('year');
    await view.getByRole('button', { name: '查看趋势' }).click();

    const expected = await call<{ series: { query: string; points: TrendPoint[] }[] }>(
      page,
      'search:trends',
      {
        queries: ['科技创新', '双减'],
        by: 'year',
      },
    );
    await expect(view.getByTestId('research-canvas')).toBeVisible();
    const rows = view.getByTestId('trends-row');
    const count = expected.series.reduce((n, s) => n + s.points.length, 0);
    await expect(rows).toHaveCount(count);
    for (const s of expected.series) {
      for (const p of s.points) {
        const row = rows.filter({ hasText: s.query }).filter({ hasText: p.period || '无日期' });
        await expect(row.locator('td')).toHaveText([
          p.period || '无日期',
          s.query,
          fmt(p.occurrences),
          fmt(p.articles),
          fmt(p.perMillionCharacters),
          fmt(p.perHundredArticles),
        ]);
      }
    }
    // The chart has drawn something (bars or lines), not just an empty canvas.
    const inked = await view.getByTestId('research-canvas').evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(1000);
    await view.getByRole('combobox', { name: '度量' }).selectOption({ label: '每百万字' });
    await shot(page, `trends-${theme}`);
    await expectAccessible(page);

    // CSV export of the table.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('研究-趋势-科技创新-双减.csv');

    // A period of the table runs the search for that query.
    const hit = expected.series[0].points.find((p) => p.occurrences > 0);
    expect(hit).toBeDefined();
    await rows
      .filter({ hasText: '科技创新' })
      .getByRole('button', { name: hit?.period || '无日期', exact: true })
      .click();
    await expect(page.getByRole('combobox', { name: '全文检索' })).toHaveValue(/^科技创新/);
    await expect(page.getByTestId('status')).toContainText('条结果');
  });
}

test('a dated period searches with a date filter', async ({ page }) => {
  await call(page, 'settings:update', { theme: 'light' });
  await openReader(page);
  await page.getByRole('navigation').getByRole('button', { name: '研究', exact: true }).click();
  const view = page.getByTestId('research-view');
  await view.getByRole('searchbox', { name: '检索词 1' }).fill('网页代码');
  await view.getByRole('button', { name: '查看趋势' }).click();
  const period = view.getByTestId('trends-row').getByRole('button', { name: '2024' });
  await expect(period).toBeVisible();
  await period.click();
  await expect(page.getByRole('combobox', { name: '全文检索' })).toHaveValue('网页代码 from:2024 to:2024');
  await expect(page.getByTestId('status')).toHaveText('共 1 条结果');
});

for (const theme of ['light', 'dark'] as const) {
  test(`${theme}: concordance lines, sort by left context, open an article`, async ({ page }) => {
    await call(page, 'settings:update', { theme });
    await page.setViewportSize({ width: 1280, height: 900 });
    await openReader(page);
    await page.getByRole('navigation').getByRole('button', { name: '研究', exact: true }).click();
    const view = page.getByTestId('research-view');
    await view.getByRole('tab', { name: '词频趋势' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(view.getByRole('tab', { name: '语境' })).toHaveAttribute('aria-selected', 'true');

    const expected = await call<{ total: number; lines: Line[] }>(page, 'search:concordance', {
      query: '科技创新',
      sort: 'article',
      width: 20,
      limit: 20000,
    });
    expect(expected.total).toBeGreaterThan(3);
    await view.getByTestId('concordance-query').fill('科技创新');
    await view.getByRole('button', { name: '查看语境' }).click();
    await expect(view.getByTestId('concordance-status')).toHaveText(`共 ${expected.total} 处`);
    const lines = view.getByTestId('kwic-line');
    await expect(lines.first()).toBeVisible();
    await expect(lines.first().locator('mark.kwic-match')).toHaveText(expected.lines[0].match);
    await expect(lines.first()).toContainText(expected.lines[0].right.slice(0, 5));
    await expect(view.getByTestId('concordance-cut')).toHaveCount(0);
    const shown = Math.min(expected.lines.length, await lines.count());
    expect(shown).toBeGreaterThan(3);
    await shot(page, `concordance-${theme}`);
    await expectAccessible(page);

    // Sorting by the left context (as the core sorts it) changes the order.
    const byLeft = await call<{ lines: Line[] }>(page, 'search:concordance', {
      query: '科技创新',
      sort: 'left',
      width: 20,
      limit: 20000,
    });
    await view.getByRole('combobox', { name: '排序' }).selectOption({ label: '左侧' });
    const key = (l: Line): string => `${l.articleId}:${l.left}`;
    expect(byLeft.lines.map(key)).not.toEqual(expected.lines.map(key));
    await expect(lines.first()).toContainText(byLeft.lines[0].left.slice(-4));
    await expect(lines.nth(1)).toContainText(byLeft.lines[1].left.slice(-4));

    // CSV export of the lines.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('研究-语境-科技创新.csv');

    // A line opens its article.
    await lines.first().click();
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
      byLeft.lines[0].title,
    );
  });
}

test('at 1024×700 the top bar with the research button stays one row', async ({ page }) => {
  await call(page, 'settings:update', { theme: 'light' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await openReader(page);
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: '研究', exact: true }).click();
  const view = page.getByTestId('research-view');
  await view.getByRole('searchbox', { name: '检索词 1' }).fill('科技创新');
  await view.getByRole('button', { name: '查看趋势' }).click();
  await expect(view.getByTestId('research-canvas')).toBeVisible();
  const tops = await nav
    .getByRole('button')
    .evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  const bar = await page.locator('header.topbar').boundingBox();
  const button = await nav.getByRole('button', { name: '研究', exact: true }).boundingBox();
  expect(bar && button && bar.height < button.height * 2).toBe(true);
  await shot(page, 'trends-1024');
});

test('collocates: the words near a query, most characteristic first; a word searches both', async ({
  page,
}) => {
  await call(page, 'settings:update', { theme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await openReader(page);
  await page.getByRole('navigation').getByRole('button', { name: '研究', exact: true }).click();
  const view = page.getByTestId('research-view');
  await view.getByRole('tab', { name: '搭配词' }).click();
  await view.getByTestId('collocates-query').fill('科技');
  await view.getByRole('button', { name: '查找搭配词' }).click();
  const expected = await call<{ contexts: number; terms: { term: string; lift: number }[] }>(
    page,
    'search:collocates',
    { query: '科技', limit: 40 },
  );
  const rows = view.getByTestId('collocate');
  await expect(rows).toHaveCount(expected.terms.length);
  await expect(rows.first().getByRole('button')).toHaveText(expected.terms[0].term);
  await expect(view.getByTestId('collocates-status')).toContainText(`在 ${expected.contexts} 处语境中统计`);
  await shot(page, 'collocates-light');
  await expectAccessible(page);
  await rows.filter({ hasText: '创新' }).getByRole('button', { name: '创新', exact: true }).click();
  await expect(page.getByRole('combobox', { name: '全文检索' })).toHaveValue('科技 创新');
  await expect(page.getByTestId('status')).toContainText('条结果');
});
