/**
 * Two instances of the app (two processes) on one data folder: a settings change made in one is
 * never lost because the other writes its own change from a stale copy.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src/main/core/settings';
import { tempDir } from './helpers/tmp';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const SETTINGS = path.resolve('src/main/core/settings.ts');

const onDisk = (data: string): { format: number; settings: Record<string, unknown> } =>
  JSON.parse(readFileSync(path.join(data, 'settings.json'), 'utf8')) as {
    format: number;
    settings: Record<string, unknown>;
  };

describe('settings with two writers on one data folder', () => {
  it('a change from one instance survives a later change from another that read before it', async () => {
    const data = tempDir();
    const one = new SettingsStore(data);
    const two = new SettingsStore(data);
    // Both have read the settings (both windows are open).
    await one.get();
    await two.get();
    await one.update({ theme: 'dark', archiveDirs: ['/data/万州日报'] });
    await two.update({ language: 'en', ui: { view: 'notes' } });
    await one.update({ ui: { query: '防汛' } });
    const expected = {
      theme: 'dark',
      language: 'en',
      archiveDirs: ['/data/万州日报'],
      ui: { view: 'notes', query: '防汛' },
    };
    expect(onDisk(data).settings).toMatchObject(expected);
    expect(await new SettingsStore(data).get()).toMatchObject(expected);
    // Each instance sees the other's change as well.
    expect(await two.get()).toMatchObject(expected);
  });

  it('many concurrent updates from two instances lose nothing', async () => {
    const data = tempDir();
    const one = new SettingsStore(data);
    const two = new SettingsStore(data);
    await Promise.all([
      one.update({ theme: 'light' }),
      two.update({ language: 'zh' }),
      one.update({ fontSize: 20 }),
      two.update({ ui: { query: '双减' } }),
      one.update({ ui: { scrollTop: 120 } }),
      two.update({ recentArchives: ['/a'] }),
    ]);
    expect(onDisk(data).settings).toMatchObject({
      theme: 'light',
      language: 'zh',
      fontSize: 20,
      recentArchives: ['/a'],
      ui: { query: '双减', scrollTop: 120 },
    });
    expect(existsSync(path.join(data, 'settings.lock'))).toBe(false);
  });

  it('two processes updating at the same time lose nothing', async () => {
    const data = tempDir();
    const script = path.join(tempDir(), 'settings-writer.mts');
    writeFileSync(
      script,
      `import { existsSync, writeFileSync } from 'node:fs';
import { SettingsStore } from ${JSON.stringify(SETTINGS)};
const [dir, who, other] = process.argv.slice(2);
const store = new SettingsStore(dir);
await store.get();
writeFileSync(dir + '/ready-' + who, '');
while (!existsSync(dir + '/ready-' + other)) await new Promise((resolve) => setTimeout(resolve, 5));
for (let i = 0; i < 10; i++) {
  if (who === 'app') await store.update({ fontSize: 12 + i, ui: { query: 'app' + i } });
  else await store.update({ recentArchives: Array.from({ length: i + 1 }, (_, k) => '/cli/' + k) });
}
`,
    );
    await Promise.all([run(TSX, [script, data, 'app', 'cli']), run(TSX, [script, data, 'cli', 'app'])]);
    const settings = onDisk(data).settings;
    expect(settings.fontSize).toBe(21);
    expect(settings.ui).toMatchObject({ query: 'app9' });
    expect(settings.recentArchives).toHaveLength(10);
  });
});
