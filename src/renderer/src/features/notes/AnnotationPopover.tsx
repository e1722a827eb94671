import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HIGHLIGHT_COLORS } from '../../../../shared/notes-schema';
import type { HighlightColor } from '../../../../shared/notes-types';

/** Shown next to a text selection in the article: pick a colour, optionally write a note. */
export function AnnotationPopover({
  top,
  left,
  onSave,
  onShare,
  onClose,
}: {
  top: number;
  left: number;
  onSave: (color: HighlightColor, note: string) => void;
  /** With a server archive open: share the passage and note with the team instead. */
  onShare?: (note: string) => void;
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const [color, setColor] = useState<HighlightColor>('yellow');
  const [note, setNote] = useState('');
  const [withNote, setWithNote] = useState(false);
  return (
    <div
      className="annotate-popover"
      role="dialog"
      aria-label={t('notes.annotate')}
      style={{ top, left }}
      onMouseDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="swatches" role="radiogroup" aria-label={t('notes.color')}>
        {HIGHLIGHT_COLORS.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={c === color}
            aria-label={t(`notes.colors.${c}`)}
            title={t(`notes.colors.${c}`)}
            className={`swatch anno-${c}`}
            style={{ padding: 3 }}
            onClick={() => setColor(c)}
          >
            {/* The colour itself: generic popover button styles paint over the button's background. */}
            <span
              aria-hidden="true"
              className={`anno-${c}`}
              style={{ display: 'block', width: '100%', height: '100%', borderRadius: '50%' }}
            />
          </button>
        ))}
      </div>
      {withNote ? (
        <textarea
          autoFocus
          aria-label={t('notes.note')}
          placeholder={t('notes.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onSave(color, note);
          }}
        />
      ) : (
        <button type="button" onClick={() => setWithNote(true)}>
          {t('notes.addNote')}
        </button>
      )}
      <div className="popover-actions">
        <button type="button" className="primary" onClick={() => onSave(color, note)} autoFocus={!withNote}>
          {t('notes.highlight')}
        </button>
        {onShare && (
          <button type="button" onClick={() => onShare(note)} data-testid="share-note">
            {t('server.share')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('notes.cancel')}
        </button>
      </div>
    </div>
  );
}
