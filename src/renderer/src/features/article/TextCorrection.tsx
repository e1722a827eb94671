import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { textChanges, textParts } from '../../../../shared/text-diff';
import type { ArticleView as Article, TextRevision } from '../../../../shared/types';
import { api } from '../../api';

/** Saves a revision of the article's text (null: back to the printed text); resolves with the new view. */
function saveText(article: Article, text: string | null, note?: string): Promise<Article> {
  return api['articles:correctText']({
    id: article.id,
    text,
    ...(note?.trim() ? { note: note.trim() } : {}),
  });
}

/** Edits the article's text in place of the body: OCR slips, transcription errors. */
export function TextEditor({
  article,
  onSaved,
  onCancel,
  onError,
}: {
  article: Article;
  onSaved: (view: Article) => void;
  onCancel: () => void;
  onError: (error: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [text, setText] = useState(article.text);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  const changes = useMemo(() => textChanges(article.text, text).length, [article.text, text]);
  const empty = text.trim().length === 0;
  const save = (): void => {
    setSaving(true);
    saveText(article, text, note).then(
      (view) => {
        setSaving(false);
        onSaved(view);
      },
      (error: unknown) => {
        setSaving(false);
        onError(error);
      },
    );
  };
  return (
    <form
      className="text-editor"
      aria-label={t('textFix.editorLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!empty && changes > 0) save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p className="hint">{t('textFix.hint')}</p>
      <textarea
        ref={area}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label={t('textFix.textLabel')}
        data-testid="text-editor"
        rows={Math.min(30, Math.max(8, article.paragraphs.length * 3))}
      />
      <label className="text-editor-note">
        <span>{t('textFix.note')}</span>
        <input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('textFix.notePlaceholder')}
          maxLength={2000}
        />
      </label>
      <div className="popover-actions">
        <span className="text-editor-status" aria-live="polite">
          {empty ? t('textFix.empty') : t('textFix.changes', { count: changes })}
        </span>
        <button type="submit" className="primary" disabled={saving || empty || changes === 0}>
          {t('textFix.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('notes.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Says the text was corrected, and opens the comparison with the printed text and the history. */
export function CorrectionBanner({
  article,
  comparing,
  onCompare,
  onHistory,
}: {
  article: Article;
  comparing: boolean;
  onCompare: () => void;
  onHistory: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const revisions = article.textHistory?.length ?? 0;
  if (revisions === 0) return null;
  const corrected = article.originalText !== undefined;
  return (
    <p className="correction-banner" role="status" data-testid="correction-banner">
      <span>
        {corrected
          ? t('textFix.corrected', { count: revisions })
          : t('textFix.printedAgain', { count: revisions })}
      </span>
      {corrected && (
        <button type="button" onClick={onCompare} aria-pressed={comparing}>
          {comparing ? t('textFix.showCorrected') : t('textFix.compare')}
        </button>
      )}
      <button type="button" onClick={onHistory}>
        {t('textFix.history')}
      </button>
    </p>
  );
}

/** The printed text with what the corrections removed and added, marked. */
export function CompareText({ original, text }: { original: string; text: string }): ReactNode {
  const { t } = useTranslation();
  const parts = useMemo(() => textParts(original, text), [original, text]);
  return (
    <div className="article-body compare" data-testid="compare-text" aria-label={t('textFix.compareLabel')}>
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.value}</span>
        ) : p.kind === 'removed' ? (
          <del key={i} title={t('textFix.removed')}>
            {p.value}
          </del>
        ) : (
          <ins key={i} title={t('textFix.added')}>
            {p.value}
          </ins>
        ),
      )}
    </div>
  );
}

/** Every edit of the text, newest first, with what it changed; any earlier text can be restored. */
export function HistoryDialog({
  article,
  onClose,
  onChanged,
  onError,
}: {
  article: Article;
  onClose: () => void;
  onChanged: (view: Article) => void;
  onError: (error: unknown) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const printed = article.originalText ?? article.text;
  const history: TextRevision[] = useMemo(() => article.textHistory ?? [], [article.textHistory]);
  const rows = useMemo(
    () =>
      history.map((revision, i) => ({
        revision,
        changes: textChanges(i === 0 ? printed : (history[i - 1].text ?? printed), revision.text ?? printed),
        index: i,
      })),
    [history, printed],
  );
  const current = history.at(-1)?.text ?? null;
  const restore = (text: string | null): void => {
    saveText(article, text, t('textFix.restoreNote')).then(onChanged, onError);
  };
  const time = (iso: string): string =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <dialog
      ref={dialog}
      className="help text-history"
      aria-labelledby="text-history-title"
      onCancel={onClose}
    >
      <h2 id="text-history-title">{t('textFix.historyTitle')}</h2>
      <ol reversed className="revisions" data-testid="text-history">
        {[...rows].reverse().map(({ revision, changes, index }) => (
          <li key={`${revision.at}-${index}`}>
            <p className="revision-head">
              <time dateTime={revision.at}>{time(revision.at)}</time>
              {revision.text === null && <span className="badge">{t('textFix.backToPrinted')}</span>}
              {index === history.length - 1 && <span className="badge">{t('textFix.current')}</span>}
              {revision.note && <span className="revision-note">{revision.note}</span>}
            </p>
            <ul className="revision-changes">
              {changes.slice(0, 8).map((c) => (
                <li key={c.at}>
                  {c.removed ? (
                    <del>{c.removed}</del>
                  ) : (
                    <span className="nothing">{t('textFix.nothing')}</span>
                  )}
                  {' → '}
                  {c.added ? <ins>{c.added}</ins> : <span className="nothing">{t('textFix.nothing')}</span>}
                </li>
              ))}
              {changes.length > 8 && <li>{t('textFix.more', { count: changes.length - 8 })}</li>}
            </ul>
            {index !== history.length - 1 && revision.text !== current && (
              <button type="button" onClick={() => restore(revision.text)}>
                {t('textFix.restore')}
              </button>
            )}
          </li>
        ))}
      </ol>
      <div className="popover-actions">
        {current !== null && (
          <button type="button" onClick={() => restore(null)}>
            {t('textFix.restorePrinted')}
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
    </dialog>
  );
}
