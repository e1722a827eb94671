import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleView as Article } from '../../../../shared/types';
import { api } from '../../api';

/** Correct an article's title, paper, date and page; corrections survive re-imports. */
export function CorrectDialog({
  article,
  onDone,
  onError,
}: {
  article: Article;
  onDone: (saved: boolean) => void;
  onError: (error: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState(article.title);
  const [publication, setPublication] = useState(article.publication ?? '');
  const [date, setDate] = useState(article.date ?? '');
  const [page, setPage] = useState(article.page ?? '');
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const save = (): void => {
    api['articles:correct']({
      id: article.id,
      correction: {
        ...(title.trim() && title.trim() !== article.title ? { title: title.trim() } : {}),
        publication: publication.trim() || null,
        date: date.trim() || null,
        page: page.trim() || null,
      },
    }).then(() => onDone(true), onError);
  };
  return (
    <dialog
      ref={dialog}
      className="help correct"
      aria-labelledby="correct-title"
      onCancel={() => onDone(false)}
    >
      <h2 id="correct-title">{t('correct.title')}</h2>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label>
          <span>{t('correct.articleTitle')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label>
          <span>{t('correct.publication')}</span>
          <input value={publication} onChange={(e) => setPublication(e.target.value)} />
        </label>
        <label>
          <span>{t('correct.date')}</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          <span>{t('correct.page')}</span>
          <input value={page} onChange={(e) => setPage(e.target.value)} />
        </label>
        <p className="hint">{t('correct.hint')}</p>
        <div className="popover-actions">
          <button type="submit" className="primary">
            {t('correct.save')}
          </button>
          <button type="button" onClick={() => onDone(false)}>
            {t('notes.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
