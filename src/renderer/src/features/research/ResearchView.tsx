import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CollocatesPanel } from './CollocatesPanel';
import { ConcordancePanel } from './ConcordancePanel';
import { TrendsPanel } from './TrendsPanel';
import './i18n';

type Tab = 'trends' | 'concordance' | 'collocates';
const TABS: { id: Tab; key: string }[] = [
  { id: 'trends', key: 'tabTrends' },
  { id: 'concordance', key: 'tabConcordance' },
  { id: 'collocates', key: 'tabCollocates' },
];

/** Research tools over the whole archive: term frequency over time, keyword in context, co-occurring terms. */
export function ResearchView({
  onRunSearch,
  onOpenArticle,
  onError,
  onToast,
}: {
  onRunSearch: (query: string) => void;
  onOpenArticle: (id: string) => void;
  onError: (e: unknown) => void;
  onToast: (message: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('trends');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: React.KeyboardEvent): void => {
    const index = TABS.findIndex((x) => x.id === tab);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index + TABS.length - 1) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      const next = moves[event.key];
      setTab(TABS[next].id);
      tabs.current[next]?.focus();
    }
  };

  // Every panel stays mounted, so each keeps its query and results while another tab is shown.
  const panels: Record<Tab, ReactNode> = {
    trends: <TrendsPanel onRunSearch={onRunSearch} onError={onError} onToast={onToast} />,
    concordance: <ConcordancePanel onOpenArticle={onOpenArticle} onError={onError} onToast={onToast} />,
    collocates: <CollocatesPanel onRunSearch={onRunSearch} onError={onError} />,
  };

  return (
    <div className="research-view" data-testid="research-view">
      <h2>{t('research.title')}</h2>
      <p className="research-intro">{t('research.intro')}</p>
      <div className="research-tabs" role="tablist" aria-label={t('research.tabs')} onKeyDown={onKeyDown}>
        {TABS.map((x, i) => (
          <button
            key={x.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`research-tab-${x.id}`}
            aria-selected={tab === x.id}
            aria-controls={`research-panel-${x.id}`}
            tabIndex={tab === x.id ? 0 : -1}
            onClick={() => setTab(x.id)}
          >
            {t(`research.${x.key}`)}
          </button>
        ))}
      </div>
      {TABS.map((x) => (
        <div
          key={x.id}
          role="tabpanel"
          id={`research-panel-${x.id}`}
          aria-labelledby={`research-tab-${x.id}`}
          hidden={tab !== x.id}
          className="research-panel"
        >
          {panels[x.id]}
        </div>
      ))}
    </div>
  );
}
