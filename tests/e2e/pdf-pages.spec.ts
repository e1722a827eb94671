import { attachScreenshot, expect, expectAccessible, openReader, search, test } from './fixtures';

/** A PDF page in the archive: its articles are read in column order and shown beside the page. */
test('a PDF page: the article beside its page image, its region outlined; larger on a click', async ({
  page,
}, testInfo) => {
  await openReader(page);
  await search(page, '西北环段');
  await page.getByTestId('result').first().click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('轨道交通环线西北环段年内通车');
  await expect(page.getByTestId('article-body')).toContainText('日均客流预计达到30万人次');

  const image = page.getByTestId('page-image');
  await expect(image).toHaveAttribute('data-state', 'shown');
  const regions = image.getByTestId('page-region');
  await expect(regions).toHaveCount(1);
  // The region is the right-hand column of the page.
  const box = await image.boundingBox();
  const region = await regions.first().boundingBox();
  expect(box && region).toBeTruthy();
  if (box && region) {
    expect(region.x - box.x).toBeGreaterThan(box.width / 2);
    expect(region.width).toBeLessThan(box.width / 2);
  }
  // The canvas is drawn (not blank): the page's text left dark pixels.
  const inked = await image.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] < 128) dark++;
    return dark;
  });
  expect(inked).toBeGreaterThan(100);
  await attachScreenshot(page, testInfo, 'pdf-article');
  await expectAccessible(page);

  await image.click();
  const large = page.getByTestId('page-image-large');
  await expect(large).toHaveAttribute('data-state', 'shown');
  await attachScreenshot(page, testInfo, 'pdf-page-large');
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(large).toHaveCount(0);
});
