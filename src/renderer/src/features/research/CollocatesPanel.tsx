import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';

interface Collocate {
  term: string;
  contexts: number;
  articles: number;
  lift: number;
}

/**
 * Co-occurring terms: the words near a query's occurrences, most characteristic first (how much
 * more often they are near it than in the archive at large). A word searches both together.
 */
export function CollocatesPanel({
  onRunSearch,
  onError,
}: {
  onRunSearch: (query: string) => void;
  onError: (e: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ query: string; contexts: number; terms: Collocate[] } | null>(null);
  const [loading, setLoading] = useState(false);
  const request = useRef(0);

  const run = (): void => {
    const text = query.trim();
    if (!text) return;
    const id = ++request.current;
    setLoading(true);
    api['search:collocates']({ query: text, limit: 40 }).then(
      (r) => {
        if (id !== request.current) return;
        setResult({ query: text, ...r });
        setLoading(false);
      },
      (e: unknown) => {
        if (id !== request.current) return;
        setLoading(false);
        onError(e);
      },
    );
  };

  return (
    <div className="research-collocates">
      <form
        className="research-form research-controls"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label className="research-grow">
          {t('research.query')}
          <input
            type="search"
            value={query}
            maxLength={500}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="collocates-query"
          />
        </label>
        <button type="submit" className="research-primary">
          {t('research.collocatesRun')}
        </button>
      </form>
      <p className="research-status" role="status" data-testid="collocates-status">
        {loading
          ? t('research.loading')
          : result
            ? result.terms.length === 0
              ? t('research.collocatesNone', { query: result.query })
              : t('research.collocatesTotal', { count: result.contexts })
            : t('research.collocatesEmpty')}
      </p>
      {result && result.terms.length > 0 && (
        <div className="research-table-wrap">
          <table className="research-table" data-testid="collocates">
            <thead>
              <tr>
                <th scope="col">{t('research.colTerm')}</th>
                <th scope="col" className="num">
                  {t('research.colLift')}
                </th>
                <th scope="col" className="num">
                  {t('research.colContexts')}
                </th>
                <th scope="col" className="num">
                  {t('research.colArchiveArticles')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.terms.map((c) => (
                <tr key={c.term} data-testid="collocate">
                  <td>
                    <button
                      type="button"
                      className="link"
                      title={t('research.collocateSearch', { query: `${result.query} ${c.term}` })}
                      onClick={() => onRunSearch(`${result.query} ${c.term}`)}
                    >
                      {c.term}
                    </button>
                  </td>
                  <td className="num">{c.lift.toFixed(2)}</td>
                  <td className="num">{c.contexts.toLocaleString()}</td>
                  <td className="num">{c.articles.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
