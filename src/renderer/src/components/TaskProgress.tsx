import { showControls } from './bidi';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, subscribe } from '../api';
import { useRunningTasks } from './running-tasks';

/** A progress bar for each long task of the core (import, indexing, export), with a cancel button. */
export function TaskProgress({ onArchiveChanged }: { onArchiveChanged: () => void }): ReactNode {
  const { t } = useTranslation();
  const tasks = useRunningTasks();

  useEffect(
    () =>
      subscribe((event) => {
        if (event.type === 'archive-changed') onArchiveChanged();
      }),
    [onArchiveChanged],
  );

  const running = Object.values(tasks);
  if (running.length === 0) return null;
  return (
    <div className="tasks" data-testid="tasks">
      {running.map((p) => (
        <div key={p.task} className="task">
          <label>
            <span>
              {t(`tasks.${p.task}`)} {p.total > 0 ? `${p.done}/${p.total}` : ''}{' '}
              <bdi>{showControls(p.file ?? '')}</bdi>
            </span>
            <progress max={p.total || undefined} value={p.total ? p.done : undefined} />
          </label>
          <button type="button" onClick={() => void api['tasks:cancel']({ task: p.task })}>
            {t('tasks.cancel')}
          </button>
        </div>
      ))}
    </div>
  );
}
