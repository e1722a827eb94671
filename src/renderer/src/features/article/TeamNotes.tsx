import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamNote } from '../../../../shared/types';
import { api } from '../../api';
import type { Layer } from '../../components/RichText';

/**
 * The team's notes on an article of an open server archive (none otherwise), and where their
 * quotes are; whether the article is a server's, and whether the user may share and correct there.
 */
export function useTeamNotes(
  articleId: string,
  text: string,
): { notes: TeamNote[]; layers: Layer[]; canShare: boolean; onServer: boolean; reload: () => void } {
  const [notes, setNotes] = useState<TeamNote[]>([]);
  const [canShare, setCanShare] = useState(false);
  const [onServer, setOnServer] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    api['server:connection']({}).then(
      (server) => {
        if (!live) return;
        setOnServer(server !== null);
        setCanShare(server !== null && server.role !== 'reader');
      },
      () => undefined,
    );
    api['server:teamNotes']({ articleId }).then(
      (found) => {
        if (live) setNotes(found);
      },
      // A server that cannot be reached now: the article is still shown, without the team's notes.
      () => {
        if (live) setNotes([]);
      },
    );
    return () => {
      live = false;
    };
  }, [articleId, version]);
  const layers = useMemo(() => {
    const found: Layer[] = [];
    for (const n of notes) {
      const at = n.quote ? text.indexOf(n.quote) : -1;
      if (at >= 0)
        found.push({
          start: at,
          end: at + n.quote.length,
          className: 'team-note',
          title: `${n.author}: ${n.note}`,
        });
    }
    return found;
  }, [notes, text]);
  return { notes, layers, canShare, onServer, reload: () => setVersion((v) => v + 1) };
}

/** The side panel's list of the team's notes, with who wrote them. */
export function TeamNotesPanel({ notes }: { notes: TeamNote[] }): ReactNode {
  const { t, i18n } = useTranslation();
  if (notes.length === 0) return null;
  return (
    <section className="panel team-notes" aria-labelledby="team-notes-title" data-testid="team-notes">
      <h3 id="team-notes-title">{t('server.teamNotes', { count: notes.length })}</h3>
      <ul>
        {notes.map((n) => (
          <li key={n.id}>
            {n.quote && <blockquote>{n.quote}</blockquote>}
            <p>{n.note}</p>
            <small>
              {n.author} · {new Date(n.modified).toLocaleDateString(i18n.language)}
              {!n.shared && ` · ${t('server.privateNote')}`}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
