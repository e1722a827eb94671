import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerImportJob } from '../../../../shared/types';
import { api } from '../../api';
import { PathInput } from './PathInput';

/** Jobs still moving: the list is asked again while one is. */
const ACTIVE: ReadonlySet<ServerImportJob['state']> = new Set(['queued', 'receiving', 'running']);
const POLL_MS = 1000;
/** Jobs shown, newest first. */
const SHOWN = 8;

/**
 * For editors and admins of an open server archive: upload a folder of pages from this computer
 * into the server's archive, and follow the server's import jobs (the team's, newest first):
 * files received, pages read, articles, and why one failed.
 */
export function ServerImports({ onError }: { onError: (error: unknown) => void }): ReactNode {
  const { t } = useTranslation();
  const [jobs, setJobs] = useState<ServerImportJob[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const refresh = useCallback(
    () =>
      api['server:jobs']({}).then(
        (list) => setJobs(list),
        () => undefined,
      ),
    [],
  );
  const moving = uploading !== null || jobs.some((j) => ACTIVE.has(j.state));
  useEffect(() => {
    void refresh();
    if (!moving) return;
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [moving, refresh]);
  const upload = (dir: string): void => {
    const clean = dir.trim();
    if (!clean) return;
    setUploading(clean);
    api['server:upload']({ dir: clean })
      .then(() => setTyped(''), onError)
      .finally(() => {
        setUploading(null);
        void refresh();
      });
  };
  const retry = (id: number): void => {
    api['server:retryJob']({ id }).then(() => refresh(), onError);
  };
  const choose = (): void => {
    api['archive:chooseFolder']({}).then((r) => r.dir && upload(r.dir), onError);
  };
  return (
    <div className="server-imports" data-testid="server-imports">
      <h3>{t('serverImport.title')}</h3>
      <p className="hint">{t('serverImport.hint')}</p>
      <div className="add-folder">
        {window.desktop ? (
          <button type="button" onClick={choose} disabled={uploading !== null}>
            {t('serverImport.choose')}
          </button>
        ) : (
          <PathInput
            label={t('serverImport.path')}
            action={t('serverImport.upload')}
            value={typed}
            onChange={setTyped}
            onSubmit={() => upload(typed)}
            busy={uploading !== null}
          />
        )}
      </div>
      {uploading && (
        <p role="status" aria-live="polite">
          {t('serverImport.uploading', { dir: uploading })}
        </p>
      )}
      {jobs.length > 0 && (
        <ul className="server-jobs" aria-label={t('serverImport.jobs')}>
          {jobs.slice(0, SHOWN).map((job) => (
            <li key={job.id} data-state={job.state}>
              <strong>{job.label || job.folder || t('serverImport.unnamed', { id: job.id })}</strong>
              <span className="state">{t(`serverImport.state.${job.state}`)}</span>
              <span>{progressOf(job, t)}</span>
              <small>
                {t('serverImport.by', {
                  user: job.user ?? '—',
                  when: new Date(job.created).toLocaleString(),
                })}
              </small>
              {job.error && <span className="error">{job.error}</span>}
              {job.retriedAs !== undefined ? (
                <small>{t('serverImport.retriedAs', { id: job.retriedAs })}</small>
              ) : (
                (job.state === 'failed' || job.state === 'interrupted') && (
                  <button type="button" onClick={() => retry(job.id)}>
                    {t('serverImport.retry')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function progressOf(job: ServerImportJob, t: ReturnType<typeof useTranslation>['t']): string {
  if (job.state === 'receiving')
    return job.total > 0
      ? t('serverImport.received', { done: job.received, total: job.total })
      : t('serverImport.receivedCount', { count: job.received });
  if (job.state === 'done')
    return t('serverImport.done', {
      pages: job.total,
      articles: job.articles ?? 0,
      written: job.written ?? 0,
    });
  if (job.state === 'running' || job.state === 'queued')
    return job.total > 0 ? t('serverImport.reading', { done: job.done, total: job.total }) : '';
  return '';
}
