import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isExternalLink,
  isTrustedSender,
  windowOptions,
} from '../../src/main/security';

const INDEX = '/app/out/renderer/index.html';

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
    expect(isAllowedNavigation(`file://${INDEX}`, INDEX)).toBe(true);
    expect(isAllowedNavigation(`file://${INDEX}#x`, INDEX)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', INDEX)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', INDEX)).toBe(false);
    expect(isAllowedNavigation('not a url', INDEX)).toBe(false);
    expect(isExternalLink('https://example.com/')).toBe(true);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
  });

  it('IPC answers only our own renderer page', () => {
    expect(isTrustedSender(`file://${INDEX}`, INDEX)).toBe(true);
    expect(isTrustedSender(undefined, INDEX)).toBe(false);
    expect(isTrustedSender('https://evil.example/', INDEX)).toBe(false);
    expect(isTrustedSender('file:///tmp/other.html', INDEX)).toBe(false);
  });
});
