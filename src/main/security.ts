/**
 * The security settings of the desktop shell, kept free of runtime Electron imports so that a unit
 * test can load and assert them: window options, the Content-Security-Policy, navigation rules and
 * the check of who may call the core over IPC.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The window shows our bundled renderer only: every navigation elsewhere is refused. */
export function isAllowedNavigation(url: string, rendererIndex: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' && path.resolve(fileURLToPath(parsed)) === path.resolve(rendererIndex);
  } catch {
    return false;
  }
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

/** IPC calls are answered only for the main frame of our own renderer page. */
export function isTrustedSender(frameUrl: string | undefined, rendererIndex: string): boolean {
  return frameUrl !== undefined && isAllowedNavigation(frameUrl, rendererIndex);
}
