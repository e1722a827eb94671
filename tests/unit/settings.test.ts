import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src/main/core/settings';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { tempDir } from './helpers/tmp';

describe('SettingsStore', () => {
  it('starts from the defaults and keeps what was changed across restarts', async () => {
    const data = tempDir();
    const first = new SettingsStore(data);
    expect(await first.get()).toEqual(DEFAULT_SETTINGS);
    await first.update({ language: 'en', theme: 'dark', ui: { view: 'browse' } });
    await first.update({ ui: { articleId: 'abc' } });
    const again = await new SettingsStore(data).get();
    expect(again).toMatchObject({ language: 'en', theme: 'dark', ui: { view: 'browse', articleId: 'abc' } });
  });

  it('loses no update when many arrive at once', async () => {
    const store = new SettingsStore(tempDir());
    await Promise.all([
      store.update({ language: 'zh' }),
      store.update({ theme: 'light' }),
      store.update({ fontSize: 20 }),
      store.update({ ui: { query: '双减' } }),
      store.update({ ui: { scrollTop: 120 } }),
    ]);
    expect(await store.get()).toMatchObject({
      language: 'zh',
      theme: 'light',
      fontSize: 20,
      ui: { query: '双减', scrollTop: 120 },
    });
  });

  it('keeps an unreadable file aside, restores the last good copy and says so', async () => {
    const data = tempDir();
    const store = new SettingsStore(data);
    await store.update({ theme: 'dark' });
    await store.update({ fontSize: 22 });
    // A crash or a bad disk left half a file.
    writeFileSync(path.join(data, 'settings.json'), '{"format":1,"settings":{"theme":"da');
    const reopened = new SettingsStore(data);
    const settings = await reopened.get();
    expect(settings.theme).toBe('dark');
    expect(reopened.notice).toMatch(/could not be read.*last good copy was restored/);
    const aside = readdirSync(data).find((f) => f.startsWith('settings.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(data, aside as string), 'utf8')).toContain('"da');
  });

  it('drops only the fields that are invalid and keeps the rest', async () => {
    const data = tempDir();
    writeFileSync(
      path.join(data, 'settings.json'),
      JSON.stringify({ format: 1, settings: { theme: 'dark', fontSize: 'huge', language: 'klingon' } }),
    );
    const store = new SettingsStore(data);
    expect(await store.get()).toMatchObject({ theme: 'dark', fontSize: 17, language: 'system' });
    expect(store.notice).toBeNull();
  });

  it('never writes when nothing changed, so a fresh start cannot overwrite real settings', async () => {
    const data = tempDir();
    await new SettingsStore(data).get();
    expect(existsSync(path.join(data, 'settings.json'))).toBe(false);
  });
});
