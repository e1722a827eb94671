import { forwardRef, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Suggestion } from '../../../../shared/search-types';
import { api } from '../../api';

const SUGGEST_DELAY_MS = 150;

/**
 * The search box with autocomplete (titles and frequent terms) as an ARIA combobox. While the
 * suggestions are open, arrows move through them and Enter takes one; otherwise ArrowDown moves
 * to the results and Esc clears the box.
 */
export const SearchBox = forwardRef<
  HTMLInputElement,
  { value: string; onChange: (value: string) => void; onOpenArticle: (id: string) => void }
>(function SearchBox({ value, onChange, onOpenArticle }, ref): ReactNode {
  const { t } = useTranslation();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Suggest for the last word being typed, after the filters and words before it.
  const lastWord = /(\S+)$/u.exec(value)?.[1] ?? '';
  const prefix = lastWord.includes(':') || lastWord.startsWith('-') ? '' : lastWord;

  useEffect(() => {
    if (!open || prefix.length === 0) return;
    let live = true;
    const timer = window.setTimeout(() => {
      api['search:suggest']({ prefix, limit: 8 }).then(
        (s) => {
          if (!live) return;
          setSuggestions(s);
          setActive(-1);
        },
        () => undefined,
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [prefix, open]);

  const shown = open && prefix.length > 0 ? suggestions : [];
  const take = (s: Suggestion): void => {
    setOpen(false);
    if (s.kind === 'title' && s.id) {
      onOpenArticle(s.id);
      return;
    }
    onChange(`${value.slice(0, value.length - lastWord.length)}${s.text}`);
  };

  return (
    <div className="search-box">
      <input
        id="search-input"
        ref={ref}
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={shown.length > 0}
        aria-controls="search-suggestions"
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `suggestion-${active}` : undefined}
        value={value}
        autoFocus
        autoComplete="off"
        placeholder={t('search.placeholder')}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (shown.length > 0 && e.key === 'ArrowDown' && active < shown.length - 1) {
            e.preventDefault();
            setActive(active + 1);
          } else if (shown.length > 0 && e.key === 'ArrowUp') {
            e.preventDefault();
            setActive(active <= 0 ? -1 : active - 1);
          } else if (e.key === 'Enter' && shown.length > 0 && active >= 0) {
            e.preventDefault();
            take(shown[active]);
          } else if (e.key === 'Escape' && shown.length > 0) {
            e.preventDefault();
            setOpen(false);
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(false);
            document.querySelector<HTMLElement>('[data-testid="results"]')?.focus();
          } else if (e.key === 'Escape') {
            onChange('');
          }
        }}
      />
      {shown.length > 0 && (
        <ul
          id="search-suggestions"
          role="listbox"
          aria-label={t('search.suggestions')}
          className="suggestions"
        >
          {shown.map((s, i) => (
            <li
              key={`${s.kind}-${s.text}-${s.id ?? ''}`}
              id={`suggestion-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                take(s);
              }}
            >
              <span className="kind">
                {s.kind === 'title' ? t('search.suggestTitle') : t('search.suggestTerm')}
              </span>{' '}
              {s.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
