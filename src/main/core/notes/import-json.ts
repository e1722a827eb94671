/**
 * Import of Web Annotation JSON: our own export (lossless through the "newsstack" key) and,
 * best effort, annotations from other tools whose target is one of our articles. Merging never
 * duplicates: items are matched by id, then by what they point at (the article of a bookmark,
 * the query of a saved search, the quote and position of an annotation); the newer one wins.
 * Timestamps are checked first (times.ts): one that is not a real time never replaces anything.
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
import { checkTime, type TimeProblem } from './times';
import type { Annotation, Bookmark, ImportKept, ImportRepaired, ImportReport, NotesData } from './types';

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

type Timed = { id: string; created: string; modified: string };
type TimeField = 'created' | 'modified';

interface BadTime {
  field: TimeField;
  value: string;
  problem: TimeProblem;
}

/** The item's timestamps as times (ms), or the ones that cannot be used and why. */
function readTimes(item: Timed, now: number): { created: number; modified: number } | BadTime[] {
  const created = checkTime(item.created, now);
  const modified = checkTime(item.modified, now);
  if ('ms' in created && 'ms' in modified) return { created: created.ms, modified: modified.ms };
  const bad: BadTime[] = [];
  if ('problem' in created) bad.push({ field: 'created', value: item.created, problem: created.problem });
  if ('problem' in modified) bad.push({ field: 'modified', value: item.modified, problem: modified.problem });
  return bad;
}

interface MergeContext {
  kind: 'bookmark' | 'annotation';
  /** The import's own time. */
  now: string;
  kept: ImportKept[];
  repaired: ImportRepaired[];
  report: ImportReport;
}

/**
 * The item with its times written the one way the store writes them (UTC, milliseconds). A bad
 * `modified` becomes the import's time and a bad `created` the item's (good or repaired)
 * `modified`, so a repaired time never comes after the other; each replacement is reported.
 */
function withGoodTimes<T extends Timed>(item: T, ctx: MergeContext): T {
  const nowMs = Date.parse(ctx.now);
  const iso = (value: string): string | null => {
    const time = checkTime(value, nowMs);
    return 'ms' in time ? new Date(time.ms).toISOString() : null;
  };
  const modified = iso(item.modified) ?? ctx.now;
  const created = iso(item.created) ?? modified;
  for (const [field, replacedBy] of [
    ['created', created],
    ['modified', modified],
  ] as const) {
    const time = checkTime(item[field], nowMs);
    if ('problem' in time) {
      ctx.repaired.push({
        kind: ctx.kind,
        id: item.id,
        field,
        value: item[field],
        problem: time.problem,
        replacedBy,
      });
    }
  }
  return { ...item, created, modified };
}

/**
 * Merges `incoming` into `list`; an item that matches an existing one replaces it only if it is
 * newer, as times (not as text: "+08:00" and "Z" differ). A timestamp that is not a real time
 * never decides: the stored item is kept and the report says which and why.
 */
function mergeInto<T extends Timed>(
  list: T[],
  incoming: readonly T[],
  key: (item: T) => string,
  ctx: MergeContext,
): void {
  const nowMs = Date.parse(ctx.now);
  const byId = new Map(list.map((item, i) => [item.id, i]));
  const byKey = new Map(list.map((item, i) => [key(item), i]));
  for (const item of incoming) {
    const at = byId.get(item.id) ?? byKey.get(key(item));
    const times = readTimes(item, nowMs);
    if (at === undefined) {
      list.push(withGoodTimes(item, ctx));
      byId.set(item.id, list.length - 1);
      byKey.set(key(item), list.length - 1);
      ctx.report.added++;
      continue;
    }
    const stored = list[at];
    const keep = (which: 'imported' | 'stored', bad: BadTime): void => {
      ctx.kept.push({ kind: ctx.kind, id: stored.id, importedId: item.id, item: which, ...bad });
      ctx.report.unchanged++;
    };
    if (Array.isArray(times)) {
      keep('imported', times.find((b) => b.field === 'modified') ?? times[0]);
      continue;
    }
    const storedTime = checkTime(stored.modified, nowMs);
    if ('problem' in storedTime) {
      keep('stored', { field: 'modified', value: stored.modified, problem: storedTime.problem });
    } else if (times.modified > storedTime.ms) {
      // Keep the id we have, so that other windows and undo keep pointing at it.
      list[at] = { ...withGoodTimes(item, ctx), id: stored.id };
      ctx.report.updated++;
    } else {
      ctx.report.unchanged++;
    }
  }
}

/** Merges an import into `data` (the store's, changed in place); `now` is the import's time. */
export function mergeImport(data: NotesData, parsed: ParsedImport, now: string): ImportReport {
  const report: ImportReport = { added: 0, updated: 0, unchanged: 0, skipped: parsed.skipped };
  const kept: ImportKept[] = [];
  const repaired: ImportRepaired[] = [];
  mergeInto(data.bookmarks, parsed.bookmarks, bookmarkKey, { kind: 'bookmark', now, kept, repaired, report });
  mergeInto(data.annotations, parsed.annotations, annotationKey, {
    kind: 'annotation',
    now,
    kept,
    repaired,
    report,
  });
  return { ...report, ...(kept.length ? { kept } : {}), ...(repaired.length ? { repaired } : {}) };
}
