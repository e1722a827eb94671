import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, ArticleBookmark } from '../../../../shared/notes-types';
import { api } from '../../api';

/** The article's bookmark (tags, note) and its annotations, each editable and deletable. */
export function NotesPanel({
  articleId,
  annotations,
  bookmark,
  onChanged,
  onJump,
  onError,
  onToast,
}: {
  articleId: string;
  annotations: Annotation[];
  bookmark: ArticleBookmark | null;
  onChanged: () => void;
  onJump: (annotation: Annotation) => void;
  onError: (error: unknown) => void;
  onToast: (message: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const act = (work: Promise<unknown>, message?: string): void => {
    work.then(
      () => {
        onChanged();
        if (message) onToast(message);
      },
      (e: unknown) => onError(e),
    );
  };
  return (
    <aside className="notes-panel" aria-label={t('notes.panel')} data-testid="notes-panel">
      <section>
        <h2>{t('notes.bookmark')}</h2>
        {bookmark ? (
          <BookmarkFields key={bookmark.id} bookmark={bookmark} act={act} />
        ) : (
          <button
            type="button"
            onClick={() => act(api['notes:bookmark']({ articleId }), t('notes.bookmarked'))}
          >
            {t('notes.addBookmark')}
          </button>
        )}
      </section>
      <section>
        <h2>{t('notes.annotations', { count: annotations.length })}</h2>
        {annotations.length === 0 && <p className="hint">{t('notes.howTo')}</p>}
        <ol className="annotation-list">
          {annotations.map((a) => (
            <li
              key={a.id}
              className={a.anchor.status === 'orphaned' ? 'orphaned' : undefined}
              data-testid="annotation"
            >
              <button type="button" className={`quote anno-${a.color}`} onClick={() => onJump(a)}>
                {a.selector.quote.exact}
              </button>
              {a.anchor.status === 'orphaned' && <p className="warning">{t('notes.orphaned')}</p>}
              {editing === a.id ? (
                <textarea
                  autoFocus
                  aria-label={t('notes.note')}
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  onBlur={() => {
                    setEditing(null);
                    if (draft !== (a.note ?? '')) {
                      act(api['notes:updateAnnotation']({ id: a.id, patch: { note: draft || null } }));
                    }
                  }}
                />
              ) : (
                a.note && <p className="note">{a.note}</p>
              )}
              <div className="row-actions">
                <button
                  type="button"
                  onClick={() => {
                    setEditing(a.id);
                    setDraft(a.note ?? '');
                  }}
                >
                  {a.note ? t('notes.editNote') : t('notes.addNote')}
                </button>
                <button
                  type="button"
                  onClick={() => act(api['notes:deleteAnnotation']({ id: a.id }), t('notes.deleted'))}
                >
                  {t('notes.delete')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}

/** Splits what was typed in the tags field: commas (either width), 、 or spaces. */
function parseTags(value: string): string[] {
  return value
    .split(/[,，、\s]+/u)
    .map((x) => x.trim())
    .filter(Boolean);
}

/**
 * The bookmark's tags and note, saved when a field is left. The fields keep what is being typed:
 * a save (or another window's change) shows the stored value only in a field that is not focused,
 * so tabbing from the tags into the note and typing at once never loses a word.
 */
function BookmarkFields({
  bookmark,
  act,
}: {
  bookmark: ArticleBookmark;
  act: (work: Promise<unknown>, message?: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const storedTags = bookmark.tags.join(', ');
  const storedNote = bookmark.note ?? '';
  const [tags, setTags] = useState(storedTags);
  const [note, setNote] = useState(storedNote);
  const tagsField = useRef<HTMLInputElement>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (document.activeElement !== tagsField.current) setTags(storedTags);
  }, [storedTags]);
  useEffect(() => {
    if (document.activeElement !== noteField.current) setNote(storedNote);
  }, [storedNote]);
  return (
    <>
      <label>
        <span>{t('notes.tags')}</span>
        <input
          ref={tagsField}
          value={tags}
          placeholder={t('notes.tagsPlaceholder')}
          onChange={(e) => setTags(e.target.value)}
          onBlur={() => {
            const next = parseTags(tags);
            if (next.join(', ') !== storedTags) {
              act(api['notes:updateBookmark']({ id: bookmark.id, patch: { tags: next } }));
            } else setTags(storedTags);
          }}
        />
      </label>
      <label>
        <span>{t('notes.note')}</span>
        <textarea
          ref={noteField}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            if (note !== storedNote) {
              act(api['notes:updateBookmark']({ id: bookmark.id, patch: { note: note || null } }));
            }
          }}
        />
      </label>
      <button
        type="button"
        onClick={() => act(api['notes:deleteBookmark']({ id: bookmark.id }), t('notes.unbookmarked'))}
      >
        {t('notes.removeBookmark')}
      </button>
    </>
  );
}
