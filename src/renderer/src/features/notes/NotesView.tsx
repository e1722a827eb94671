import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HIGHLIGHT_COLORS } from '../../../../shared/notes-schema';
import type {
  Annotation,
  Bookmark,
  ExportFormat,
  ExportScope,
  HighlightColor,
} from '../../../../shared/notes-types';
import { api } from '../../api';
import { CorrectionsExchange } from './CorrectionsExchange';
import { deliverExport } from './download';

type ScopeKind = 'all' | 'tag' | 'results' | 'selection';

/** Bookmarks, saved searches and annotations across the archive, with export, import and undo. */
export function NotesView({
  resultIds,
  onOpenArticle,
  onRunSearch,
  onError,
  onToast,
}: {
  resultIds: string[];
  /** Opens an article; with an annotation, at that annotation's passage. */
  onOpenArticle: (id: string, annotationId?: string) => void;
  onRunSearch: (query: string) => void;
  onError: (error: unknown) => void;
  onToast: (message: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [bookmarks, setBookmarks] = useState<Bookmark[]>([]);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [tags, setTags] = useState<{ tag: string; count: number }[]>([]);
  const [tag, setTag] = useState('');
  const [color, setColor] = useState<HighlightColor | ''>('');
  // The annotation whose note and tags are being edited here, with the values typed so far.
  const [editing, setEditing] = useState<{ id: string; note: string; tags: string } | null>(null);
  const [text, setText] = useState('');
  const [sort, setSort] = useState<'added' | 'articleDate'>('added');
  const [format, setFormat] = useState<ExportFormat>('md');
  const [scopeKind, setScopeKind] = useState<ScopeKind>('all');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    Promise.all([
      api['notes:listBookmarks']({
        ...(tag ? { tag } : {}),
        ...(text.trim() ? { text: text.trim() } : {}),
        sort,
        order: 'desc',
      }),
      api['notes:listAnnotations']({ ...(tag ? { tag } : {}) }),
      api['notes:tags']({}),
    ]).then(
      ([b, a, tg]) => {
        if (!live) return;
        setBookmarks(b);
        setAnnotations(a);
        setTags(tg);
      },
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [tag, text, sort, version, onError]);

  const shownAnnotations = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return annotations.filter(
      (a) =>
        (!color || a.color === color) &&
        (!needle ||
          [a.selector.quote.exact, a.note ?? '', a.article.title].some((s) =>
            s.toLowerCase().includes(needle),
          )),
    );
  }, [annotations, text, color]);

  const saveEdit = (): void => {
    if (!editing) return;
    const tagList = [
      ...new Set(
        editing.tags
          .split(/[,，、]/u)
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ];
    api['notes:updateAnnotation']({
      id: editing.id,
      patch: { note: editing.note.trim() ? editing.note : null, tags: tagList },
    }).then(() => {
      setEditing(null);
      onToast(t('notes.saved'));
      reload();
    }, onError);
  };

  const scope = (): ExportScope => {
    if (scopeKind === 'tag' && tag) return { kind: 'tag', tag };
    if (scopeKind === 'results') return { kind: 'articles', ids: resultIds };
    if (scopeKind === 'selection') return { kind: 'annotations', ids: [...selected] };
    return { kind: 'all' };
  };

  const exportNotes = (): void => {
    const save = Boolean(window.desktop);
    api['notes:export']({ format, scope: scope(), save }).then(
      (r) => deliverExport(r, onToast, t),
      (e: unknown) => onError(e),
    );
  };

  const importFile = (file: File): void => {
    file
      .text()
      .then((content) => api['notes:import']({ content }))
      .then(
        (r) => {
          const kept = r.kept?.length ?? 0;
          const repaired = r.repaired?.length ?? 0;
          onToast(
            [
              t('notes.imported', { ...r }),
              kept ? t('notes.importKept', { count: kept }) : '',
              repaired ? t('notes.importRepaired', { count: repaired }) : '',
            ]
              .filter(Boolean)
              .join(' '),
          );
          reload();
        },
        (e: unknown) => onError(e),
      );
  };

  /** The store names what it undid in English ('delete annotation'); say it in the UI's language. */
  const undoLabel = (label: string): string =>
    t(`notes.undoWhat.${label.replace(/ (\w)/g, (_, c: string) => c.toUpperCase())}`, {
      defaultValue: label,
    });

  const undo = (): void => {
    api['notes:undo']({}).then(
      (r) => {
        onToast(r.undone ? t('notes.undone', { what: undoLabel(r.undone) }) : t('notes.nothingToUndo'));
        reload();
      },
      (e: unknown) => onError(e),
    );
  };

  const remove = (b: Bookmark): void => {
    api['notes:deleteBookmark']({ id: b.id }).then(() => {
      onToast(t('notes.deleted'));
      reload();
    }, onError);
  };

  return (
    <section className="page-view notes-view" aria-labelledby="notes-title" data-testid="notes-view">
      <h2 id="notes-title">{t('nav.notes')}</h2>
      <div className="filters">
        <input
          type="search"
          aria-label={t('notes.filter')}
          placeholder={t('notes.filter')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select
          aria-label={t('notes.filterColor')}
          value={color}
          onChange={(e) => setColor(e.target.value as HighlightColor | '')}
        >
          <option value="">{t('notes.allColors')}</option>
          {HIGHLIGHT_COLORS.map((c) => (
            <option key={c} value={c}>
              {t(`notes.colors.${c}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('notes.tags')} value={tag} onChange={(e) => setTag(e.target.value)}>
          <option value="">{t('notes.allTags')}</option>
          {tags.map((x) => (
            <option key={x.tag} value={x.tag}>
              {x.tag} ({x.count})
            </option>
          ))}
        </select>
        <select
          aria-label={t('notes.sort')}
          value={sort}
          onChange={(e) => setSort(e.target.value as 'added' | 'articleDate')}
        >
          <option value="added">{t('notes.sortAdded')}</option>
          <option value="articleDate">{t('notes.sortArticleDate')}</option>
        </select>
        <button type="button" onClick={undo}>
          {t('notes.undo')}
        </button>
      </div>

      <h3>{t('notes.bookmarks', { count: bookmarks.length })}</h3>
      {bookmarks.length === 0 && <p className="hint">{t('notes.noBookmarks')}</p>}
      <ul className="bookmark-list">
        {bookmarks.map((b) => (
          <li key={b.id} data-testid="bookmark">
            {b.kind === 'article' ? (
              <button type="button" className="link" onClick={() => onOpenArticle(b.article.id)}>
                {b.article.title}
              </button>
            ) : (
              <button type="button" className="link" onClick={() => onRunSearch(b.search.query)}>
                {b.title}
              </button>
            )}
            <span className="meta">
              {b.kind === 'article'
                ? [b.article.publication, b.article.date].filter(Boolean).join(' · ')
                : t('notes.savedSearch')}
              {b.tags.length ? ` · ${b.tags.join(', ')}` : ''}
            </span>
            {b.note && <p className="note">{b.note}</p>}
            <button type="button" onClick={() => remove(b)}>
              {t('notes.delete')}
            </button>
          </li>
        ))}
      </ul>

      <h3>{t('notes.annotations', { count: shownAnnotations.length })}</h3>
      {shownAnnotations.length === 0 && <p className="hint">{t('notes.howTo')}</p>}
      <ul className="annotation-overview">
        {shownAnnotations.map((a) => (
          <li key={a.id} className={a.anchor.status === 'orphaned' ? 'orphaned' : undefined}>
            <input
              type="checkbox"
              aria-label={t('notes.select')}
              checked={selected.has(a.id)}
              onChange={(e) => {
                const next = new Set(selected);
                if (e.target.checked) next.add(a.id);
                else next.delete(a.id);
                setSelected(next);
              }}
            />
            <div>
              <blockquote className={`anno-${a.color}`}>{a.selector.quote.exact}</blockquote>
              {editing?.id === a.id ? (
                <div className="annotation-edit">
                  <textarea
                    aria-label={t('notes.note')}
                    placeholder={t('notes.notePlaceholder')}
                    value={editing.note}
                    onChange={(e) => setEditing({ ...editing, note: e.target.value })}
                    onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && saveEdit()}
                  />
                  <input
                    type="text"
                    aria-label={t('notes.tags')}
                    placeholder={t('notes.tagsPlaceholder')}
                    value={editing.tags}
                    onChange={(e) => setEditing({ ...editing, tags: e.target.value })}
                    onKeyDown={(e) => e.key === 'Enter' && saveEdit()}
                  />
                  <button type="button" className="primary" onClick={saveEdit}>
                    {t('notes.save')}
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    {t('notes.cancel')}
                  </button>
                </div>
              ) : (
                <>
                  {a.note && <p className="note">{a.note}</p>}
                  {a.tags.length > 0 && <p className="tags">{a.tags.join('，')}</p>}
                </>
              )}
              <button
                type="button"
                className="link"
                title={t('notes.openAt')}
                onClick={() => onOpenArticle(a.article.id, a.id)}
              >
                {a.article.title}
              </button>{' '}
              {editing?.id !== a.id && (
                <button
                  type="button"
                  onClick={() => setEditing({ id: a.id, note: a.note ?? '', tags: a.tags.join('，') })}
                >
                  {t('notes.edit')}
                </button>
              )}
              {a.anchor.status === 'orphaned' && <span className="warning"> {t('notes.orphaned')}</span>}
            </div>
          </li>
        ))}
      </ul>

      <h3>{t('notes.exportTitle')}</h3>
      <div className="export-row">
        <label>
          <span>{t('notes.format')}</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            <option value="md">Markdown (Obsidian, Typora)</option>
            <option value="json">JSON (W3C Web Annotation)</option>
            <option value="csv">CSV (Excel, WPS)</option>
            <option value="html">{t('notes.printable')}</option>
            <option value="ris">RIS (Zotero, EndNote)</option>
            <option value="bibtex">BibTeX (LaTeX)</option>
            <option value="csl">CSL-JSON (Zotero, Pandoc)</option>
          </select>
        </label>
        <label>
          <span>{t('notes.scope')}</span>
          <select value={scopeKind} onChange={(e) => setScopeKind(e.target.value as ScopeKind)}>
            <option value="all">{t('notes.scopeAll')}</option>
            <option value="tag" disabled={!tag}>
              {t('notes.scopeTag', { tag: tag || '…' })}
            </option>
            <option value="results" disabled={resultIds.length === 0}>
              {t('notes.scopeResults', { count: resultIds.length })}
            </option>
            <option value="selection" disabled={selected.size === 0}>
              {t('notes.scopeSelection', { count: selected.size })}
            </option>
          </select>
        </label>
        <button type="button" className="primary" onClick={exportNotes} data-testid="export">
          {t('notes.export')}
        </button>
        <label className="file-button">
          {t('notes.import')}
          <input
            type="file"
            accept=".json,application/json,application/ld+json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) importFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <CorrectionsExchange onToast={onToast} onError={onError} />
      </div>
    </section>
  );
}
