import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { View } from '../../shared/settings';
import type { ArchiveInfo, ArticleView as Article } from '../../shared/types';
import { api } from './api';
import { HelpOverlay } from './components/HelpOverlay';
import { describeError } from './errors';
import { TaskProgress } from './components/TaskProgress';
import { ArticleView } from './features/article/ArticleView';
import { BrowsePane } from './features/browse/BrowsePane';
import { MetricsView } from './features/metrics/MetricsView';
import { NotesView } from './features/notes/NotesView';
import { ReportView } from './features/report/ReportView';
import { ResearchView } from './features/research/ResearchView';
import { SearchBox } from './features/search/SearchBox';
import { SearchPane } from './features/search/SearchPane';
import { SettingsView } from './features/settings/SettingsView';
import { useSettings } from './state/settings';

const NAV: View[] = ['search', 'browse', 'notes', 'metrics', 'research', 'report', 'settings'];
const SAVE_SCROLL_MS = 400;

export function App(): ReactNode {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  // The provider renders the app once settings are loaded: start where the reader left off.
  const [view, setView] = useState<View>(() =>
    settings.ui.view && NAV.includes(settings.ui.view) ? settings.ui.view : 'search',
  );
  const [query, setQuery] = useState(settings.ui.query ?? '');
  const [article, setArticle] = useState<Article | null>(null);
  const [info, setInfo] = useState<ArchiveInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [resultIds, setResultIds] = useState<string[]>([]);
  const searchBox = useRef<HTMLInputElement>(null);
  const reader = useRef<HTMLElement>(null);
  const restored = useRef(false);
  const initialUi = useRef(settings.ui);
  const pendingScroll = useRef<number | null>(null);

  const showError = useCallback((e: unknown) => setError(describeError(e, t)), [t]);

  useEffect(() => {
    let live = true;
    api['archive:info']({}).then(
      (i) => {
        if (!live) return;
        setInfo(i);
        setError(null);
        if (i.notices.length) setToast(i.notices.map((n) => n.message).join(' '));
      },
      (e: unknown) => live && showError(e),
    );
    return () => {
      live = false;
    };
  }, [attempt, showError]);

  const reloadInfo = useCallback(() => setAttempt((n) => n + 1), []);

  // An annotation to show once its article is open (opened from the notes view).
  const [focusAnnotation, setFocusAnnotation] = useState<string | null>(null);
  const open = useCallback(
    (id: string, scrollTop = 0, annotationId?: string) => {
      api['articles:get']({ id, query: query.trim() || undefined }).then(
        (a) => {
          setArticle(a);
          setFocusAnnotation(annotationId ?? null);
          // Opened at an annotation, the article scrolls to it (ArticleView), not to a position.
          pendingScroll.current = annotationId ? null : scrollTop;
          update({ ui: { articleId: id, scrollTop } });
        },
        (e: unknown) => showError(e),
      );
    },
    [query, update, showError],
  );

  // Reopen the last article at its scroll position.
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const ui = initialUi.current;
    if (!ui.articleId) return;
    api['articles:get']({ id: ui.articleId, query: ui.query?.trim() || undefined }).then(
      (a) => {
        pendingScroll.current = ui.scrollTop ?? 0;
        setArticle(a);
      },
      () => undefined,
    );
  }, []);

  useEffect(() => {
    if (pendingScroll.current === null || !reader.current) return;
    reader.current.scrollTop = pendingScroll.current;
    pendingScroll.current = null;
  }, [article]);

  useEffect(() => {
    const el = reader.current;
    if (!el) return;
    let timer = 0;
    const onScroll = (): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(
        () => update({ ui: { scrollTop: Math.round(el.scrollTop) } }),
        SAVE_SCROLL_MS,
      );
    };
    el.addEventListener('scroll', onScroll);
    return () => {
      el.removeEventListener('scroll', onScroll);
      window.clearTimeout(timer);
    };
  }, [update, view]);

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), 6000);
    return () => window.clearTimeout(timer);
  }, [toast]);

  const go = useCallback(
    (next: View) => {
      setView(next);
      update({ ui: { view: next } });
    },
    [update],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const inField =
        event.target instanceof HTMLInputElement ||
        event.target instanceof HTMLTextAreaElement ||
        event.target instanceof HTMLSelectElement;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (view !== 'search' && view !== 'browse') go('search');
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if (event.key === '?' && !inField) {
        event.preventDefault();
        setHelp(true);
      } else if (event.key === 'Escape' && !inField && !help) {
        document.querySelector<HTMLElement>('[data-testid="results"]')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, go, help]);

  // Commands from the desktop menu do what their keyboard shortcuts do.
  useEffect(() => {
    return window.desktop?.onMenuCommand((command) => {
      if (command === 'focus-search') {
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if (command === 'find') {
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true }));
      } else if (command === 'help') {
        setHelp(true);
      } else if (command === 'font:larger') {
        update({ fontSize: Math.min(32, settings.fontSize + 1) });
      } else if (command === 'font:smaller') {
        update({ fontSize: Math.max(12, settings.fontSize - 1) });
      } else {
        go(command.slice('view:'.length) as View);
      }
    });
  }, [go, update, settings.fontSize]);

  const onQuery = (value: string): void => {
    setQuery(value);
    if (view !== 'search') go('search');
    update({ ui: { query: value } });
  };

  // Folders (or files, meaning their folders) dropped on the window become archive folders.
  const onDrop = (event: React.DragEvent): void => {
    event.preventDefault();
    const files = [...event.dataTransfer.files];
    if (files.length === 0) return;
    if (!window.desktop) {
      setToast(t('drop.browser'));
      return;
    }
    const desktop = window.desktop;
    const dirs = files
      .map((f) => ({
        path: desktop.pathForFile(f),
        isFile: f.type !== '' || /\.[a-z0-9]{1,5}$/iu.test(f.name),
      }))
      .filter((f) => f.path)
      .map((f) => (f.isFile ? f.path.replace(/[\\/][^\\/]*$/u, '') : f.path));
    if (dirs.length === 0) return;
    api['archive:setFolders']({ dirs: [...new Set([...settings.archiveDirs, ...dirs])] }).then((next) => {
      setInfo(next);
      setToast(t('drop.added', { count: dirs.length }));
    }, showError);
  };

  const withReader = view === 'search' || view === 'browse';
  return (
    <div className="app" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <a className="skip" href="#reader">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <form role="search" className="search" onSubmit={(e) => e.preventDefault()}>
          <SearchBox ref={searchBox} value={query} onChange={onQuery} onOpenArticle={(id) => open(id)} />
        </form>
        <nav className="nav" aria-label={t('nav.label')}>
          {NAV.map((v) => (
            <button
              key={v}
              type="button"
              aria-current={view === v ? 'page' : undefined}
              onClick={() => go(v)}
            >
              {t(`nav.${v}`)}
            </button>
          ))}
          <button
            type="button"
            onClick={() => setHelp(true)}
            aria-label={t('nav.help')}
            title={`${t('nav.help')} (?)`}
          >
            ?
          </button>
        </nav>
      </header>
      {error && (
        <div className="error" role="alert">
          {t('error.prefix')}
          {error}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('error.retry')}
          </button>
          <button type="button" onClick={() => setError(null)}>
            {t('error.dismiss')}
          </button>
        </div>
      )}
      {info?.server && view !== 'settings' && (
        <div className="notice server" role="status" data-testid="server-banner">
          <bdi>{t('server.banner', { url: info.server.url })}</bdi>{' '}
          <button type="button" onClick={() => go('settings')}>
            {t('server.title')}
          </button>
        </div>
      )}
      {info && info.unavailable.length > 0 && !info.server && view !== 'settings' && (
        <div className="notice unavailable" role="status" data-testid="unavailable-folders">
          {t('folder.banner', { count: info.unavailable.length })}
          <ul>
            {info.unavailable.map((u) => (
              <li key={u.root}>
                <code>
                  <bdi>{u.root}</bdi>
                </code>{' '}
                {t(`folder.problem.${u.problem}`)}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => go('settings')}>
            {t('folder.fix')}
          </button>
        </div>
      )}
      {withReader ? (
        <main className="panes">
          <section
            className="list-pane"
            aria-label={view === 'search' ? t('search.label') : t('browse.label')}
          >
            {view === 'search' ? (
              <SearchPane
                query={query}
                generation={attempt}
                articleCount={info?.articleCount ?? null}
                openId={article?.id ?? null}
                onOpen={open}
                onError={showError}
                onResults={setResultIds}
                onToast={setToast}
                onRefine={(filter) => onQuery(`${query.trim()} ${filter}`)}
              />
            ) : (
              <BrowsePane openId={article?.id ?? null} onOpen={open} onError={showError} />
            )}
          </section>
          <section
            className="reader"
            id="reader"
            ref={reader}
            tabIndex={-1}
            aria-label={article?.title ?? t('article.none')}
          >
            {article ? (
              <ArticleView
                article={article}
                focusAnnotation={focusAnnotation}
                onOpen={open}
                onToast={setToast}
                onError={showError}
              />
            ) : (
              <p className="hint">{t('article.none')}</p>
            )}
          </section>
        </main>
      ) : (
        <main className="single" id="reader">
          {view === 'settings' && <SettingsView info={info} onInfo={setInfo} onError={showError} />}
          {view === 'notes' && (
            <NotesView
              resultIds={resultIds}
              onOpenArticle={(id, annotationId) => {
                go('search');
                open(id, 0, annotationId);
              }}
              onRunSearch={(q) => {
                onQuery(q);
                go('search');
              }}
              onError={showError}
              onToast={setToast}
            />
          )}
          {view === 'research' && (
            <ResearchView
              onOpenArticle={(id) => {
                go('search');
                open(id);
              }}
              onRunSearch={(q) => {
                onQuery(q);
                go('search');
              }}
              onError={showError}
              onToast={setToast}
            />
          )}
          {view === 'report' && <ReportView info={info} onInfo={setInfo} onError={showError} />}
          {view === 'metrics' && (
            <MetricsView
              onOpenArticle={(id) => {
                go('search');
                open(id);
              }}
              onError={showError}
              onToast={setToast}
            />
          )}
        </main>
      )}
      <TaskProgress onArchiveChanged={reloadInfo} />
      {toast && (
        <div className="toast" role="status" data-testid="toast">
          {toast}
        </div>
      )}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
