import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
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

/**
 * The list of results, virtualised so that 10,000 rows stay smooth. It is one tab stop: arrow
 * keys, Home/End and PageUp/PageDown move the active row, Enter opens it.
 */
export function ResultList({
  items,
  activeIndex,
  onActiveIndex,
  openId,
  onOpen,
  onNearEnd,
  label,
}: {
  items: ResultItem[];
  activeIndex: number;
  onActiveIndex: (index: number) => void;
  openId: string | null;
  onOpen: (id: string) => void;
  /** Called when the last rows come into view (to fetch the next page). */
  onNearEnd?: () => void;
  label: string;
}): ReactNode {
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions on purpose; this list is not memoised by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (items[i]?.snippet ? 118 : 64),
    overscan: 8,
  });

  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows[virtualRows.length - 1]?.index ?? -1;
  useEffect(() => {
    if (onNearEnd && lastRow >= items.length - 20) onNearEnd();
  }, [lastRow, items.length, onNearEnd]);

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < items.length)
      virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, items.length, virtualizer]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / 90));
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: items.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      onActiveIndex(Math.max(0, Math.min(items.length - 1, moves[event.key])));
    } else if (event.key === 'Enter' && items[activeIndex]) {
      event.preventDefault();
      onOpen(items[activeIndex].id);
    }
  };

  const active = items[activeIndex];
  return (
    <div
      ref={scroller}
      className="results"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={active ? `result-${active.id}` : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => activeIndex < 0 && items.length > 0 && onActiveIndex(0)}
      data-testid="results"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualRows.map((row) => {
          const item = items[row.index];
          return (
            <div
              key={item.id}
              id={`result-${item.id}`}
              ref={virtualizer.measureElement}
              data-index={row.index}
              role="option"
              aria-selected={row.index === activeIndex}
              className={`result${item.id === openId ? ' open' : ''}${row.index === activeIndex ? ' active' : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${row.start}px)`,
              }}
              onClick={() => {
                onActiveIndex(row.index);
                onOpen(item.id);
              }}
              data-testid="result"
            >
              <span className="result-title">
                <Highlighted text={item.title} ranges={item.titleHighlights} />
              </span>
              {item.meta && (
                <span className="result-meta">
                  <bdi>{item.meta}</bdi>
                </span>
              )}
              {item.snippet && (
                <span className="result-snippet">
                  <Highlighted text={item.snippet} ranges={item.highlights} />
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
