/** What an export contains: the scope's bookmarks and annotations, grouped by article. */
import type {
  Annotation,
  ArticleBookmark,
  ArticleMeta,
  Bookmark,
  ExportScope,
  NotesData,
  SearchBookmark,
} from './types';

export interface Selection {
  bookmarks: Bookmark[];
  annotations: Annotation[];
}

/**
 * Live items in the scope. `tag`: bookmarks and annotations with the tag, plus the annotations
 * of articles whose bookmark has it. `articles` (the current search results): the bookmarks and
 * annotations of those articles. `annotations` (a selection): just those annotations.
 */
export function selectScope(data: NotesData, scope: ExportScope): Selection {
  const bookmarks = data.bookmarks.filter((b) => !b.deleted);
  const annotations = data.annotations.filter((a) => !a.deleted);
  switch (scope.kind) {
    case 'all':
      return { bookmarks, annotations };
    case 'tag': {
      const tagged = bookmarks.filter((b) => b.tags.includes(scope.tag));
      const articleIds = new Set(
        tagged.filter((b): b is ArticleBookmark => b.kind === 'article').map((b) => b.article.id),
      );
      return {
        bookmarks: tagged,
        annotations: annotations.filter((a) => a.tags.includes(scope.tag) || articleIds.has(a.article.id)),
      };
    }
    case 'articles': {
      const ids = new Set(scope.ids);
      return {
        bookmarks: bookmarks.filter((b) => b.kind === 'article' && ids.has(b.article.id)),
        annotations: annotations.filter((a) => ids.has(a.article.id)),
      };
    }
    case 'annotations': {
      const ids = new Set(scope.ids);
      return { bookmarks: [], annotations: annotations.filter((a) => ids.has(a.id)) };
    }
  }
}

export interface ArticleGroup {
  article: ArticleMeta;
  bookmark?: ArticleBookmark;
  /** In reading order. */
  annotations: Annotation[];
}

/**
 * Groups by article, oldest article first (undated last), then by title. Metadata comes from
 * `fresh` (the archive as loaded now) when given, else from what the notes remembered.
 */
export function groupByArticle(
  selection: Selection,
  fresh?: ReadonlyMap<string, ArticleMeta>,
): ArticleGroup[] {
  const groups = new Map<string, ArticleGroup>();
  const group = (meta: ArticleMeta): ArticleGroup => {
    let g = groups.get(meta.id);
    if (!g) {
      g = { article: fresh?.get(meta.id) ?? meta, annotations: [] };
      groups.set(meta.id, g);
    }
    return g;
  };
  for (const b of selection.bookmarks) if (b.kind === 'article') group(b.article).bookmark = b;
  for (const a of selection.annotations) group(a.article).annotations.push(a);
  for (const g of groups.values()) {
    g.annotations.sort((a, b) => a.selector.position.start - b.selector.position.start);
  }
  return [...groups.values()].sort((a, b) => {
    const da = a.article.date ?? '\uffff';
    const db = b.article.date ?? '\uffff';
    return da < db ? -1 : da > db ? 1 : a.article.title.localeCompare(b.article.title, 'zh');
  });
}

export function savedSearches(selection: Selection): SearchBookmark[] {
  return selection.bookmarks
    .filter((b): b is SearchBookmark => b.kind === 'search')
    .sort((a, b) => (a.created < b.created ? -1 : 1));
}

export const COLOR_NAMES_ZH: Record<string, string> = {
  yellow: '黄',
  green: '绿',
  blue: '蓝',
  pink: '粉',
  purple: '紫',
};
