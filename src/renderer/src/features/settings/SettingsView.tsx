import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveInfo } from '../../../../shared/types';
import { api } from '../../api';
import { PathInput } from './PathInput';
import { useSettings } from '../../state/settings';
import { ServerSettings } from './ServerSettings';

/** Language, theme and text size; where the archive and the data live. */
export function SettingsView({
  info,
  onInfo,
  onError,
}: {
  info: ArchiveInfo | null;
  onInfo: (info: ArchiveInfo) => void;
  onError: (error: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [saved, setSaved] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const folders = settings.archiveDirs;
  // The folder being relocated and, in browser mode, the new path typed for it.
  const [moving, setMoving] = useState<string | null>(null);
  const [movedTo, setMovedTo] = useState('');
  /** Changes the folders through the core, then keeps the settings shown in step with it. */
  const changeFolders = (call: () => Promise<ArchiveInfo>, dirsOf: (next: ArchiveInfo) => string[]): void => {
    setBusy(true);
    call()
      .then((next) => {
        onInfo(next);
        update({ archiveDirs: dirsOf(next) });
        setMoving(null);
        setMovedTo('');
        setSaved(true);
      }, onError)
      .finally(() => setBusy(false));
  };
  const setFolders = (dirs: string[]): void =>
    changeFolders(
      () => api['archive:setFolders']({ dirs }),
      () => dirs,
    );
  const addFolder = (dir: string): void => {
    const clean = dir.trim();
    if (clean && !folders.includes(clean)) setFolders([...folders, clean]);
    setTyped('');
  };
  const choose = (): void => {
    api['archive:chooseFolder']({}).then((r) => r.dir && addFolder(r.dir), onError);
  };
  const unavailable = new Map((info?.unavailable ?? []).map((u) => [u.root, u.problem]));
  const relocate = (from: string, to: string): void => {
    const clean = to.trim();
    if (clean)
      changeFolders(
        () => api['archive:relocateFolder']({ from, to: clean }),
        (next) => next.archiveDirs,
      );
  };
  const startRelocate = (dir: string): void => {
    if (window.desktop) api['archive:chooseFolder']({}).then((r) => r.dir && relocate(dir, r.dir), onError);
    else setMoving(dir);
  };
  useEffect(() => {
    if (!saved) return;
    const timer = window.setTimeout(() => setSaved(false), 1500);
    return () => window.clearTimeout(timer);
  }, [saved]);
  const change = (patch: Parameters<typeof update>[0]): void => {
    update(patch);
    setSaved(true);
  };
  return (
    <section className="page-view settings" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings.title')}</h2>
      <label>
        <span>{t('settings.language')}</span>
        <select
          value={settings.language}
          onChange={(e) => change({ language: e.target.value as 'system' | 'zh' | 'en' })}
        >
          <option value="system">{t('settings.languageSystem')}</option>
          <option value="zh">中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        <span>{t('settings.theme')}</span>
        <select
          value={settings.theme}
          onChange={(e) => change({ theme: e.target.value as 'system' | 'light' | 'dark' })}
        >
          <option value="system">{t('settings.themeSystem')}</option>
          <option value="light">{t('settings.themeLight')}</option>
          <option value="dark">{t('settings.themeDark')}</option>
        </select>
      </label>
      <label>
        <span>
          {t('settings.fontSize')}: {settings.fontSize}px
        </span>
        <input
          type="range"
          min={12}
          max={32}
          value={settings.fontSize}
          onChange={(e) => change({ fontSize: Number(e.target.value) })}
        />
      </label>
      <ServerSettings info={info} onInfo={onInfo} onError={onError} />
      <fieldset className="field folders" aria-busy={busy}>
        <legend>{t('settings.archive')}</legend>
        {folders.length === 0 && (
          <p className="hint">
            {t('settings.sample')} <code>{info?.archiveDirs.join(', ') ?? '…'}</code>
          </p>
        )}
        <ul>
          {folders.map((dir) => {
            const problem = unavailable.get(dir);
            return (
              <li key={dir} className={problem ? 'unavailable' : undefined}>
                <code>
                  <bdi>{dir}</bdi>
                </code>{' '}
                <button
                  type="button"
                  onClick={() => setFolders(folders.filter((d) => d !== dir))}
                  disabled={busy}
                >
                  {t('settings.removeFolder')}
                </button>
                {problem && (
                  <>
                    {' '}
                    <button type="button" onClick={() => startRelocate(dir)} disabled={busy}>
                      {t('settings.relocate')}
                    </button>
                    <small className="problem" role="note">
                      {t('settings.unavailable', { reason: t(`folder.problem.${problem}`) })}
                    </small>
                  </>
                )}
                {moving === dir && (
                  <span className="relocate">
                    <PathInput
                      label={t('settings.relocateTo')}
                      action={t('settings.relocateDo')}
                      value={movedTo}
                      onChange={setMovedTo}
                      onSubmit={() => relocate(dir, movedTo)}
                      busy={busy}
                    />
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        <div className="add-folder">
          {window.desktop ? (
            <button type="button" onClick={choose} disabled={busy}>
              {t('settings.chooseFolder')}
            </button>
          ) : (
            <PathInput
              label={t('settings.folderPath')}
              action={t('settings.addFolder')}
              value={typed}
              onChange={setTyped}
              onSubmit={() => addFolder(typed)}
              busy={busy}
            />
          )}
        </div>
        {settings.recentArchives.filter((r) => !folders.includes(r)).length > 0 && (
          <>
            <p className="hint">{t('settings.recent')}</p>
            <ul>
              {settings.recentArchives
                .filter((r) => !folders.includes(r))
                .map((dir) => (
                  <li key={dir}>
                    <button type="button" className="link" onClick={() => addFolder(dir)} disabled={busy}>
                      {dir}
                    </button>
                  </li>
                ))}
            </ul>
          </>
        )}
      </fieldset>
      <div className="field">
        <span>{t('settings.data')}</span>
        <code>{info?.dataDir ?? '…'}</code>
        <small>{t('settings.dataHint')}</small>
      </div>
      <p className="saved" role="status">
        {saved ? t('settings.saved') : ''}
      </p>
    </section>
  );
}
