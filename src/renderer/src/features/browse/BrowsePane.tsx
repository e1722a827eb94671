import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BrowseResult } from '../../../../shared/types';
import { api } from '../../api';

type Level = { publication?: string | null; date?: string | null };

/** Publication, then date, then page, then the page's articles in reading order. */
export function BrowsePane({
  openId,
  onOpen,
  onError,
}: {
  openId: string | null;
  onOpen: (id: string) => void;
  onError: (error: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [level, setLevel] = useState<Level>({});
  const [result, setResult] = useState<BrowseResult | null>(null);

  useEffect(() => {
    let live = true;
    api['browse:list'](level).then(
      (r) => live && setResult(r),
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [level, onError]);

  const publicationName = (p: string | null): string => p ?? t('browse.unknownPublication');
  const dateName = (d: string | null): string => d ?? t('browse.unknownDate');

  const crumbs = (
    <nav className="crumbs" aria-label={t('browse.label')}>
      <button
        type="button"
        onClick={() => setLevel({})}
        aria-current={level.publication === undefined ? 'page' : undefined}
      >
        {t('browse.publications')}
      </button>
      {level.publication !== undefined && (
        <>
          <span aria-hidden="true">›</span>
          <button
            type="button"
            onClick={() => setLevel({ publication: level.publication })}
            aria-current={level.date === undefined ? 'page' : undefined}
          >
            {publicationName(level.publication)}
          </button>
        </>
      )}
      {level.date !== undefined && (
        <>
          <span aria-hidden="true">›</span>
          <span aria-current="page">{dateName(level.date)}</span>
        </>
      )}
    </nav>
  );

  if (!result) return crumbs;
  return (
    <div className="browse" data-testid="browse">
      {crumbs}
      {result.level === 'publications' && (
        <ul className="browse-list">
          {result.items.length === 0 && <li className="hint">{t('browse.empty')}</li>}
          {result.items.map((item) => (
            <li key={item.publication ?? ''}>
              <button type="button" onClick={() => setLevel({ publication: item.publication })}>
                <span className="browse-name">{publicationName(item.publication)}</span>
                <span className="browse-count">
                  {t('browse.articles', { count: item.count })}
                  {item.firstDate && item.lastDate
                    ? ` · ${t('browse.range', { from: item.firstDate, to: item.lastDate })}`
                    : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {result.level === 'dates' && (
        <ul className="browse-list">
          {result.items.map((item) => (
            <li key={item.date ?? ''}>
              <button
                type="button"
                onClick={() => setLevel({ publication: result.publication, date: item.date })}
              >
                <span className="browse-name">{dateName(item.date)}</span>
                <span className="browse-count">
                  {t('browse.pages', { count: item.pages })} · {t('browse.articles', { count: item.count })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {result.level === 'pages' &&
        result.pages.map((page) => (
          <section
            key={page.page ?? ''}
            className="browse-page"
            aria-label={page.page ? t('browse.page', { page: page.page }) : t('browse.unknownPage')}
          >
            <h3>{page.page ? t('browse.page', { page: page.page }) : t('browse.unknownPage')}</h3>
            <ol className="browse-articles">
              {page.articles.map((a) => (
                <li key={a.id}>
                  <button
                    type="button"
                    className={a.id === openId ? 'open' : undefined}
                    aria-current={a.id === openId ? 'true' : undefined}
                    onClick={() => onOpen(a.id)}
                  >
                    {a.title}
                  </button>
                </li>
              ))}
            </ol>
          </section>
        ))}
    </div>
  );
}
