import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/** Browser mode on a fixed port with a known token and a fresh data folder for every run. */
const port = Number(process.env.E2E_PORT ?? 5199);
export const E2E_TOKEN = 'e2e-token-0123456789';
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'newsstack-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
/** The bundled archive plus the pages in tests/e2e/pages (hostile markup and a dated paper). */
const archiveDir = process.env.E2E_ARCHIVE_DIR ?? mkdtempSync(path.join(tmpdir(), 'newsstack-e2e-archive-'));
if (!process.env.E2E_ARCHIVE_DIR) {
  cpSync('archive', archiveDir, { recursive: true });
  cpSync('tests/e2e/pages', archiveDir, { recursive: true });
}
process.env.E2E_ARCHIVE_DIR = archiveDir;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  webServer: {
    command: `node out/main/web.js --port ${port} --token ${E2E_TOKEN} --data "${dataDir}" --archive "${archiveDir}"`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
