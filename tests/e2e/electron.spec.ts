import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Locator,
  type Page,
} from '@playwright/test';
import { connectInSettings, withTeamServer } from './team-server';

/** The Electron binary, found the way `npm start` finds it, without loading the electron module. */
function electronBinary(): string | null {
  const pkg = path.resolve('node_modules/electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/** Starts the app on a data folder, in Chinese whatever the machine's language. */
async function launch(data: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [path.resolve('out/main/index.js'), '--data', data, '--lang=zh-CN'],
    env: { ...process.env, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN' },
  });
  const page = await app.firstWindow();
  await expect(
    page.getByRole('navigation').getByRole('button', { name: '笔记' }),
    'the UI is in Chinese',
  ).toBeVisible();
  return { app, page };
}

function searchBox(page: Page): Locator {
  return page
    .getByRole('combobox', { name: '全文检索' })
    .or(page.getByRole('searchbox', { name: '全文检索' }));
}

async function openArticle(page: Page, query: string, title: string): Promise<Locator> {
  await searchBox(page).fill(query);
  await searchBox(page).blur();
  await expect(page.locator('[id^="suggestion-"]')).toHaveCount(0);
  await page.getByTestId('result').filter({ hasText: title }).first().click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(title);
  return article;
}

/** Selects `needle` in the article body as a mouse would leave it, and lets the reader see it. */
async function selectPassage(page: Page, needle: string): Promise<string> {
  await page.evaluate((needle) => {
    const body = document.querySelector('[data-testid="article-body"]');
    for (const p of Array.from(body?.querySelectorAll('p') ?? [])) {
      const at = (p.textContent ?? '').indexOf(needle);
      if (at < 0) continue;
      const locate = (offset: number, end: boolean): [Node, number] => {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let count = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const length = n.textContent?.length ?? 0;
          if (offset < count + length || (end && offset === count + length)) return [n, offset - count];
          count += length;
        }
        throw new Error(`offset ${offset} is outside the paragraph`);
      };
      const range = document.createRange();
      range.setStart(...locate(at, false));
      range.setEnd(...locate(at + needle.length, true));
      p.scrollIntoView({ block: 'center' });
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, view: window }));
      return;
    }
    throw new Error(`"${needle}" is not in the article`);
  }, needle);
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

/** The text highlighted in `color` (other marks, such as figures, may cut it into pieces). */
async function highlighted(page: Page, color: string): Promise<string> {
  return (await page.getByTestId('article-body').locator(`mark.anno.anno-${color}`).allInnerTexts()).join('');
}

/** Makes the native save dialog answer `file` without showing anything. */
async function answerSaveDialog(app: ElectronApplication, file: string): Promise<void> {
  await app.evaluate(({ dialog }, file) => {
    dialog.showSaveDialog = (async () => ({
      canceled: false,
      filePath: file,
    })) as typeof dialog.showSaveDialog;
  }, file);
}

/** Exports in `format` from the 笔记 view through the (stubbed) save dialog; returns the file's text. */
async function exportTo(app: ElectronApplication, page: Page, format: string, file: string): Promise<string> {
  await answerSaveDialog(app, file);
  const view = page.getByTestId('notes-view');
  await view.getByLabel('格式').selectOption(format);
  await view.getByTestId('export').click();
  await expect(page.getByTestId('toast')).toHaveText(`已保存到 ${file}`);
  return readFileSync(file, 'utf8');
}

