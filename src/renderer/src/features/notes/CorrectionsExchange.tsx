import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectionsImportReport } from '../../../../shared/corrections-types';
import { api } from '../../api';
import { deliverExport } from './download';

/** Export and import of every correction (texts with their history, titles, papers, dates, pages). */
export function CorrectionsExchange({
  onToast,
  onError,
}: {
  onToast: (message: string) => void;
  onError: (error: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const exportAll = (): void => {
    api['corrections:export']({ save: Boolean(window.desktop) }).then(
      (r) => deliverExport(r, onToast, t),
      onError,
    );
  };
  const summary = (r: CorrectionsImportReport): string =>
    [
      t('fixes.imported', { count: r.changed, revisions: r.revisionsAdded, fields: r.fieldsAdded }),
      r.notInArchive ? t('fixes.notInArchive', { count: r.notInArchive }) : '',
      r.conflicts.length ? t('fixes.conflicts', { count: r.conflicts.length }) : '',
      r.repairedTimes ? t('fixes.repairedTimes', { count: r.repairedTimes }) : '',
      r.rejected.length ? t('fixes.rejected', { count: r.rejected.length }) : '',
    ]
      .filter(Boolean)
      .join(' ');
  return (
    <span className="corrections-exchange">
      <button type="button" onClick={exportAll} data-testid="export-corrections">
        {t('fixes.export')}
      </button>
      <label className="file-button">
        {t('fixes.import')}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="import-corrections"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            file
              .text()
              .then((content) => api['corrections:import']({ content }))
              .then((r) => onToast(summary(r)), onError);
          }}
        />
      </label>
    </span>
  );
}
