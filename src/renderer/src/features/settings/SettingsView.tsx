import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveInfo } from '../../../../shared/types';
import { useSettings } from '../../state/settings';

/** Language, theme and text size; where the archive and the data live. */
export function SettingsView({ info }: { info: ArchiveInfo | null }): ReactNode {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [saved, setSaved] = useState(false);
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
      <div className="field">
        <span>{t('settings.archive')}</span>
        <code>{info?.archiveDirs.join(', ') ?? '…'}</code>
      </div>
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
