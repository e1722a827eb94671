/** Electron entry: app lifecycle, the window and wiring only. Everything else is in core/. */
import { app, BrowserWindow, dialog, Menu, protocol, session, shell } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundledArchiveDir } from './core/paths';
import { ArchiveService } from './core/service';
import { bindIpc } from './ipc';
import { buildMenu } from './menu';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeOf,
  DEFAULT_WINDOW,
  isAllowedNavigation,
  isExternalLink,
  isTrustedSender,
  RENDERER_SCHEME,
  RENDERER_URL,
  rendererFile,
  windowOptions,
  type WindowState,
} from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');

// Before the app is ready: app:// behaves as a standard, secure origin (relative URLs, fetch).
protocol.registerSchemesAsPrivileged([
  { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Serves the built renderer's folder, and only it, on app://newsstack/ with our CSP. */
function serveRenderer(): void {
  session.defaultSession.protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = rendererFile(request.url, rendererRoot);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
const SAVE_WINDOW_MS = 500;

function commandLine(): { archive?: string[]; data?: string } {
  const { values } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { archive: { type: 'string', multiple: true }, data: { type: 'string' } },
    strict: false,
  });
  const archive = Array.isArray(values.archive) ? values.archive.filter((a) => typeof a === 'string') : [];
  return {
    archive: archive.length ? archive : undefined,
    data: typeof values.data === 'string' ? values.data : undefined,
  };
}

function harden(win: BrowserWindow): void {
  const contents = win.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) {
      void dialog
        .showMessageBox(win, {
          type: 'question',
          buttons: ['打开 Open', '取消 Cancel'],
          defaultId: 1,
          message: `在浏览器中打开此链接? Open this link in your browser?\n${url}`,
        })
        .then(({ response }) => {
          if (response === 0) void shell.openExternal(url);
        });
    }
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Saves size and position as the user changes them, so the next start opens the same window. */
function rememberWindow(win: BrowserWindow, service: ArchiveService): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (win.isDestroyed() || win.isMinimized()) return;
      const b = win.getNormalBounds();
      void service.settings
        .update({
          window: { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() },
        })
        .catch(() => undefined);
    }, SAVE_WINDOW_MS);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', save);
}

async function createWindow(service: ArchiveService): Promise<BrowserWindow> {
  const settings = await service.settings.get();
  const state: WindowState = settings.window ?? DEFAULT_WINDOW;
  const win = new BrowserWindow(windowOptions(path.join(here, '../preload/index.cjs'), state));
  harden(win);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  rememberWindow(win, service);
  await win.loadURL(RENDERER_URL);
  return win;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const opts = commandLine();
  if (opts.data) app.setPath('userData', path.resolve(opts.data));
  await app.whenReady();

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  const service = new ArchiveService({
    archiveDirs: opts.archive,
    defaultArchiveDir: app.isPackaged ? path.join(process.resourcesPath, 'archive') : bundledArchiveDir(),
    dataDir: app.getPath('userData'),
    workers: {
      import: path.join(here, 'import-worker.js'),
      index: path.join(here, 'index-worker.js'),
      research: path.join(here, 'research-worker.js'),
    },
    scanOnOpen: 'background',
    chooseFolder: async () => {
      const owner = BrowserWindow.getFocusedWindow();
      const options = { properties: ['openDirectory' as const] };
      const { canceled, filePaths } = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return canceled || filePaths.length === 0 ? null : filePaths[0];
    },
    revealFile: async (file) => {
      shell.showItemInFolder(file);
      return true;
    },
    saveFile: async (suggestedName, content) => {
      const owner = BrowserWindow.getFocusedWindow();
      const options = { defaultPath: path.join(app.getPath('documents'), suggestedName) };
      const { canceled, filePath } = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      if (canceled || !filePath) return null;
      await writeFile(filePath, content, 'utf8');
      return filePath;
    },
  });
  bindIpc(service, (event) => {
    const frame = event.senderFrame;
    return isTrustedSender(frame && { url: frame.url, isMainFrame: frame === event.sender.mainFrame });
  });

  const settings = await service.settings.get();
  const language =
    settings.language === 'system' ? (app.getLocale().startsWith('zh') ? 'zh' : 'en') : settings.language;
  Menu.setApplicationMenu(buildMenu(language));

  let win = await createWindow(service);
  void service
    .open()
    .then(() => service.watch())
    .then(() => service.warmUp())
    .catch(() => undefined);
  app.on('before-quit', () => void service.close());
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(service).then((w) => (win = w));
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void main();
