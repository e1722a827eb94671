import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleView as Article } from '../../../../shared/types';
import { api } from '../../api';
import { useSettings } from '../../state/settings';

/** Match navigation, article navigation on the page, text size, find, citation and source file. */
export function ArticleToolbar({
  article,
  hitCount,
  current,
  bookmarked,
  onStep,
  onToggleBookmark,
  onOpen,
  onFind,
  onCopyCitation,
  onCopyPlain,
  onRevealed,
  onCorrect,
  onCorrectText,
  onServer = false,
  canCorrect = true,
}: {
  article: Article;
  hitCount: number;
  current: number;
  bookmarked: boolean;
  onStep: (delta: number) => void;
  onToggleBookmark: () => void;
  onOpen: (id: string) => void;
  onFind: () => void;
  onCopyCitation: () => void;
  onCopyPlain: () => void;
  onRevealed: (message: string) => void;
  onCorrect: () => void;
  onCorrectText: () => void;
  /** A server archive's article: it has no file on this computer to show. */
  onServer?: boolean;
  /** Correcting is offered (a server's readers may not). */
  canCorrect?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const reveal = (): void => {
    api['articles:reveal']({ id: article.id }).then(
      (r) => onRevealed(r.revealed ? t('article.revealed') : t('article.revealPath', { path: r.path })),
      (e: unknown) => onRevealed(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <div className="toolbar" role="toolbar" aria-label={t('article.toolbar')}>
      <span className="group">
        <button
          type="button"
          onClick={() => onStep(-1)}
          disabled={hitCount === 0}
          title={t('article.prevMatch')}
          aria-label={t('article.prevMatch')}
        >
          ↑
        </button>
        <span className="match-count" data-testid="match-count" aria-live="polite">
          {hitCount > 0
            ? t('article.matchOf', { at: current + 1, count: hitCount })
            : t('article.matches', { count: 0 })}
        </span>
        <button
          type="button"
          onClick={() => onStep(1)}
          disabled={hitCount === 0}
          title={t('article.nextMatch')}
          aria-label={t('article.nextMatch')}
        >
          ↓
        </button>
      </span>
      <span className="group">
        <button
          type="button"
          onClick={() => article.previousId && onOpen(article.previousId)}
          disabled={!article.previousId}
          title={t('article.prevArticle')}
          aria-label={t('article.prevArticle')}
        >
          ‹
        </button>
        <button
          type="button"
          onClick={() => article.nextId && onOpen(article.nextId)}
          disabled={!article.nextId}
          title={t('article.nextArticle')}
          aria-label={t('article.nextArticle')}
        >
          ›
        </button>
      </span>
      <span className="group">
        <button
          type="button"
          onClick={() => update({ fontSize: Math.max(12, settings.fontSize - 1) })}
          title={t('article.smaller')}
          aria-label={`A− ${t('article.smaller')}`}
        >
          A−
        </button>
        <button
          type="button"
          onClick={() => update({ fontSize: Math.min(32, settings.fontSize + 1) })}
          title={t('article.larger')}
          aria-label={`A+ ${t('article.larger')}`}
        >
          A+
        </button>
      </span>
      <span className="group">
        <button
          type="button"
          onClick={onToggleBookmark}
          aria-pressed={bookmarked}
          data-testid="bookmark-toggle"
        >
          {bookmarked ? `★ ${t('notes.bookmarkedShort')}` : `☆ ${t('notes.addBookmark')}`}
        </button>
        <button type="button" onClick={onFind} title={t('article.find')}>
          {t('article.findShort')}
        </button>
        <button type="button" onClick={onCopyCitation}>
          {t('article.copyCitation')}
        </button>
        <button type="button" onClick={onCopyPlain}>
          {t('article.copyPlain')}
        </button>
        {!onServer && (
          <button type="button" onClick={reveal}>
            {t('article.reveal')}
          </button>
        )}
        {canCorrect && (
          <>
            <button type="button" onClick={onCorrect}>
              {t('correct.open')}
            </button>
            <button type="button" onClick={onCorrectText} data-testid="correct-text">
              {t('textFix.open')}
            </button>
          </>
        )}
      </span>
    </div>
  );
}
