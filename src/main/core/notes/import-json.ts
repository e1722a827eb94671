/**
 * Import of Web Annotation JSON: our own export (lossless through the "newsstack" key) and,
 * best effort, annotations from other tools whose target is one of our articles. Merging never
 * duplicates: items are matched by id, then by what they point at (the article of a bookmark,
 * the query of a saved search, the quote and position of an annotation); the newer one wins.
 */
import { z } from 'zod';
import { normalizeTags, searchKey } from './bookmarks';
import { NotesError } from './errors';
import { ARTICLE_IRI_PREFIX, idFromIri } from './export-json';
import {
  AnchorStatusSchema,
  AnnotationSchema,
  ArticleMetaSchema,
  BookmarkSchema,
  HighlightColorSchema,
  SavedSearchSchema,
  TextPositionSelectorSchema,
  TextQuoteSelectorSchema,
} from './schema';
import type { Annotation, Bookmark, ImportReport, NotesData } from './types';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The annotations in a collection, a page, an array or a single annotation. */
function itemsOf(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (!isObject(doc)) return [];
  if (doc.type === 'AnnotationCollection') {
    const first = doc.first;
    return isObject(first) ? asArray(first.items) : [];
  }
  if (doc.type === 'AnnotationPage') return asArray(doc.items);
  return [doc];
}

function textBodies(item: Json): { note?: string; tags: string[] } {
  const tags: string[] = [];
  const notes: string[] = [];
  for (const body of asArray(item.body)) {
    if (!isObject(body) || typeof body.value !== 'string') continue;
    if (body.purpose === 'tagging') tags.push(body.value);
    else notes.push(body.value);
  }
  return { ...(notes.length ? { note: notes.join('\n\n') } : {}), tags: normalizeTags(tags) };
}

function targetSource(item: Json): string | undefined {
  const target = asArray(item.target)[0];
  if (typeof target === 'string') return target;
  return isObject(target) && typeof target.source === 'string' ? target.source : undefined;
}

function articleFromItem(item: Json, ext: Json): z.infer<typeof ArticleMetaSchema> | null {
  const parsed = ArticleMetaSchema.safeParse(ext.article);
  if (parsed.success) return parsed.data;
  const source = targetSource(item);
  if (!source?.startsWith(ARTICLE_IRI_PREFIX)) return null;
  const id = decodeURIComponent(source.slice(ARTICLE_IRI_PREFIX.length));
  return { id, title: id };
}

/** One Web Annotation as a bookmark or an annotation of ours, or null when it is not one. */
export function fromW3C(raw: unknown): { bookmark: Bookmark } | { annotation: Annotation } | null {
  if (!isObject(raw) || raw.type !== 'Annotation' || typeof raw.id !== 'string') return null;
  const ext = isObject(raw.newsstack) ? raw.newsstack : {};
  const { note, tags } = textBodies(raw);
  const created = typeof raw.created === 'string' ? raw.created : new Date(0).toISOString();
  const common = {
    id: idFromIri(raw.id),
    tags,
    ...(note ? { note } : {}),
    created,
    modified: typeof raw.modified === 'string' ? raw.modified : created,
  };
  if (raw.motivation === 'bookmarking' && ext.kind === 'search') {
    const search = SavedSearchSchema.safeParse(ext.search);
    if (!search.success) return null;
    const parsed = BookmarkSchema.safeParse({
      ...common,
      kind: 'search',
      title: typeof ext.title === 'string' ? ext.title : search.data.query,
      search: search.data,
      ...(ext.lastRun ? { lastRun: ext.lastRun } : {}),
    });
    return parsed.success ? { bookmark: parsed.data } : null;
  }
  const article = articleFromItem(raw, ext);
  if (!article) return null;
  if (raw.motivation === 'bookmarking') {
    const parsed = BookmarkSchema.safeParse({ ...common, kind: 'article', article });
    return parsed.success ? { bookmark: parsed.data } : null;
  }
  const target = asArray(raw.target)[0];
  const selectors = isObject(target) ? asArray(target.selector) : [];
  const quote = selectors.map((s) => TextQuoteSelectorSchema.safeParse(s)).find((r) => r.success)?.data;
  if (!quote) return null;
  const position = selectors.map((s) => TextPositionSelectorSchema.safeParse(s)).find((r) => r.success)?.data;
  const styleColor =
    isObject(target) && typeof target.styleClass === 'string'
      ? target.styleClass.replace(/^newsstack-/, '')
      : undefined;
  const color = HighlightColorSchema.safeParse(ext.color ?? styleColor);
  const anchor = AnchorStatusSchema.safeParse(ext.anchor);
  const parsed = AnnotationSchema.safeParse({
    ...common,
    article,
    selector: {
      quote,
      // Without a position (another tool's export), the quote alone anchors it on the next pass.
      position: position ?? { type: 'TextPositionSelector', start: 0, end: quote.exact.length },
    },
    color: color.success ? color.data : 'yellow',
    anchor: anchor.success ? anchor.data : { status: 'anchored' },
  });
  return parsed.success ? { annotation: parsed.data } : null;
}

export interface ParsedImport {
  bookmarks: Bookmark[];
  annotations: Annotation[];
  skipped: number;
}

export function parseWebAnnotations(text: string): ParsedImport {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new NotesError('unreadable-import', `not JSON: ${(error as Error).message}`);
  }
  const items = itemsOf(doc);
  const isContainer = isObject(doc) && (doc.type === 'AnnotationCollection' || doc.type === 'AnnotationPage');
  if (!isContainer && !items.some((i) => isObject(i) && i.type === 'Annotation')) {
    throw new NotesError('unreadable-import', 'no Web Annotations found');
  }
  const out: ParsedImport = { bookmarks: [], annotations: [], skipped: 0 };
  for (const item of items) {
    const parsed = fromW3C(item);
    if (!parsed) out.skipped++;
    else if ('bookmark' in parsed) out.bookmarks.push(parsed.bookmark);
    else out.annotations.push(parsed.annotation);
  }
  return out;
}

function bookmarkKey(b: Bookmark): string {
  return b.kind === 'article' ? `a:${b.article.id}` : `s:${searchKey(b.search)}`;
}

function annotationKey(a: Annotation): string {
  const { quote, position } = a.selector;
  return JSON.stringify([a.article.id, quote.exact, position.start, position.end]);
}

/** Merges `incoming` into `list`; an item that matches an existing one replaces it only if newer. */
function mergeInto<T extends { id: string; modified: string }>(
  list: T[],
  incoming: readonly T[],
  key: (item: T) => string,
  report: ImportReport,
): void {
  const byId = new Map(list.map((item, i) => [item.id, i]));
  const byKey = new Map(list.map((item, i) => [key(item), i]));
  for (const item of incoming) {
    const at = byId.get(item.id) ?? byKey.get(key(item));
    if (at === undefined) {
      list.push(item);
      byId.set(item.id, list.length - 1);
      byKey.set(key(item), list.length - 1);
      report.added++;
    } else if (item.modified > list[at].modified) {
      // Keep the id we have, so that other windows and undo keep pointing at it.
      list[at] = { ...item, id: list[at].id };
      report.updated++;
    } else {
      report.unchanged++;
    }
  }
}

export function mergeImport(data: NotesData, parsed: ParsedImport): ImportReport {
  const report: ImportReport = { added: 0, updated: 0, unchanged: 0, skipped: parsed.skipped };
  mergeInto(data.bookmarks, parsed.bookmarks, bookmarkKey, report);
  mergeInto(data.annotations, parsed.annotations, annotationKey, report);
  return report;
}
