import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveInfo } from '../../../../shared/types';

/** What the import read, and every file it could not use with the reason. */
export function ReportView({ info }: { info: ArchiveInfo | null }): ReactNode {
  const { t } = useTranslation();
  if (!info) return null;
  return (
    <section className="page-view report" aria-labelledby="report-title">
      <h2 id="report-title">{t('report.title')}</h2>
      <p>{t('report.summary', { files: info.fileCount, articles: info.articleCount })}</p>
      {info.problems.length === 0 ? (
        <p>{t('report.noProblems')}</p>
      ) : (
        <>
          <p>{t('report.problems')}</p>
          <table>
            <tbody>
              {info.problems.map((p) => (
                <tr key={p.file}>
                  <th scope="row">
                    <code>{p.file}</code>
                  </th>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
