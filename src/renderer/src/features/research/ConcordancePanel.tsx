import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConcordanceLine, ConcordanceSort } from '../../../../shared/search-types';
import { api } from '../../api';
import { download } from '../notes/download';
import { concordanceCsv, fileName } from './csv';

const LIMIT = 20_000;
const ROW_HEIGHT = 38;
const SORTS: { value: ConcordanceSort; key: string }[] = [
  { value: 'article', key: 'sortArticle' },
  { value: 'left', key: 'sortLeft' },
  { value: 'right', key: 'sortRight' },
  { value: 'date', key: 'sortDate' },
  { value: 'paper', key: 'sortPaper' },
];
const WIDTHS = [10, 20, 30, 50];

interface Result {
  query: string;
  total: number;
  lines: ConcordanceLine[];
}

/** Keyword in context, one occurrence a row: left context right-aligned, the match, the right context. */
export function ConcordancePanel({
  onOpenArticle,
  onError,
  onToast,
}: {
  onOpenArticle: (id: string) => void;
  onError: (e: unknown) => void;
  onToast: (message: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<ConcordanceSort>('article');
  const [width, setWidth] = useState(20);
  const [result, setResult] = useState<Result | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const request = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);

  const run = (q: string, s: ConcordanceSort, w: number): void => {
    const text = q.trim();
    if (!text) return;
    const id = ++request.current;
    setLoading(true);
    setFailed(false);
    api['search:concordance']({ query: text, sort: s, width: w, limit: LIMIT }).then(
      (r) => {
        if (id !== request.current) return;
        setResult({ query: text, ...r });
        setLoading(false);
        scroller.current?.scrollTo({ top: 0 });
      },
      (e: unknown) => {
        if (id !== request.current) return;
        setLoading(false);
        setFailed(true);
        onError(e);
      },
    );
  };

  const lines = result?.lines ?? [];
  // TanStack Virtual returns fresh functions on purpose; this list is not memoised by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const exportCsv = (): void => {
    if (!result) return;
    const name = fileName([t('research.filePrefix'), t('research.fileConcordance'), result.query], 'csv');
    download(
      name,
      concordanceCsv(result.lines, (c) => t(`research.${c}`)),
      'text/csv;charset=utf-8',
    );
    onToast(t('research.exported', { name }));
  };

  return (
    <div className="research-concordance">
      <form
        className="research-form research-controls"
        onSubmit={(e) => {
          e.preventDefault();
          run(query, sort, width);
        }}
      >
        <label className="research-grow">
          {t('research.query')}
          <input
            type="search"
            value={query}
            maxLength={500}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="concordance-query"
          />
        </label>
        <label>
          {t('research.sort')}
          <select
            value={sort}
            onChange={(e) => {
              const next = e.target.value as ConcordanceSort;
              setSort(next);
              if (result) run(result.query, next, width);
            }}
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {t(`research.${s.key}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('research.width')}
          <select
            value={width}
            onChange={(e) => {
              const next = Number(e.target.value);
              setWidth(next);
              if (result) run(result.query, sort, next);
            }}
          >
            {WIDTHS.map((w) => (
              <option key={w} value={w}>
                {t('research.widthOption', { count: w })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="research-primary">
          {t('research.run')}
        </button>
      </form>

      <div className="research-status-row">
        <p className="research-status" role="status" data-testid="concordance-status">
          {loading
            ? t('research.loading')
            : failed
              ? t('research.failed')
              : result
                ? result.total === 0
                  ? t('research.none', { query: result.query })
                  : t('research.total', { count: result.total })
                : t('research.concordanceEmpty')}
        </p>
        {result && result.lines.length > 0 && (
          <button type="button" onClick={exportCsv}>
            {t('research.exportCsv')}
          </button>
        )}
      </div>
      {result && result.total > result.lines.length && (
        <p className="research-note" data-testid="concordance-cut">
          {t('research.cut', { shown: result.lines.length })}
        </p>
      )}

      <div
        ref={scroller}
        className="kwic"
        role="list"
        aria-label={result ? t('research.lines', { query: result.query }) : undefined}
        data-testid="concordance"
        hidden={lines.length === 0}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const line = lines[row.index];
            return (
              <div
                key={`${line.articleId}:${line.start}`}
                role="listitem"
                className="kwic-item"
                style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              >
                <button
                  type="button"
                  className="kwic-line"
                  data-testid="kwic-line"
                  title={t('research.openLine', { title: line.title })}
                  onClick={() => onOpenArticle(line.articleId)}
                >
                  <span className="kwic-left">
                    <span>{line.left}</span>
                  </span>
                  <mark className="kwic-match">{line.match}</mark>
                  <span className="kwic-right">{line.right}</span>
                  <span className="kwic-meta">
                    <bdi>
                      {[line.title, line.publication, line.date ?? t('research.noDate')]
                        .filter(Boolean)
                        .join(' · ')}
                    </bdi>
                  </span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
