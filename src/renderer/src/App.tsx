import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ArticleSummary, ArticleView as Article, SearchResult } from '../../shared/types';
import { api, ApiError } from './api';
import { ArticleView } from './features/article/ArticleView';
import { ResultList, type ResultItem } from './features/search/ResultList';
import { strings, systemLanguage, type Language } from './i18n';

const SEARCH_DELAY_MS = 200;

function metaOf(a: Pick<ArticleSummary, 'publication' | 'date' | 'page' | 'source'>): string {
  const parts = [a.publication, a.date, a.page ? `第${a.page}版` : undefined].filter(Boolean);
  return parts.length ? parts.join(' · ') : a.source.file;
}

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

export function App(): ReactNode {
  const [language, setLanguage] = useState<Language>(systemLanguage);
  const t = strings(language);
  const [query, setQuery] = useState('');
  const [all, setAll] = useState<ArticleSummary[] | null>(null);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const searchBox = useRef<HTMLInputElement>(null);
  const trimmed = query.trim();
  // A result belongs to the query it answered; while a newer query runs, the list waits for it.
  const current = trimmed && result?.query === trimmed ? result : null;
  const busy = trimmed !== '' && current === null && error === null;

  useEffect(() => {
    let live = true;
    api['articles:list']({}).then(
      (articles) => {
        if (!live) return;
        setAll(articles);
        setError(null);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    if (!trimmed) return;
    let live = true;
    const timer = window.setTimeout(() => {
      api['search:query']({ query: trimmed, limit: 200 }).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setError(null);
        },
        (e: unknown) => live && setError(messageOf(e)),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [trimmed, attempt]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const open = useCallback(
    (id: string) => {
      api['articles:get']({ id, query: trimmed || undefined }).then(
        (a) => {
          setArticle(a);
          setError(null);
          document.querySelector('.reader')?.scrollTo({ top: 0 });
        },
        (e: unknown) => setError(messageOf(e)),
      );
    },
    [trimmed],
  );

  const items: ResultItem[] = useMemo(() => {
    if (current) {
      return current.hits.map((h) => ({
        id: h.id,
        title: h.title,
        titleHighlights: h.titleHighlights,
        meta: metaOf(h),
        snippet: h.snippet,
        highlights: h.highlights,
      }));
    }
    return (all ?? []).map((a) => ({
      id: a.id,
      title: a.title,
      titleHighlights: [],
      meta: metaOf(a),
      highlights: [],
    }));
  }, [current, all]);

  const status = trimmed
    ? current
      ? current.total === 0
        ? t.noResults(current.query)
        : t.results(current.total)
      : t.loading
    : all
      ? t.allArticles(all.length)
      : t.loading;

  return (
    <div className="app" lang={language === 'zh' ? 'zh-CN' : 'en'}>
      <header className="topbar">
        <span className="brand">{t.appName}</span>
        <form role="search" className="search" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="search-input" className="visually-hidden">
            {t.searchLabel}
          </label>
          <input
            id="search-input"
            ref={searchBox}
            type="search"
            value={query}
            autoFocus
            placeholder={t.searchPlaceholder}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLButtonElement>('button.result')?.focus();
              } else if (e.key === 'Escape') {
                setQuery('');
              }
            }}
          />
        </form>
        <button type="button" className="lang" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
          {t.language}
        </button>
      </header>
      {error && (
        <div className="error" role="alert">
          {t.errorPrefix}
          {error}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </button>
        </div>
      )}
      <main className="panes">
        <section className="list-pane" aria-busy={busy}>
          <p className="status" role="status" data-testid="status">
            {status}
          </p>
          {!trimmed && all && <p className="hint">{t.emptyHint}</p>}
          <ResultList items={items} selectedId={article?.id ?? null} onOpen={open} label={t.searchLabel} />
        </section>
        <section className="reader" aria-live="polite">
          {article ? <ArticleView article={article} t={t} /> : <p className="hint">{t.pickArticle}</p>}
        </section>
      </main>
    </div>
  );
}
