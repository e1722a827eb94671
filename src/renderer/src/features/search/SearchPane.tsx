import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleSummary, SearchResult } from '../../../../shared/types';
import { api } from '../../api';
import { ResultList, type ResultItem } from './ResultList';

export const SEARCH_DELAY_MS = 180;
const RESULT_LIMIT = 10000;

export function metaOf(
  a: Pick<ArticleSummary, 'publication' | 'date' | 'page' | 'source'>,
  page: (p: string) => string,
): string {
  const parts = [a.publication, a.date, a.page ? page(a.page) : undefined].filter(Boolean);
  return parts.length ? parts.join(' · ') : a.source.file;
}

/** Results of the query typed in the top bar, while typing (debounced), best first. */
export function SearchPane({
  query,
  articleCount,
  openId,
  onOpen,
  onError,
  onResults,
  onToast,
}: {
  query: string;
  articleCount: number | null;
  openId: string | null;
  onOpen: (id: string) => void;
  onError: (error: unknown) => void;
  /** The ids of the current hits, for exporting the notes of exactly these articles. */
  onResults: (ids: string[]) => void;
  onToast: (message: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [result, setResult] = useState<SearchResult | null>(null);
  const [active, setActive] = useState(-1);
  const trimmed = query.trim();
  const current = trimmed && result?.query === trimmed ? result : null;

  useEffect(() => {
    if (!trimmed) return;
    let live = true;
    const timer = window.setTimeout(() => {
      api['search:query']({ query: trimmed, limit: RESULT_LIMIT }).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setActive(-1);
          onResults(r.hits.map((h) => h.id));
        },
        (e: unknown) => live && onError(e),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [trimmed, onError, onResults]);

  const saveSearch = (): void => {
    api['notes:saveSearch']({ query: trimmed }).then(() => onToast(t('notes.searchSaved')), onError);
  };

  const items: ResultItem[] = useMemo(
    () =>
      (current?.hits ?? []).map((h) => ({
        id: h.id,
        title: h.title,
        titleHighlights: h.titleHighlights,
        meta: metaOf(h, (page) => t('article.page', { page })),
        snippet: h.snippet,
        highlights: h.highlights,
      })),
    [current, t],
  );

  if (!trimmed) {
    return (
      <div className="empty-state" data-testid="status">
        <h2>{t('search.emptyTitle')}</h2>
        <p>{t('search.emptyHint', { count: articleCount ?? 0 })}</p>
      </div>
    );
  }
  if (!current) {
    return (
      <p className="status" role="status" data-testid="status" aria-busy="true">
        {t('search.searching')}
      </p>
    );
  }
  if (current.total === 0) {
    return (
      <div className="empty-state" role="status" data-testid="status">
        <h2>{t('search.none', { query: current.query })}</h2>
        <p>{t('search.noneHint')}</p>
      </div>
    );
  }
  return (
    <>
      <div className="status-row">
        <p className="status" role="status" data-testid="status">
          {t('search.results', { count: current.total })}
          {current.hits.length < current.total
            ? ` (${t('search.showing', { shown: current.hits.length })})`
            : ''}
        </p>
        <button type="button" onClick={saveSearch}>
          {t('notes.saveSearch')}
        </button>
      </div>
      <ResultList
        items={items}
        activeIndex={active}
        onActiveIndex={setActive}
        openId={openId}
        onOpen={onOpen}
        label={t('search.label')}
      />
    </>
  );
}
