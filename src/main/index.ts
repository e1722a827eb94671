/** Electron entry: app lifecycle, the window and wiring only. Everything else is in core/. */
import { app, BrowserWindow, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bindIpc } from './ipc';
import { bundledArchiveDir } from './core/paths';
import { ArchiveService } from './core/service';
import { CONTENT_SECURITY_POLICY } from './web/server';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');

function options(): { archive?: string; data?: string } {
  const { values } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { archive: { type: 'string' }, data: { type: 'string' } },
    strict: false,
  });
  return {
    archive: typeof values.archive === 'string' ? values.archive : undefined,
    data: typeof values.data === 'string' ? values.data : undefined,
  };
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Newsstack 报刊阅读器',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//u.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  void win.loadFile(rendererIndex);
  return win;
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.data) app.setPath('userData', path.resolve(opts.data));
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  const service = new ArchiveService({
    archiveDir:
      opts.archive ?? (app.isPackaged ? path.join(process.resourcesPath, 'archive') : bundledArchiveDir()),
    dataDir: app.getPath('userData'),
    revealFile: async (file) => {
      shell.showItemInFolder(file);
      return true;
    },
  });
  bindIpc(service, (event) => {
    const url = event.senderFrame?.url ?? '';
    return url.startsWith('file://') && fileURLToPath(url) === rendererIndex;
  });
  createWindow();
  void service.open().catch(() => undefined);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void main();
