import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_TOKEN } from '../../playwright.config';
import { attachScreenshot, expect, openReader, test } from './fixtures';

/** 10,000 short articles on 50 pages of a made-up paper, each mentioning 科技创新. */
function bigArchive(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsstack-e2e-big-'));
  for (let page = 0; page < 50; page++) {
    const day = String(1 + (page % 28)).padStart(2, '0');
    const folder = path.join(dir, `2023-03-${day}`);
    mkdirSync(folder, { recursive: true });
    const articles: string[] = [];
    for (let i = 0; i < 200; i++) {
      const n = page * 200 + i;
      articles.push(
        `第${n}号报道 科技创新成果展示\n本报讯 第${n}号企业今年完成科技创新项目${i}项，增长${i % 30}%。\n`,
      );
    }
    writeFileSync(path.join(folder, `2023-03-${day}_样例报_${page + 1}.txt`), articles.join('\n'));
  }
  return dir;
}

test('10,000 results stay smooth: only visible rows are drawn and more load while scrolling', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const big = bigArchive();
  const headers = { 'x-newsstack-token': E2E_TOKEN };
  // The folders in use now (the run's archive), to come back to afterwards.
  const before = await (await page.request.post('/api/archive:info', { headers, data: {} })).json();
  const switched = await page.request.post('/api/archive:setFolders', {
    headers,
    data: { dirs: [big] },
    timeout: 120_000,
  });
  expect(switched.ok()).toBe(true);
  try {
    await openReader(page);
    await page.getByRole('combobox', { name: '全文检索' }).fill('科技创新');
    await expect(page.getByTestId('status')).toHaveText('共 10000 条结果', { timeout: 60_000 });
    const rows = page.getByTestId('result');
    // Virtualised: a screenful of rows in the document, not ten thousand.
    expect(await rows.count()).toBeLessThan(60);
    await attachScreenshot(page, testInfo, 'ten-thousand-results');
    // Scrolling to the end of the list loads the following pages of hits.
    const list = page.getByRole('listbox', { name: '全文检索' });
    for (let i = 0; i < 6; i++) {
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(300);
    }
    const scrolled = await list.evaluate((el) => el.scrollHeight);
    expect(scrolled).toBeGreaterThan(200 * 60);
    expect(await rows.count()).toBeLessThan(60);
  } finally {
    const restore = await page.request.post('/api/archive:setFolders', {
      headers,
      data: { dirs: before.value.archiveDirs },
      timeout: 120_000,
    });
    expect(restore.ok()).toBe(true);
  }
});
