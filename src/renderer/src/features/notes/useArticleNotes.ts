import { useCallback, useEffect, useState } from 'react';
import type { Annotation, ArticleBookmark } from '../../../../shared/notes-types';
import { api } from '../../api';

export interface ArticleNotes {
  annotations: Annotation[];
  bookmark: ArticleBookmark | null;
  reload: () => void;
}

/** The annotations and the bookmark of one article, reloaded after every change. */
export function useArticleNotes(articleId: string, onError: (error: unknown) => void): ArticleNotes {
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [bookmark, setBookmark] = useState<ArticleBookmark | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.all([api['notes:listAnnotations']({ articleId }), api['notes:bookmarkOf']({ articleId })]).then(
      ([list, mark]) => {
        if (!live) return;
        setAnnotations(list);
        setBookmark(mark);
      },
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [articleId, version, onError]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { annotations, bookmark, reload };
}
