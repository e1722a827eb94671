/**
 * The security settings of the desktop shell, kept free of runtime Electron imports so that a unit
 * test can load and assert them: window options, the Content-Security-Policy, navigation rules and
 * the check of who may call the core over IPC.
 */
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

/** No remote content, no inline or eval'd script, nothing framed, no forms posted anywhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized?: boolean;
}

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 860 };

export function windowOptions(
  preloadPath: string,
  state: WindowState = DEFAULT_WINDOW,
): BrowserWindowConstructorOptions {
  return {
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 720,
    minHeight: 480,
    title: 'Newsstack 报刊阅读器',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/**
 * The renderer is served from a custom scheme instead of file://: a page on file:// may read any
 * file the user can (and gets the file protocol's extra privileges), while app://newsstack/ serves
 * the built renderer's folder and nothing else.
 */
export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'newsstack';
export const RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The URL parsed, when it is one of ours (app://newsstack/…). */
function ours(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${RENDERER_SCHEME}:` && parsed.host === RENDERER_HOST ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The file of the renderer's folder that an app:// request asks for, or null: another host, a
 * path that leads out of the folder (.., encoded or not, backslashes, NUL), or a bad escape.
 */
export function rendererFile(url: string, rendererRoot: string): string | null {
  const parsed = ours(url);
  if (!parsed) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').includes('..')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = path.resolve(rendererRoot);
  const file = path.resolve(root, `.${path.posix.normalize(pathname)}`);
  const relative = path.relative(root, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

/** The window shows our bundled renderer only: every navigation elsewhere is refused. */
export function isAllowedNavigation(url: string): boolean {
  const parsed = ours(url);
  return parsed !== null && (parsed.pathname === '/index.html' || parsed.pathname === '/');
}

/** Only web links may be handed to the system browser (after the user confirms). */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** What an IPC handler knows of the frame that called. */
export interface SenderFrame {
  url: string;
  /** Whether it is the window's main frame (not a frame inside the page). */
  isMainFrame: boolean;
}

/** IPC calls are answered only for the main frame of our own renderer page. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.isMainFrame && isAllowedNavigation(frame.url);
}
