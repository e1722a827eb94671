import { existsSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * `npm run dist` cannot run here (electron-builder needs the Electron binary), so the packaging
 * configuration is checked instead: against electron-builder's own JSON schema, and for what a
 * user of each platform needs.
 */
const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as Record<string, unknown> & {
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  files: string[];
  extraResources: { from: string; to: string }[];
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  productName: string;
  scripts: Record<string, string>;
};

describe('packaging configuration', () => {
  it("is valid against electron-builder's schema", () => {
    const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const { $schema: _ignored, ...rest } = config;
    const valid = ajv.validate(schema, rest);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds AppImage and deb, an NSIS installer and a dmg, with the app id, name and icons', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe(pkg.productName);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon])
      expect(existsSync(icon)).toBe(true);
    const png = readFileSync('build/icon.png');
    // electron-builder derives .ico and .icns from a PNG of at least 512×512.
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('ships the built app and the bundled archive, and `npm run dist` builds first', () => {
    expect(config.files).toContain('out/**/*');
    expect(pkg.main).toBe('out/main/index.js');
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'archive', to: 'archive' }));
    expect(pkg.scripts.dist).toMatch(/^electron-vite build && electron-builder/);
  });

  it('flips the Electron fuses that let someone run the packaged app as a plain Node or debug it', () => {
    // See https://www.electronjs.org/docs/latest/tutorial/fuses: the app never runs itself as Node
    // (its workers are threads), so nothing needs these doors open.
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
    expect(readFileSync('src/main/index.ts', 'utf8')).not.toMatch(/ELECTRON_RUN_AS_NODE|child_process/);
  });
});

describe('the Node version the project asks for', () => {
  // Electron brings its own Node to the app; these packages only fetch Electron or rebuild native
  // modules for it when packaging (`npm run dist`), which the README says needs Node 22.12.
  const PACKAGING_ONLY = new Set([
    'electron',
    '@electron/get',
    '@electron/rebuild',
    '@electron-internal/extract-zip',
    'node-abi',
  ]);

  it('is one that every installed package accepts (the packaging tools excepted, and said so)', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
    };
    const wanted = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines
      .node;
    const lowest = semver.minVersion(wanted)?.version ?? '';
    expect(lowest).toBe('20.19.0');
    const refusing = Object.entries(lock.packages)
      .filter(
        ([where, p]) => where && !p.optional && p.engines && !Array.isArray(p.engines) && p.engines.node,
      )
      .map(([where, p]) => ({
        name: where.replace(/^.*node_modules\//u, ''),
        range: (p.engines as { node: string }).node,
      }))
      .filter(({ name, range }) => !PACKAGING_ONLY.has(name) && !semver.satisfies(lowest, range));
    expect(refusing).toEqual([]);
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toMatch(/Node 20\.19 or later/u);
    expect(readme).toMatch(/packag[a-z]+ [^.]*Node 22\.12/u);
  });
});

describe('the desktop menu', () => {
  it('opens every view of the app, each with its own shortcut', async () => {
    const { MENU_COMMANDS } = await import('../../src/shared/channels');
    const { VIEWS } = await import('../../src/shared/settings');
    for (const view of VIEWS) expect(MENU_COMMANDS).toContain(`view:${view}`);
    const menu = readFileSync('src/main/menu.ts', 'utf8');
    const shortcuts = [...menu.matchAll(/accelerator: '([^']+)', click: \(\) => send\('view:/gu)].map(
      (m) => m[1],
    );
    expect(shortcuts).toHaveLength(VIEWS.length);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
});
