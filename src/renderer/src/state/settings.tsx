/** App-wide settings: loaded from the core, applied (language, theme, text size), saved on change. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../shared/settings';
import { api } from '../api';
import i18next, { resolveLanguage } from '../i18n';

interface SettingsContextValue {
  settings: Settings;
  loaded: boolean;
  update: (patch: SettingsPatch) => void;
}

const SettingsContext = createContext<SettingsContextValue>({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  update: () => undefined,
});

export function SettingsProvider({ children }: { children: ReactNode }): ReactNode {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    api['settings:get']({}).then(
      (s) => {
        setSettings(s);
        setLoaded(true);
      },
      () => setLoaded(true),
    );
  }, []);

  useEffect(() => {
    const language = resolveLanguage(settings.language);
    void i18next.changeLanguage(language);
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.documentElement.dataset.theme = settings.theme;
    document.documentElement.style.setProperty('--reading-size', `${settings.fontSize}px`);
  }, [settings.language, settings.theme, settings.fontSize]);

  const update = useCallback((patch: SettingsPatch) => {
    setSettings((s) => ({ ...s, ...patch, ui: { ...s.ui, ...(patch.ui ?? {}) } }));
    api['settings:update'](patch).catch(() => undefined);
  }, []);

  const value = useMemo(() => ({ settings, loaded, update }), [settings, loaded, update]);
  // Nothing is shown until the settings are known, so the app starts in the right language and view.
  return <SettingsContext.Provider value={value}>{loaded ? children : null}</SettingsContext.Provider>;
}

export function useSettings(): SettingsContextValue {
  return useContext(SettingsContext);
}