test.describe('Electron app', () => {
  test.skip(
    !binary,
    'No Electron binary on this machine (node_modules/electron/dist is missing and cannot be downloaded here)',
  );
  test.skip(!hasDisplay, 'No display for an Electron window (DISPLAY and WAYLAND_DISPLAY are unset)');

  // eslint-disable-next-line no-empty-pattern -- Playwright wants a fixture pattern; this test uses none
  test('search for a term, open an article and see the term highlighted', async ({}, testInfo) => {
    const data = mkdtempSync(path.join(tmpdir(), 'newsstack-electron-'));
    const { app, page } = await launch(data);
    try {
      // Served from the app's own scheme, not file:// (which could read any file of the user's).
      expect(page.url()).toMatch(/^app:\/\/newsstack\//);
      await searchBox(page).fill('双减');
      await searchBox(page).blur();
      await expect(page.getByTestId('status')).toContainText('1');
      await page.getByTestId('result').first().click();
      await expect(page.getByRole('article').locator('.article-body mark.hit').first()).toHaveText('双减');
      await testInfo.attach('electron-search-and-read', {
        body: await page.screenshot(),
        contentType: 'image/png',
      });
    } finally {
      await app.close();
    }
  });

  // eslint-disable-next-line no-empty-pattern -- Playwright wants a fixture pattern; this test uses none
  test('bookmark, annotate, reopen, and export notes through the native save dialog', async ({}, testInfo) => {
    const data = mkdtempSync(path.join(tmpdir(), 'newsstack-electron-'));
    const out = mkdtempSync(path.join(tmpdir(), 'newsstack-electron-export-'));
    const title = '区政协召开十六届三次主席会议';
    const passage = '工作落实和道路交通';
    const note = '电子版的批注';
    let { app, page } = await launch(data);
    try {
      // Bookmark with a tag.
      await openArticle(page, '双减', title);
      const star = page.getByTestId('bookmark-toggle');
      await star.click();
      await expect(star).toHaveAttribute('aria-pressed', 'true');
      const panel = page.getByTestId('notes-panel');
      await panel.getByRole('textbox', { name: '标签' }).fill('电子版');
      await panel.getByRole('textbox', { name: '标签' }).press('Tab');
      await expect(panel.getByRole('textbox', { name: '标签' })).toHaveValue('电子版');

      // Annotate a passage.
      expect(await selectPassage(page, passage)).toBe(passage);
      const popover = page.getByRole('dialog', { name: '标注所选文字' });
      await popover.getByRole('radio', { name: '粉色' }).click();
      await popover.getByRole('button', { name: '添加笔记' }).click();
      await popover.getByRole('textbox', { name: '笔记' }).fill(note);
      await popover.getByRole('button', { name: '标注', exact: true }).click();
      await expect.poll(() => highlighted(page, 'pink')).toBe(passage);
      await expect(panel.getByTestId('annotation').filter({ hasText: passage })).toContainText(note);
      await testInfo.attach('electron-annotated', {
        body: await page.screenshot(),
        contentType: 'image/png',
      });
    } finally {
      await app.close();
    }

    // Open the app again: the article comes back with its bookmark and highlight.
    ({ app, page } = await launch(data));
    try {
      await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.getByTestId('bookmark-toggle')).toHaveAttribute('aria-pressed', 'true');
      await expect.poll(() => highlighted(page, 'pink')).toBe(passage);

      // Export through the save dialog.
      await page.getByRole('navigation').getByRole('button', { name: '笔记' }).click();
      const markdown = await exportTo(app, page, 'md', path.join(out, 'notes.md'));
      expect(markdown).toContain(`## ${title}`);
      expect(markdown).toContain(`${title}[N].`);
      expect(markdown).toContain(`> ${passage}`);
      expect(markdown).toContain(note);
      expect(markdown).toContain('#电子版');

      const csvFile = path.join(out, 'notes.csv');
      const csv = await exportTo(app, page, 'csv', csvFile);
      expect([...readFileSync(csvFile).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv).toContain(passage);

      const jsonFile = path.join(out, 'notes.json');
      const collection = JSON.parse(await exportTo(app, page, 'json', jsonFile)) as {
        type: string;
        total: number;
        first: { items: { type: string; motivation: string; target: { selector?: { exact?: string }[] } }[] };
      };
      expect(collection.type).toBe('AnnotationCollection');
      expect(collection.total).toBe(2);
      const annotation = collection.first.items.find((i) => i.motivation === 'commenting');
      expect(annotation?.target.selector?.[0]?.exact).toBe(passage);

      // Importing that file again duplicates nothing.
      await page.getByTestId('notes-view').locator('input[type="file"]').setInputFiles(jsonFile);
      await expect(page.getByTestId('toast')).toHaveText(
        /^导入完成[:：]新增 0[,，]更新 0[,，]未变 2[,，]跳过 0$/,
      );
      await testInfo.attach('electron-notes-view', {
        body: await page.screenshot(),
        contentType: 'image/png',
      });
    } finally {
      await app.close();
    }
  });

  /**
   * The desktop app on a newsroom server: connect from Settings as an editor, upload a folder
   * through the native folder dialog, follow the job, read an article of it, and disconnect.
   */
  // eslint-disable-next-line no-empty-pattern -- Playwright wants a fixture pattern; this test uses none
  test('connect to a team server, upload a folder through the folder dialog, and read what it holds', async ({}, testInfo) => {
    const pages = mkdtempSync(path.join(tmpdir(), 'newsstack-electron-pages-'));
    writeFileSync(
      path.join(pages, '2024-10-09_渝北时报_02.txt'),
      '仙桃数据谷新引进企业八家\n\n本报讯 仙桃数据谷本月新引进大数据企业八家。\n',
    );
    const data = mkdtempSync(path.join(tmpdir(), 'newsstack-electron-'));
    const { app, page } = await launch(data);
    try {
      await withTeamServer(
        async ({ team }) => {
          await team.createUser('wang', 'editor-password-1', 'editor');
        },
        async (url) => {
          const settings = await connectInSettings(page, url, 'wang', 'editor-password-1', '编辑');

          // The native folder dialog answers the folder of pages.
          await app.evaluate(({ dialog }, folder) => {
            dialog.showOpenDialog = (async () => ({
              canceled: false,
              filePaths: [folder],
            })) as typeof dialog.showOpenDialog;
          }, pages);
          const imports = page.getByTestId('server-imports');
          await imports.getByRole('button', { name: '选择文件夹并上传…' }).click();
          const job = imports.getByRole('list', { name: '服务器导入任务' }).getByRole('listitem').first();
          await expect(job).toContainText('完成', { timeout: 30_000 });
          await expect(job).toContainText('1 个版面，1 篇文章');

          await openArticle(page, '仙桃数据谷', '仙桃数据谷新引进企业八家');
          await expect(page.getByTestId('server-banner')).toContainText(url);
          await testInfo.attach('electron-team-server', {
            body: await page.screenshot(),
            contentType: 'image/png',
          });
          await page.getByRole('navigation').getByRole('button', { name: '设置' }).click();
          await settings.getByRole('button', { name: '断开，改用本机文件夹' }).click();
          await expect(settings.getByRole('button', { name: '连接' })).toBeVisible();
        },
      );
    } finally {
      await app.close();
    }
  });
});
