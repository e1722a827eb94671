/**
 * Annotations (highlights with an optional note): pure operations on the store's data, and
 * re-anchoring them to articles whose text may have changed since.
 */
import { anchorAcross, describeRange } from './anchor';
import {
  markDeleted,
  markRestored,
  normalizeTags,
  pickArticleMeta,
  setNote,
  type OpContext,
} from './bookmarks';
import { NotesError } from './errors';
import type {
  Annotation,
  AnnotationDraft,
  AnnotationPatch,
  ArticleText,
  NotesData,
  ReanchorReport,
} from './types';

function findAnnotation(data: NotesData, id: string): Annotation {
  const found = data.annotations.find((a) => a.id === id);
  if (!found) throw new NotesError('not-found', `no annotation ${id}`);
  return found;
}

/** Highlights [start, end) of `text` (the article's text as the reader shows it). */
export function createAnnotation(
  data: NotesData,
  ctx: OpContext,
  draft: AnnotationDraft,
  text: string,
): Annotation {
  if (draft.end > text.length || draft.start >= draft.end) {
    throw new NotesError('bad-request', `range [${draft.start}, ${draft.end}) is not inside the article`);
  }
  const { article, start, end, color, note, tags } = draft;
  const annotation: Annotation = {
    id: ctx.newId(),
    article: pickArticleMeta(article),
    selector: describeRange(text, start, end),
    color: color ?? 'yellow',
    ...(note ? { note } : {}),
    tags: normalizeTags(tags),
    created: ctx.now,
    modified: ctx.now,
    anchor: { status: 'anchored', method: 'created', checked: ctx.now },
  };
  data.annotations.push(annotation);
  return annotation;
}

export function updateAnnotation(
  data: NotesData,
  ctx: OpContext,
  id: string,
  patch: AnnotationPatch,
): Annotation {
  const annotation = findAnnotation(data, id);
  if (patch.color) annotation.color = patch.color;
  if (patch.tags) annotation.tags = normalizeTags(patch.tags);
  if (patch.note !== undefined) setNote(annotation, patch.note);
  annotation.modified = ctx.now;
  return annotation;
}

export function deleteAnnotation(data: NotesData, ctx: OpContext, id: string): Annotation {
  return markDeleted(findAnnotation(data, id), ctx.now);
}

export function restoreAnnotation(data: NotesData, ctx: OpContext, id: string): Annotation {
  return markRestored(findAnnotation(data, id), ctx.now);
}

/** The stored selectors are exactly what the text gives now: nothing to re-anchor or refresh. */
function selectorsCurrent(text: string, a: Annotation): boolean {
  const { start, end } = a.selector.position;
  if (end > text.length || text.slice(start, end) !== a.selector.quote.exact) return false;
  return JSON.stringify(describeRange(text, start, end)) === JSON.stringify(a.selector);
}

export interface ListAnnotationsQuery {
  articleId?: string;
  status?: 'anchored' | 'orphaned';
  tag?: string;
  includeDeleted?: boolean;
}

/** Annotations in reading order within an article, else newest first. */
export function listAnnotations(data: NotesData, query: ListAnnotationsQuery = {}): Annotation[] {
  const found = data.annotations.filter(
    (a) =>
      (query.includeDeleted || !a.deleted) &&
      (!query.articleId || a.article.id === query.articleId) &&
      (!query.status || a.anchor.status === query.status) &&
      (!query.tag || a.tags.includes(query.tag)),
  );
  return query.articleId
    ? found.sort((a, b) => a.selector.position.start - b.selector.position.start)
    : found.sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
}

/** Articles by id and by date, built once per list of articles. */
interface ArticleIndex {
  byId: Map<string, ArticleText>;
  byDate: Map<string, ArticleText[]>;
}
const indexes = new WeakMap<readonly ArticleText[], ArticleIndex>();

function indexOf(articles: readonly ArticleText[]): ArticleIndex {
  let index = indexes.get(articles);
  if (!index) {
    index = { byId: new Map(), byDate: new Map() };
    for (const a of articles) {
      index.byId.set(a.id, a);
      if (a.date) index.byDate.set(a.date, [...(index.byDate.get(a.date) ?? []), a]);
    }
    indexes.set(articles, index);
  }
  return index;
}

/**
 * Articles worth searching for an annotation whose passage left its article: its own, and those
 * of the same date and publication (a re-split keeps both); every article when the date is unknown.
 */
export function defaultCandidates(annotation: Annotation, articles: readonly ArticleText[]): ArticleText[] {
  const { id, date, publication } = annotation.article;
  if (!date) return [...articles];
  const { byId, byDate } = indexOf(articles);
  const sameDay = (byDate.get(date) ?? []).filter(
    (a) => a.id !== id && (!publication || !a.publication || a.publication === publication),
  );
  const own = byId.get(id);
  return own ? [own, ...sameDay] : sameDay;
}

export interface ReanchorOptions {
  /**
   * 'all' (default): `articles` is the whole archive, so an annotation whose article is missing
   * from it is searched for among candidates and orphaned if not found. 'listed': only
   * annotations of the listed articles are checked (e.g. when one article was opened or reloaded).
   */
  scope?: 'all' | 'listed';
  candidatesFor?: (a: Annotation, all: readonly ArticleText[]) => ArticleText[];
}

/**
 * Re-anchors live annotations against current article texts. A found passage updates the
 * selectors (and the article, if it moved); a lost one is marked orphaned and keeps its quote.
 * Returns what it found; `data` is modified in place only where something changed.
 */
export function reanchorAnnotations(
  data: NotesData,
  now: string,
  articles: readonly ArticleText[],
  options: ReanchorOptions = {},
): ReanchorReport & { changed: boolean } {
  const candidatesFor = options.candidatesFor ?? defaultCandidates;
  const { byId } = indexOf(articles);
  const report = { checked: 0, anchored: 0, moved: 0, orphaned: 0, changed: false };
  for (const annotation of data.annotations) {
    if (annotation.deleted) continue;
    const own = byId.get(annotation.article.id);
    if (!own && options.scope === 'listed') continue;
    // The common case, nothing changed: skip the search for candidates.
    if (own && annotation.anchor.status === 'anchored' && selectorsCurrent(own.text, annotation)) {
      report.checked++;
      report.anchored++;
      continue;
    }
    const candidates = candidatesFor(annotation, articles);
    if (candidates.length === 0) continue;
    report.checked++;
    const match = anchorAcross(annotation.selector, annotation.article.id, candidates);
    if (!match) {
      report.orphaned++;
      if (annotation.anchor.status !== 'orphaned') {
        annotation.anchor = { ...annotation.anchor, status: 'orphaned', checked: now };
        report.changed = true;
      }
      continue;
    }
    const { article, moved } = match;
    const selector = describeRange(article.text, match.start, match.end);
    const same =
      !moved &&
      annotation.anchor.status === 'anchored' &&
      JSON.stringify(selector) === JSON.stringify(annotation.selector);
    if (moved) report.moved++;
    else report.anchored++;
    if (same) continue;
    report.changed = true;
    const previous = annotation.anchor.previousArticleIds ?? [];
    annotation.anchor = {
      status: 'anchored',
      method: moved ? 'moved' : match.method,
      checked: now,
      ...(moved
        ? { previousArticleIds: [...previous, annotation.article.id].slice(-100) }
        : previous.length
          ? { previousArticleIds: previous }
          : {}),
    };
    if (moved) annotation.article = pickArticleMeta(article);
    annotation.selector = selector;
  }
  return report;
}
