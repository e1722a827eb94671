import { showControls } from '../../components/bidi';
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { citeGbt7714, citePlain } from '../../../../shared/citation';
import type { Annotation, HighlightColor } from '../../../../shared/notes-types';
import type { ArticleView as Article, Range } from '../../../../shared/types';
import { api } from '../../api';
import { findRanges, Highlighted } from '../../components/Highlighted';
import { RichText, textOffset, type Layer } from '../../components/RichText';
import { useSettings } from '../../state/settings';
import { AnnotationPopover } from '../notes/AnnotationPopover';
import { NotesPanel } from '../notes/NotesPanel';
import { useArticleNotes } from '../notes/useArticleNotes';
import { ArticleToolbar } from './ArticleToolbar';
import { CorrectDialog } from './CorrectDialog';
import { CompareText, CorrectionBanner, HistoryDialog, TextEditor } from './TextCorrection';
import { MetricsPanel, useArticleMetrics } from './MetricsPanel';
import { PageImage } from './PageImage';
import { TeamNotesPanel, useTeamNotes } from './TeamNotes';

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

interface Selection {
  start: number;
  end: number;
  top: number;
  left: number;
}

/** The full article: title, where it comes from, paragraphs with highlights and notes, and its tools. */
export function ArticleView({
  article,
  focusAnnotation = null,
  onOpen,
  onToast,
  onError,
}: {
  article: Article;
  /** An annotation to scroll to and mark once the article and its notes are shown. */
  focusAnnotation?: string | null;
  onOpen: (id: string) => void;
  onToast: (message: string) => void;
  onError: (error: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [findOpen, setFindOpen] = useState(false);
  const [findText, setFindText] = useState('');
  const [current, setCurrent] = useState(0);
  const [selection, setSelection] = useState<Selection | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const notes = useArticleNotes(article.id, onError);
  const figures = useArticleMetrics(article.id, onError);
  const team = useTeamNotes(article.id, article.text);
  const [correcting, setCorrecting] = useState(false);
  const [editingText, setEditingText] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  // Another article, or the same one corrected: its own text, not the editor or the comparison.
  const [shownText, setShownText] = useState(`${article.id}\u0000${article.text}`);
  if (shownText !== `${article.id}\u0000${article.text}`) {
    setShownText(`${article.id}\u0000${article.text}`);
    setEditingText(false);
    setComparing(false);
  }
  const textSaved = (view: Article, message: string): void => {
    setEditingText(false);
    setHistoryOpen(false);
    notes.reload();
    onToast(message);
    if (view.id === article.id) onOpen(article.id);
  };

  const findHits = useMemo(
    () => (findOpen ? findRanges(article.text, findText) : []),
    [findOpen, findText, article.text],
  );
  const hits: Range[] = findOpen && findText.trim() ? findHits : article.highlights;
  const starts = useMemo(() => paragraphStarts(article.paragraphs), [article.paragraphs]);
  const sectionAt = useMemo(() => {
    const map = new Map<number, string[]>();
    for (const s of article.sections ?? []) map.set(s.paragraph, [...(map.get(s.paragraph) ?? []), s.title]);
    return map;
  }, [article.sections]);
  const at = Math.min(current, Math.max(0, hits.length - 1));

  const layers: Layer[] = useMemo(() => {
    const annotationLayers: Layer[] = notes.annotations
      .filter((a) => a.anchor.status === 'anchored')
      .map((a) => ({
        start: a.selector.position.start,
        end: a.selector.position.end,
        className: `anno anno-${a.color}`,
        data: { anno: a.id },
        title: a.note,
      }));
    const hitLayers: Layer[] = hits.map(([start, end], i) => ({
      start,
      end,
      className: i === at ? 'hit current' : 'hit',
      data: { hit: i },
    }));
    return [...figures.layers, ...team.layers, ...annotationLayers, ...hitLayers];
  }, [notes.annotations, hits, at, figures.layers, team.layers]);

  useEffect(() => {
    if (hits.length === 0) return;
    body.current?.querySelector(`mark[data-hit="${at}"]`)?.scrollIntoView({ block: 'center' });
  }, [at, hits]);

  const step = useCallback(
    (delta: number): void => {
      if (hits.length === 0) return;
      setCurrent((c) => (c + delta + hits.length) % hits.length);
    },
    [hits.length],
  );

  /** A selection inside the body becomes a passage that can be highlighted. */
  const captureSelection = useCallback((): void => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !body.current) return setSelection(null);
    const range = sel.getRangeAt(0);
    if (!body.current.contains(range.startContainer) || !body.current.contains(range.endContainer)) return;
    const a = textOffset(range.startContainer, range.startOffset);
    const b = textOffset(range.endContainer, range.endOffset);
    if (a === null || b === null || a === b) return setSelection(null);
    const rect = range.getBoundingClientRect();
    setSelection({ start: Math.min(a, b), end: Math.max(a, b), top: rect.bottom + 8, left: rect.left });
  }, []);

  const annotate = (color: HighlightColor, note: string): void => {
    if (!selection) return;
    api['notes:annotate']({
      articleId: article.id,
      start: selection.start,
      end: selection.end,
      color,
      ...(note.trim() ? { note: note.trim() } : {}),
    }).then(
      () => {
        setSelection(null);
        window.getSelection()?.removeAllRanges();
        notes.reload();
        onToast(t('notes.saved'));
      },
      (e: unknown) => onError(e),
    );
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
        step(event.shiftKey ? -1 : 1);
      } else if (event.altKey && event.key === 'ArrowLeft' && article.previousId) {
        event.preventDefault();
        onOpen(article.previousId);
      } else if (event.altKey && event.key === 'ArrowRight' && article.nextId) {
        event.preventDefault();
        onOpen(article.nextId);
      } else if (inField || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      } else if (event.key === '+' || event.key === '=') {
        update({ fontSize: Math.min(32, settings.fontSize + 1) });
      } else if (event.key === '-') {
        update({ fontSize: Math.max(12, settings.fontSize - 1) });
      } else if (event.key.toLowerCase() === 'h') {
        captureSelection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, article.previousId, article.nextId, onOpen, update, settings.fontSize, captureSelection]);

  const copy = (text: string): void => {
    navigator.clipboard.writeText(text).then(
      () => onToast(t('article.copied')),
      () => onToast(`${t('article.copyFailed')} ${text}`),
    );
  };

  const jumpTo = (a: Annotation): void => {
    body.current?.querySelector(`mark[data-anno="${a.id}"]`)?.scrollIntoView({ block: 'center' });
  };

  // Opened from the notes view at an annotation: go to its passage once its highlight is drawn.
  const focused = useRef<string | null>(null);
  useEffect(() => {
    if (!focusAnnotation || focused.current === `${article.id}/${focusAnnotation}`) return;
    const mark = body.current?.querySelector<HTMLElement>(`mark[data-anno="${focusAnnotation}"]`);
    if (!mark) return;
    focused.current = `${article.id}/${focusAnnotation}`;
    mark.scrollIntoView({ block: 'center' });
    mark.classList.add('focused');
    window.setTimeout(() => mark.classList.remove('focused'), 2000);
  });

  const meta = [
    article.publication,
    article.date,
    article.page ? t('article.page', { page: article.page }) : undefined,
  ].filter(Boolean);

  return (
    <div className="article-layout">
      <article className="article" aria-labelledby="article-title">
        <ArticleToolbar
          article={article}
          onServer={team.onServer}
          canCorrect={!team.onServer || team.canShare}
          hitCount={hits.length}
          current={at}
          bookmarked={notes.bookmark !== null}
          onStep={step}
          onOpen={onOpen}
          onFind={() => {
            setFindOpen(true);
            window.setTimeout(() => findInput.current?.focus(), 0);
          }}
          onToggleBookmark={() => {
            const work = notes.bookmark
              ? api['notes:deleteBookmark']({ id: notes.bookmark.id })
              : api['notes:bookmark']({ articleId: article.id });
            work.then(
              () => {
                notes.reload();
                onToast(notes.bookmark ? t('notes.unbookmarked') : t('notes.bookmarked'));
              },
              (e: unknown) => onError(e),
            );
          }}
          onCopyCitation={() => copy(citeGbt7714(article))}
          onCopyPlain={() => copy(`${citePlain(article)}\n\n${article.title}\n\n${article.text}`)}
          onRevealed={onToast}
          onCorrect={() => setCorrecting(true)}
          onCorrectText={() => setEditingText(true)}
        />
        {correcting && (
          <CorrectDialog
            article={article}
            onError={onError}
            onDone={(saved) => {
              setCorrecting(false);
              if (saved) {
                onToast(t('correct.saved'));
                onOpen(article.id);
              }
            }}
          />
        )}
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
        {article.kicker && <p className="kicker">{article.kicker}</p>}
        <h1 id="article-title">
          <Highlighted text={article.title} ranges={article.titleHighlights} />
        </h1>
        {article.subtitle && <p className="subtitle">{article.subtitle}</p>}
        <p className="article-meta">
          {article.byline && <span className="byline">{article.byline}</span>}
          {meta.length > 0 && <span>{meta.join(' · ')}</span>}
          {article.tags && article.tags.length > 0 && (
            <span className="article-tags" data-testid="article-tags">
              {t('article.tags')}: {article.tags.join('，')}
            </span>
          )}
          <span>
            {t('article.source')}: <bdi data-testid="source-file">{showControls(article.source.file)}</bdi>,{' '}
            {article.region
              ? t('article.pdfPage', { page: article.region.page })
              : t('article.lines', { start: article.source.lineStart, end: article.source.lineEnd })}
          </span>
        </p>
        <CorrectionBanner
          article={article}
          comparing={comparing}
          onCompare={() => setComparing((c) => !c)}
          onHistory={() => setHistoryOpen(true)}
        />
        {historyOpen && (
          <HistoryDialog
            article={article}
            onClose={() => setHistoryOpen(false)}
            onChanged={(view) => textSaved(view, t('textFix.restored'))}
            onError={onError}
          />
        )}
        {editingText ? (
          <TextEditor
            article={article}
            onSaved={(view) => textSaved(view, t('textFix.saved'))}
            onCancel={() => setEditingText(false)}
            onError={onError}
          />
        ) : comparing && article.originalText !== undefined ? (
          <CompareText original={article.originalText} text={article.text} />
        ) : (
          <div className="article-body" ref={body} data-testid="article-body" onMouseUp={captureSelection}>
            {article.paragraphs.map((p, i) => (
              <Fragment key={i}>
                {sectionAt.get(i)?.map((title) => (
                  <h2 key={title} className="subhead">
                    {title}
                  </h2>
                ))}
                <p data-start={starts[i]}>
                  <RichText text={p} offset={starts[i]} layers={layers} />
                </p>
              </Fragment>
            ))}
          </div>
        )}
        {article.captions && article.captions.length > 0 && (
          <aside className="captions" aria-label={t('article.captions')}>
            {article.captions.map((c) => (
              <p key={c}>{c}</p>
            ))}
          </aside>
        )}
        {selection && (
          <AnnotationPopover
            top={selection.top}
            left={selection.left}
            onSave={annotate}
            onShare={
              team.canShare
                ? (note) => {
                    if (!selection) return;
                    api['server:shareNote']({
                      articleId: article.id,
                      quote: article.text.slice(selection.start, selection.end),
                      note: note.trim(),
                    }).then(() => {
                      setSelection(null);
                      window.getSelection()?.removeAllRanges();
                      team.reload();
                      onToast(t('server.shared'));
                    }, onError);
                  }
                : undefined
            }
            onClose={() => setSelection(null)}
          />
        )}
      </article>
      <div className="side">
        {article.region && <PageImage key={article.id} articleId={article.id} region={article.region} />}
        <TeamNotesPanel notes={team.notes} />
        <NotesPanel
          articleId={article.id}
          annotations={notes.annotations}
          bookmark={notes.bookmark}
          onChanged={notes.reload}
          onJump={jumpTo}
          onError={onError}
          onToast={onToast}
        />
        <MetricsPanel
          state={figures}
          onJump={(i) =>
            body.current?.querySelector(`mark[data-metric="${i}"]`)?.scrollIntoView({ block: 'center' })
          }
        />
      </div>
    </div>
  );
}
