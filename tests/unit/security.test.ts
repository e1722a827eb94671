import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeOf,
  isAllowedNavigation,
  isExternalLink,
  isTrustedSender,
  RENDERER_URL,
  rendererFile,
  windowOptions,
} from '../../src/main/security';
import { ArchiveService } from '../../src/main/core/service';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

describe('desktop shell security', () => {
  it('window options follow the Electron security checklist', () => {
    const options = windowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
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
    });
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
  });

  it('the Content-Security-Policy allows only our own scripts and no remote content', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('navigation stays on the bundled renderer; only web links leave, never file or javascript URLs', () => {
    expect(isAllowedNavigation(RENDERER_URL)).toBe(true);
    expect(isAllowedNavigation(`${RENDERER_URL}#x`)).toBe(true);
    expect(isAllowedNavigation('file:///app/out/renderer/index.html')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('app://other/index.html')).toBe(false);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
    expect(isExternalLink('https://example.com/')).toBe(true);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
  });

  it('the renderer is served from app://newsstack/, its own folder and nothing outside it', () => {
    const root = '/app/out/renderer';
    expect(RENDERER_URL).toBe('app://newsstack/index.html');
    expect(rendererFile(RENDERER_URL, root)).toBe('/app/out/renderer/index.html');
    expect(rendererFile('app://newsstack/', root)).toBe('/app/out/renderer/index.html');
    expect(rendererFile('app://newsstack/assets/index-1a2b.js?v=1#x', root)).toBe(
      '/app/out/renderer/assets/index-1a2b.js',
    );
    for (const escape of [
      'app://newsstack/../main/index.js',
      'app://newsstack/%2e%2e/main/index.js',
      'app://newsstack/assets/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
      'app://newsstack/..%2f..%2fetc/passwd',
      'app://newsstack/assets%5c..%5c..%5cmain%5cindex.js',
      'app://newsstack/index.html%00.png',
      'app://newsstack/%E0%A4%A',
      'app://other/index.html',
      'file:///app/out/renderer/index.html',
    ]) {
      const file = rendererFile(escape, root);
      expect(file === null || file.startsWith(`${root}/`), escape).toBe(true);
    }
    expect(rendererFile('app://newsstack/..%2f..%2fetc/passwd', root)).toBeNull();
    expect(rendererFile('app://newsstack/index.html%00.png', root)).toBeNull();
    expect(rendererFile('app://newsstack/%E0%A4%A', root)).toBeNull();
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/blob')).toBe('application/octet-stream');
  });

  it('IPC answers only the main frame of our own renderer page', () => {
    expect(isTrustedSender({ url: RENDERER_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: RENDERER_URL, isMainFrame: false })).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isMainFrame: true })).toBe(false);
  });

  it('the main process loads the renderer from app://, checks the main frame, and the CSP forbids form posts', () => {
    const main = readFileSync('src/main/index.ts', 'utf8');
    expect(main).toMatch(/loadURL\(RENDERER_URL\)/);
    expect(main).not.toMatch(/loadFile\(/);
    expect(main).toMatch(/frame === event\.sender\.mainFrame/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/form-action 'none'/);
    const meta = readFileSync('src/renderer/index.html', 'utf8');
    expect(meta).toMatch(/form-action 'none'/);
  });
});

describe('the data folder', () => {
  it.skipIf(process.platform === 'win32')(
    'keeps every file it writes readable by the user alone',
    async () => {
      const data = tempDir();
      const service = new ArchiveService({ archiveDirs: [SAMPLE_ARCHIVE], dataDir: data });
      const hit = (await service.search('全市第一')).hits[0];
      await service.handle('notes:bookmark', { articleId: hit.id });
      await service.settings.update({ theme: 'dark' });
      await service.close();
      const files: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else files.push(full);
        }
      };
      walk(data);
      expect(files.map((f) => path.basename(f))).toEqual(
        expect.arrayContaining(['archive.db', 'notes.json', 'settings.json']),
      );
      for (const f of files) expect((statSync(f).mode & 0o077).toString(8), path.relative(data, f)).toBe('0');
    },
  );
});
