import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

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

test.describe('Electron app', () => {
  test.skip(
    !binary,
    'No Electron binary on this machine (node_modules/electron/dist is missing and cannot be downloaded here)',
  );
  test.skip(!hasDisplay, 'No display for an Electron window (DISPLAY and WAYLAND_DISPLAY are unset)');

  // eslint-disable-next-line no-empty-pattern -- Playwright wants a fixture pattern; this test uses none
  test('search for a term, open an article and see the term highlighted', async ({}, testInfo) => {
    const data = mkdtempSync(path.join(tmpdir(), 'newsstack-electron-'));
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [path.resolve('out/main/index.js'), '--data', data],
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('searchbox').fill('双减');
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
});
