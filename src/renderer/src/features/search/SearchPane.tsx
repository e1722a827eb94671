import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CITE_SEARCH_LIMIT, type CitationFormat } from '../../../../shared/citation-formats';
import { MAX_QUERY_LENGTH, type SearchResultEx, type SearchSort } from '../../../../shared/search-types';
import type { ArticleSummary, SearchHit } from '../../../../shared/types';
import { api } from '../../api';
import { showControls } from '../../components/bidi';
import { useRunningTasks } from '../../components/running-tasks';
import { describeError, describeIssue } from '../../errors';
import { deliverExport } from '../notes/download';
import { ResultList, type ResultItem } from './ResultList';

export const SEARCH_DELAY_MS = 180;
/** Hits fetched at a time; more come as the list is scrolled. */
const PAGE_SIZE = 200;

export function metaOf(
  a: Pick<ArticleSummary, 'publication' | 'date' | 'page' | 'source'>,
  page: (p: string) => string,
): string {
  const parts = [a.publication, a.date, a.page ? page(a.page) : undefined].filter(Boolean);
  return parts.length ? parts.join(' · ') : showControls(a.source.file);
}

/** Results of the query typed in the top bar, while typing (debounced): sorted, faceted, paged. */
export function SearchPane({
  query,
  generation,
  articleCount,
  openId,
  onOpen,
  onError,
  onResults,
  onToast,
  onRefine,
}: {
  query: string;
  /** Changes when the archive changed (an import, a correction): the results are asked again. */
  generation: number;
  articleCount: number | null;
  openId: string | null;
  onOpen: (id: string) => void;
  onError: (error: unknown) => void;
  /** The ids of the current hits, for exporting the notes of exactly these articles. */
  onResults: (ids: string[]) => void;
  onToast: (message: string) => void;
  /** Adds a filter to the query (a facet chip was chosen). */
  onRefine: (filter: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const running = useRunningTasks();
  const [sort, setSort] = useState<SearchSort>('relevance');
  const [result, setResult] = useState<SearchResultEx | null>(null);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(-1);
  const loadingMore = useRef(false);
  // A search that failed, shown in the list with a retry (which runs it again: `attempt`).
  const [failed, setFailed] = useState<{ query: string; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [citeFormat, setCiteFormat] = useState<CitationFormat>('ris');
  const trimmed = query.trim();
  const tooLong = trimmed.length > MAX_QUERY_LENGTH;
  const current = trimmed && result?.query === trimmed && result.sort === sort ? result : null;

  useEffect(() => {
    if (!trimmed || tooLong) return;
    let live = true;
    const timer = window.setTimeout(() => {
      api['search:query']({ query: trimmed, limit: PAGE_SIZE, sort }).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setHits(r.hits);
          setActive(-1);
          onResults(r.hits.map((h) => h.id));
        },
        (e: unknown) => live && setFailed({ query: trimmed, message: describeError(e, t) }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [trimmed, tooLong, sort, attempt, generation, onResults, t]);

  /** The next page of hits, when the list is scrolled near its end. */
  const loadMore = useCallback(() => {
    if (!current || loadingMore.current || hits.length >= current.total) return;
    loadingMore.current = true;
    api['search:query']({ query: current.query, limit: PAGE_SIZE, offset: hits.length, sort: current.sort })
      .then((r) => {
        setHits((h) => (h.length === hits.length ? [...h, ...r.hits] : h));
        onResults([...hits, ...r.hits].map((h) => h.id));
      }, onError)
      .finally(() => (loadingMore.current = false));
  }, [current, hits, onError, onResults]);

  const saveSearch = (): void => {
    api['notes:saveSearch']({ query: trimmed }).then(() => onToast(t('notes.searchSaved')), onError);
  };

  /** The results as a citation file, in the order shown: a save dialog on the desktop, else a download. */
  const exportCitations = (): void => {
    if (!current) return;
    const save = Boolean(window.desktop);
    api['search:cite']({ query: current.query, format: citeFormat, sort: current.sort, save }).then(
      (r) => deliverExport(r, onToast, t),
      onError,
    );
  };

  const items: ResultItem[] = useMemo(
    () =>
      (current ? hits : []).map((h) => ({
        id: h.id,
        title: h.title,
        titleHighlights: h.titleHighlights,
        meta: metaOf(h, (page) => t('article.page', { page })),
        snippet: h.snippet,
        highlights: h.highlights,
      })),
    [current, hits, t],
  );

  if (!trimmed) {
    return (
      <div className="empty-state" data-testid="status">
        <h2>{t('search.emptyTitle')}</h2>
        <p>{t('search.emptyHint', { count: articleCount ?? 0 })}</p>
        <p>{t('search.syntaxHint')}</p>
      </div>
    );
  }
  if (tooLong) {
    return (
      <div className="empty-state" role="alert" data-testid="status">
        <p>{t('queryIssue.too-long', { length: trimmed.length, max: MAX_QUERY_LENGTH })}</p>
      </div>
    );
  }
  if (!current && failed?.query === trimmed) {
    return (
      <div className="empty-state" role="alert" data-testid="status">
        <p>{t('search.failed', { message: failed.message })}</p>
        <button
          type="button"
          onClick={() => {
            setFailed(null);
            setAttempt((n) => n + 1);
          }}
        >
          {t('error.retry')}
        </button>
      </div>
    );
  }
  if (!current) {
    // A search waits while the archive is read or its index catches up: say so, with progress.
    const work = running.import ?? running.index;
    return (
      <p className="status" role="status" data-testid="status" aria-busy="true">
        {work ? (
          <>
            {t('search.waitingFor', { task: t(`tasks.${work.task}`) })}{' '}
            {work.total > 0 ? `${work.done.toLocaleString()} / ${work.total.toLocaleString()}` : ''}
            <progress max={work.total || undefined} value={work.total ? work.done : undefined} />
          </>
        ) : (
          t('search.searching')
        )}
      </p>
    );
  }
  const errors = current.issues.filter((i) => i.severity === 'error');
  const issues = current.issues.length > 0 && (
    <ul className={errors.length ? 'issues error' : 'issues'} role="alert" data-testid="query-issues">
      {current.issues.map((i) => (
        <li key={`${i.start}-${i.code}`}>{describeIssue(i, t)}</li>
      ))}
    </ul>
  );
  if (current.total === 0) {
    return (
      <div className="empty-state" role="status" data-testid="status">
        {issues}
        <h2>{t('search.none', { query: current.query })}</h2>
        <p>{t('search.noneHint')}</p>
      </div>
    );
  }
  const publications = current.facets.publication.filter((f) => f.value).slice(0, 8);
  const years = current.facets.year.filter((f) => f.value).slice(0, 12);
  return (
    <>
      {issues}
      <div className="status-row">
        <p className="status" role="status" data-testid="status">
          {t('search.results', { count: current.total })}
        </p>
        <label className="sort">
          <span className="visually-hidden">{t('search.sort')}</span>
          <select
            value={sort}
            onChange={(e) => setSort(e.target.value as SearchSort)}
            aria-label={t('search.sort')}
          >
            <option value="relevance">{t('search.sortRelevance')}</option>
            <option value="newest">{t('search.sortNewest')}</option>
            <option value="oldest">{t('search.sortOldest')}</option>
          </select>
        </label>
        <button type="button" onClick={saveSearch}>
          {t('notes.saveSearch')}
        </button>
        <span className="sort" role="group" aria-label={t('search.cite')}>
          <select
            value={citeFormat}
            onChange={(e) => setCiteFormat(e.target.value as CitationFormat)}
            aria-label={t('search.citeFormat')}
            data-testid="cite-format"
          >
            <option value="ris">RIS</option>
            <option value="bibtex">BibTeX</option>
            <option value="csl">CSL-JSON</option>
          </select>{' '}
          <button
            type="button"
            onClick={exportCitations}
            title={t('search.citeHint', { max: CITE_SEARCH_LIMIT })}
            data-testid="cite-export"
          >
            {t('search.cite')}
          </button>
        </span>
      </div>
      {(publications.length > 1 || years.length > 1) && (
        <div className="facets" aria-label={t('search.facets')} role="group" data-testid="facets">
          {publications.length > 1 &&
            publications.map((f) => (
              <button
                key={`p-${f.value}`}
                type="button"
                className="chip"
                onClick={() => onRefine(`publication:${f.value}`)}
              >
                {f.value} <span className="count">{f.count}</span>
              </button>
            ))}
          {years.length > 1 &&
            years.map((f) => (
              <button
                key={`y-${f.value}`}
                type="button"
                className="chip"
                onClick={() => onRefine(`from:${f.value}-01-01 to:${f.value}-12-31`)}
              >
                {f.value} <span className="count">{f.count}</span>
              </button>
            ))}
        </div>
      )}
      <ResultList
        items={items}
        activeIndex={active}
        onActiveIndex={setActive}
        openId={openId}
        onOpen={onOpen}
        onNearEnd={loadMore}
        label={t('search.label')}
      />
    </>
  );
}
