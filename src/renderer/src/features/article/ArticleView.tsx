import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { citeGbt7714, citePlain } from '../../../../shared/citation';
import type { ArticleView as Article, Range } from '../../../../shared/types';
import { findRanges, Highlighted } from '../../components/Highlighted';
import { useSettings } from '../../state/settings';
import { ArticleToolbar } from './ArticleToolbar';

/** Start offset of each paragraph in `text`, where paragraphs are joined by a blank line. */
function paragraphStarts(paragraphs: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const p of paragraphs) {
    starts.push(at);
    at += p.length + 2;
  }
  return starts;
}

/** The full article: title, where it comes from, paragraphs with highlights, and its tools. */
export function ArticleView({
  article,
  onOpen,
  onCopied,
}: {
  article: Article;
  onOpen: (id: string) => void;
  onCopied: (message: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [findOpen, setFindOpen] = useState(false);
  const [findText, setFindText] = useState('');
  const [current, setCurrent] = useState(0);
  const body = useRef<HTMLDivElement>(null);
  const findInput = useRef<HTMLInputElement>(null);

  const findHits = useMemo(
    () => (findOpen ? findRanges(article.text, findText) : []),
    [findOpen, findText, article.text],
  );
  const hits: Range[] = findOpen && findText.trim() ? findHits : article.highlights;
  const starts = useMemo(() => paragraphStarts(article.paragraphs), [article.paragraphs]);

  useEffect(() => {
    if (hits.length === 0) return;
    const mark = body.current?.querySelector(`mark[data-hit="${Math.min(current, hits.length - 1)}"]`);
    mark?.scrollIntoView({ block: 'center', behavior: 'auto' });
  }, [current, hits]);

  const step = (delta: number): void => {
    if (hits.length === 0) return;
    setCurrent((c) => (c + delta + hits.length) % hits.length);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const inField = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        setFindOpen(true);
        window.setTimeout(() => findInput.current?.select(), 0);
      } else if (event.key === 'F3') {
        event.preventDefault();
        setCurrent((c) => (hits.length ? (c + (event.shiftKey ? -1 : 1) + hits.length) % hits.length : 0));
      } else if (event.altKey && event.key === 'ArrowLeft' && article.previousId) {
        event.preventDefault();
        onOpen(article.previousId);
      } else if (event.altKey && event.key === 'ArrowRight' && article.nextId) {
        event.preventDefault();
        onOpen(article.nextId);
      } else if (!inField && !event.ctrlKey && !event.metaKey && (event.key === '+' || event.key === '=')) {
        update({ fontSize: Math.min(32, settings.fontSize + 1) });
      } else if (!inField && !event.ctrlKey && !event.metaKey && event.key === '-') {
        update({ fontSize: Math.max(12, settings.fontSize - 1) });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hits.length, article.previousId, article.nextId, onOpen, update, settings.fontSize]);

  const copy = (text: string): void => {
    navigator.clipboard.writeText(text).then(
      () => onCopied(t('article.copied')),
      () => onCopied(`${t('article.copyFailed')} ${text}`),
    );
  };

  const meta = [
    article.publication,
    article.date,
    article.page ? t('article.page', { page: article.page }) : undefined,
  ].filter(Boolean);

  return (
    <article className="article" aria-labelledby="article-title">
      <ArticleToolbar
        article={article}
        hitCount={hits.length}
        current={Math.min(current, Math.max(0, hits.length - 1))}
        onStep={step}
        onOpen={onOpen}
        onFind={() => {
          setFindOpen(true);
          window.setTimeout(() => findInput.current?.focus(), 0);
        }}
        onCopyCitation={() => copy(citeGbt7714(article))}
        onCopyPlain={() => copy(`${citePlain(article)}\n\n${article.title}\n\n${article.text}`)}
        onRevealed={onCopied}
      />
      {findOpen && (
        <div className="find-bar" role="search">
          <input
            ref={findInput}
            type="search"
            aria-label={t('article.findPlaceholder')}
            placeholder={t('article.findPlaceholder')}
            value={findText}
            onChange={(e) => {
              setFindText(e.target.value);
              setCurrent(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') step(e.shiftKey ? -1 : 1);
              if (e.key === 'Escape') {
                e.stopPropagation();
                setFindOpen(false);
                setFindText('');
              }
            }}
          />
          <span className="find-count" aria-live="polite">
            {findText.trim() ? t('article.matches', { count: findHits.length }) : ''}
          </span>
          <button
            type="button"
            onClick={() => {
              setFindOpen(false);
              setFindText('');
            }}
            aria-label={t('article.findClose')}
            title={t('article.findClose')}
          >
            ×
          </button>
        </div>
      )}
      <h1 id="article-title">
        <Highlighted text={article.title} ranges={article.titleHighlights} />
      </h1>
      <p className="article-meta">
        {meta.length > 0 && <span>{meta.join(' · ')}</span>}
        <span>
          {t('article.source')}: {article.source.file},{' '}
          {t('article.lines', { start: article.source.lineStart, end: article.source.lineEnd })}
        </span>
      </p>
      <div className="article-body" ref={body} data-testid="article-body">
        {article.paragraphs.map((p, i) => (
          <p key={i}>
            <Highlighted
              text={p}
              ranges={hits}
              offset={starts[i]}
              indexBase={0}
              current={Math.min(current, hits.length - 1)}
            />
          </p>
        ))}
      </div>
    </article>
  );
}
