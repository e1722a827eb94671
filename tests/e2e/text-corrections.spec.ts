import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';
import { attachScreenshot, expect, expectAccessible, openReader, search, test } from './fixtures';

/** Correcting an OCR slip in the reader: both forms found, the passage annotated stays marked. */
test('correct an article text: history, comparison, both forms searchable, annotations kept', async ({
  page,
}, testInfo) => {
  await openReader(page);
  await search(page, '智能制造项目集中签约');
  await page.getByTestId('result').first().click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('江北区智能制造项目集中签约');
  const id = await articleId(page);
  // An annotation on a passage the correction moves.
  const body = page.getByTestId('article-body');
  const printed = (await body.innerText()).replace(/\n+/gu, '\n\n').trim();
  const quote = '预计全部投产后年产值可达150亿元';
  const view = await page.request.post('/api/articles:get', {
    headers: { 'x-newsstack-token': E2E_TOKEN },
    data: { id },
  });
  const text = ((await view.json()) as { value: { text: string } }).value.text;
  expect(printed).toContain(quote);
  const start = text.indexOf(quote);
  const annotated = await page.request.post('/api/notes:annotate', {
    headers: { 'x-newsstack-token': E2E_TOKEN },
    data: { articleId: id, start, end: start + quote.length, note: '产值预期' },
  });
  expect(annotated.ok()).toBe(true);

  await article.getByTestId('correct-text').click();
  const editor = page.getByTestId('text-editor');
  await expect(editor).toBeVisible();
  await editor.fill(
    text.replace('重夫市', '重庆市').replace('86亿无', '86亿元').replace('据介绍，', '据区经济信息委介绍，'),
  );
  await expect(page.getByText('3 处修改')).toBeVisible();
  await page.getByRole('textbox', { name: '说明' }).fill('对照原版 PDF');
  await attachScreenshot(page, testInfo, 'text-editor');
  await page.getByRole('button', { name: '保存校对' }).click();

  await expect(page.getByTestId('correction-banner')).toContainText('本文文字已校对（1 次修改）');
  await expect(body).toContainText('重庆市江北区举行');
  // The open result list asks again: its snippet shows the corrected text.
  await expect(page.getByTestId('result').first()).toContainText('重庆市江北区');
  await expect.poll(async () => (await body.locator('mark.anno').allTextContents()).join('')).toBe(quote);

  await page.getByRole('button', { name: '对照原文' }).click();
  const compare = page.getByTestId('compare-text');
  await expect(compare.locator('del').first()).toHaveText('夫');
  await expect(compare.locator('ins').first()).toHaveText('庆');
  await attachScreenshot(page, testInfo, 'compare');
  await page.getByRole('button', { name: '显示校对后文字' }).click();

  await page.getByRole('button', { name: '修改记录' }).click();
  const history = page.getByTestId('text-history');
  await expect(history.locator('> li')).toHaveCount(1);
  await expect(history).toContainText('对照原版 PDF');
  await expect(history.locator('del').first()).toHaveText('夫');
  await attachScreenshot(page, testInfo, 'history');
  await expectAccessible(page);
  await page.getByRole('button', { name: '关闭' }).click();

  // Both forms are found; the printed one shows the passage as printed.
  await search(page, '"重庆市江北区"');
  await expect(page.getByTestId('result')).toHaveCount(1);
  await search(page, '"重夫市江北区"');
  await expect(page.getByTestId('result')).toHaveCount(1);
  await expect(page.getByTestId('result').first()).toContainText('重夫市江北区');

  // Back to the printed text, from the history; the history keeps both revisions.
  await page.getByTestId('result').first().click();
  await page.getByRole('button', { name: '修改记录' }).click();
  await page.getByRole('button', { name: '恢复原文' }).click();
  await expect(page.getByTestId('correction-banner')).toContainText('本文显示原文（有 2 条修改记录）');
  await expect(body).toContainText('重夫市江北区举行');
  await expect.poll(async () => (await body.locator('mark.anno').allTextContents()).join('')).toBe(quote);
});

async function articleId(page: Page): Promise<string> {
  const res = await page.request.post('/api/search:query', {
    headers: { 'x-newsstack-token': E2E_TOKEN },
    data: { query: '智能制造项目集中签约' },
  });
  return ((await res.json()) as { value: { hits: { id: string }[] } }).value.hits[0].id;
}

test('corrections file: export from the notes view, import brings a correction back', async ({ page }) => {
  await openReader(page);
  await page.getByRole('button', { name: '笔记' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-corrections').click();
  const file = await (await downloading).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as {
    format: string;
    corrections: { id: string; textHistory?: { text: string | null }[] }[];
  };
  expect(exported.format).toBe('newsstack-corrections');

  const id = await articleId(page);
  const printed = (
    (await (
      await page.request.post('/api/articles:get', {
        headers: { 'x-newsstack-token': E2E_TOKEN },
        data: { id },
      })
    ).json()) as { value: { text: string; originalText?: string } }
  ).value;
  const text = (printed.originalText ?? printed.text).replace('重夫市', '重庆市');
  const content = JSON.stringify({
    format: 'newsstack-corrections',
    version: 1,
    corrections: [
      { id, textHistory: [{ text, at: new Date().toISOString(), note: '同事的校对' }] },
      { id: 'for-a-page-not-imported', fields: { page: '3' } },
    ],
  });
  await page.getByTestId('import-corrections').setInputFiles({
    name: 'corrections.json',
    mimeType: 'application/json',
    buffer: Buffer.from(content),
  });
  await expect(
    page.getByText(/已导入 2 篇文章的校对：1 次文字修改、1 项信息更正。.*其中 1 篇不在本资料库中/u),
  ).toBeVisible();

  await page.getByRole('button', { name: '检索' }).click();
  await search(page, '"重庆市江北区"');
  await expect(page.getByTestId('result')).toHaveCount(1);
});
