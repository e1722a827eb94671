import { attachScreenshot, expect, openReader, test } from './fixtures';

test('the import report speaks Chinese: reasons, warnings and layouts are translated', async ({
  page,
}, testInfo) => {
  await openReader(page);
  await page.getByRole('navigation').getByRole('button', { name: '导入报告' }).click();
  const report = page.locator('.report');
  await expect(report.first()).toBeVisible();
  const text = (await report.allInnerTexts()).join('\n');
  // The core's English wording never reaches the Chinese UI.
  for (const english of [
    'unsupported file type',
    'hidden file',
    'no articles found',
    'empty file',
    'binary file',
  ])
    expect(text).not.toContain(english);
  expect(text).toMatch(/空行分段|每行一段|硬折行|Markdown/u);
  await attachScreenshot(page, testInfo, 'import-report');
  await page.screenshot({ path: '/tmp/shots/report.png', fullPage: true });
});
