import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

/** The list of keyboard shortcuts, as a modal dialog. */
export function HelpOverlay({ onClose }: { onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const rows: [string, string][] = [
    [`${mod}+K`, t('help.keys.search')],
    ['↑ ↓ PgUp PgDn Home End', t('help.keys.move')],
    ['Enter', t('help.keys.open')],
    ['Esc', t('help.keys.back')],
    [`${mod}+F`, t('help.keys.find')],
    ['F3 / Shift+F3', t('help.keys.matches')],
    ['Alt+← / Alt+→', t('help.keys.articles')],
    ['+ / -', t('help.keys.font')],
    ['?', t('help.keys.help')],
  ];
  return (
    <dialog ref={dialog} className="help" aria-labelledby="help-title" onClose={onClose} onCancel={onClose}>
      <h2 id="help-title">{t('help.title')}</h2>
      <table>
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" autoFocus>
          {t('help.close')}
        </button>
      </form>
    </dialog>
  );
}
