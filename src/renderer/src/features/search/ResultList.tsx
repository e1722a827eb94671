import type { ReactNode } from 'react';
import type { Range } from '../../../../shared/types';
import { Highlighted } from '../../components/Highlighted';

export interface ResultItem {
  id: string;
  title: string;
  titleHighlights: Range[];
  meta: string;
  snippet?: string;
  highlights: Range[];
}

/** The list of results (or of all articles): arrow keys move, Enter opens. */
export function ResultList({
  items,
  selectedId,
  onOpen,
  label,
}: {
  items: ResultItem[];
  selectedId: string | null;
  onOpen: (id: string) => void;
  label: string;
}): ReactNode {
  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.result')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? Math.min(buttons.length - 1, at + 1) : Math.max(0, at - 1);
    buttons[next]?.focus();
  };
  return (
    <ul className="results" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className={`result${item.id === selectedId ? ' selected' : ''}`}
            aria-current={item.id === selectedId ? 'true' : undefined}
            onClick={() => onOpen(item.id)}
            data-testid="result"
          >
            <span className="result-title">
              <Highlighted text={item.title} ranges={item.titleHighlights} />
            </span>
            {item.meta && <span className="result-meta">{item.meta}</span>}
            {item.snippet && (
              <span className="result-snippet">
                <Highlighted text={item.snippet} ranges={item.highlights} />
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
