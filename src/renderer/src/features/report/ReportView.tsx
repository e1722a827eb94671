import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveInfo } from '../../../../shared/types';
import { api } from '../../api';
import { showControls } from '../../components/bidi';
import './i18n';
import { layoutName } from './reasons';
import { ReasonList, ReasonText } from './ReasonText';

/**
 * What the import read, file by file: encoding, layout, articles, warnings; and what it skipped.
 * The core's messages are shown in the user's language (./reasons.ts); file names and paths are
 * isolated in <bdi>, so that right-to-left or override characters in a name cannot reorder the
 * text around it.
 */
export function ReportView({
  info,
  onInfo,
  onError,
}: {
  info: ArchiveInfo | null;
  onInfo: (info: ArchiveInfo) => void;
  onError: (error: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (!info) return null;
  const report = info.report;
  const reimport = (): void => {
    setBusy(true);
    api['archive:reimport']({})
      .then(onInfo, onError)
      .finally(() => setBusy(false));
  };
  return (
    <section className="page-view report" aria-labelledby="report-title">
      <h2 id="report-title">{t('report.title')}</h2>
      <p>
        {t('report.summary', { files: info.fileCount, articles: info.articleCount })}
        {report && report.totals.warnings > 0
          ? ` · ${t('report.warnings', { count: report.totals.warnings })}`
          : ''}
        {report?.cancelled ? ` · ${t('report.cancelled')}` : ''}
      </p>
      <p>
        {t('report.folders')}:{' '}
        <code>
          {info.archiveDirs.map((dir, i) => (
            <Fragment key={dir}>
              {i > 0 && ', '}
              <bdi>{showControls(dir)}</bdi>
            </Fragment>
          ))}
        </code>{' '}
        <button type="button" onClick={reimport} disabled={busy} aria-busy={busy}>
          {t('report.reimport')}
        </button>
      </p>
      {info.problems.length === 0 ? (
        <p>{t('report.noProblems')}</p>
      ) : (
        <>
          <h3>{t('report.problems')}</h3>
          <table>
            <tbody>
              {info.problems.map((p) => (
                <tr key={`${p.file}-${p.message}`}>
                  <th scope="row">
                    <code>
                      <bdi>{showControls(p.file)}</bdi>
                    </code>
                  </th>
                  <td>
                    <ReasonText message={p.message} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report && report.files.length > 0 && (
        <>
          <h3>{t('report.files')}</h3>
          <table className="files" data-testid="report-files">
            <thead>
              <tr>
                <th scope="col">{t('report.file')}</th>
                <th scope="col">{t('report.status')}</th>
                <th scope="col">{t('report.encoding')}</th>
                <th scope="col">{t('report.articles')}</th>
                <th scope="col">{t('report.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {report.files.map((f) => (
                <tr key={`${f.root}/${f.file}`} className={f.status === 'failed' ? 'failed' : undefined}>
                  <th scope="row">
                    <code>
                      <bdi>{showControls(f.file)}</bdi>
                    </code>
                  </th>
                  <td>{t(`report.statuses.${f.status}`)}</td>
                  <td>
                    {f.encoding ?? '—'}
                    {f.layout ? ` · ${layoutName(f.layout, t)}` : ''}
                  </td>
                  <td>{f.articles}</td>
                  <td>
                    <ReasonList messages={[...f.errors, ...f.warnings]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report && report.removed.length > 0 && (
        <>
          <h3>{t('report.removed')}</h3>
          <ul>
            {report.removed.map((r) => (
              <li key={r}>
                <code>
                  <bdi>{showControls(r)}</bdi>
                </code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
