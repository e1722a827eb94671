import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveInfo } from '../../../../shared/types';
import { api } from '../../api';
import { ServerImports } from './ServerImports';

/**
 * A newsroom server's archive instead of this computer's folders: address, user name and
 * password; while connected, searches and articles come from the server and notes stay here.
 */
export function ServerSettings({
  info,
  onInfo,
  onError,
}: {
  info: ArchiveInfo | null;
  onInfo: (info: ArchiveInfo) => void;
  onError: (error: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [url, setUrl] = useState('https://');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const run = (call: () => Promise<ArchiveInfo>): void => {
    setBusy(true);
    call()
      .then((next) => {
        setPassword('');
        onInfo(next);
      }, onError)
      .finally(() => setBusy(false));
  };
  const server = info?.server;
  return (
    <fieldset className="field server" aria-busy={busy} data-testid="server-settings">
      <legend>{t('server.title')}</legend>
      {server ? (
        <>
          <p role="status">
            {t('server.connected', {
              url: server.url,
              user: server.user,
              role: t(`server.role.${server.role}`),
            })}
          </p>
          <p className="hint">{t('server.whileConnected')}</p>
          <button type="button" onClick={() => run(() => api['server:disconnect']({}))} disabled={busy}>
            {t('server.disconnect')}
          </button>
          {(server.role === 'editor' || server.role === 'admin') && <ServerImports onError={onError} />}
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run(() => api['server:connect']({ url, name, password }));
          }}
        >
          <p className="hint">{t('server.hint')}</p>
          <label>
            <span>{t('server.url')}</span>
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required />
          </label>
          <label>
            <span>{t('server.user')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" required />
          </label>
          <label>
            <span>{t('server.password')}</span>
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {t('server.connect')}
          </button>
        </form>
      )}
    </fieldset>
  );
}
