import { useCallback, useEffect, useState } from 'react';
import type { Annotation, ArticleBookmark } from '../../../../shared/notes-types';
import { api } from '../../api';

export interface ArticleNotes {
  annotations: Annotation[];
  bookmark: ArticleBookmark | null;
  reload: () => void;
}

interface Loaded {
  articleId: string;
  annotations: Annotation[];
  bookmark: ArticleBookmark | null;
}

const NONE: Annotation[] = [];

/**
 * The annotations and the bookmark of one article, reloaded after every change. While another
 * article's notes are still loading, nothing is shown: the previous article's highlights would
 * land on the wrong words.
 */
export function useArticleNotes(articleId: string, onError: (error: unknown) => void): ArticleNotes {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.all([api['notes:listAnnotations']({ articleId }), api['notes:bookmarkOf']({ articleId })]).then(
      ([annotations, bookmark]) => {
        if (live) setLoaded({ articleId, annotations, bookmark });
      },
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [articleId, version, onError]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = loaded?.articleId === articleId ? loaded : null;
  return { annotations: current?.annotations ?? NONE, bookmark: current?.bookmark ?? null, reload };
}
