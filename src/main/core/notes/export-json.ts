/**
 * JSON export in the W3C Web Annotation Data Model (JSON-LD), as an AnnotationCollection with
 * one embedded AnnotationPage. See README.md in this folder for the mapping:
 * - an annotation is an Annotation (motivation highlighting, or commenting when it has a note)
 *   whose target is {source: urn:newsstack:article:<id>, selector: [TextQuoteSelector,
 *   TextPositionSelector], styleClass: newsstack-<colour>}; its note and tags are TextualBody
 *   bodies with purpose commenting and tagging;
 * - a bookmark is an Annotation with motivation bookmarking and target {source: the article};
 * - a saved search is an Annotation with motivation bookmarking and target
 *   {source: urn:newsstack:search?q=<query>};
 * - what the model has no words for (colour name, article metadata, anchoring state, search
 *   options) is under the "newsstack" key, declared in the @context as a JSON literal, so that
 *   an import is lossless while other tools can ignore it.
 */
import type { Selection } from './collect';
import type { Annotation, ArticleMeta, Bookmark } from './types';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const NEWSSTACK_TERM = { '@id': 'urn:newsstack:vocab:data', '@type': '@json' } as const;
export const ARTICLE_IRI_PREFIX = 'urn:newsstack:article:';
export const SEARCH_IRI_PREFIX = 'urn:newsstack:search?q=';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function itemIri(id: string): string {
  if (UUID.test(id)) return `urn:uuid:${id.toLowerCase()}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(id)) return id; // already an IRI (imported from another tool)
  return `urn:newsstack:item:${encodeURIComponent(id)}`;
}

export function idFromIri(iri: string): string {
  if (iri.startsWith('urn:uuid:')) return iri.slice('urn:uuid:'.length);
  if (iri.startsWith('urn:newsstack:item:'))
    return decodeURIComponent(iri.slice('urn:newsstack:item:'.length));
  return iri;
}

export function articleIri(id: string): string {
  return ARTICLE_IRI_PREFIX + encodeURIComponent(id);
}

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging';
  format?: 'text/plain';
}

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting' | 'bookmarking';
  created: string;
  modified: string;
  body?: TextualBody[];
  target: {
    source: string;
    selector?: unknown[];
    styleClass?: string;
  };
  newsstack: Record<string, unknown>;
}

function bodies(note: string | undefined, tags: readonly string[]): TextualBody[] | undefined {
  const out: TextualBody[] = [];
  if (note) out.push({ type: 'TextualBody', value: note, format: 'text/plain', purpose: 'commenting' });
  for (const tag of tags) out.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  return out.length ? out : undefined;
}

function freshMeta(meta: ArticleMeta, fresh?: ReadonlyMap<string, ArticleMeta>): ArticleMeta {
  return fresh?.get(meta.id) ?? meta;
}

export function annotationToW3C(a: Annotation, fresh?: ReadonlyMap<string, ArticleMeta>): WebAnnotation {
  const body = bodies(a.note, a.tags);
  return {
    id: itemIri(a.id),
    type: 'Annotation',
    motivation: a.note ? 'commenting' : 'highlighting',
    created: a.created,
    modified: a.modified,
    ...(body ? { body } : {}),
    target: {
      source: articleIri(a.article.id),
      selector: [a.selector.quote, a.selector.position],
      styleClass: `newsstack-${a.color}`,
    },
    newsstack: { kind: 'annotation', color: a.color, article: freshMeta(a.article, fresh), anchor: a.anchor },
  };
}

export function bookmarkToW3C(b: Bookmark, fresh?: ReadonlyMap<string, ArticleMeta>): WebAnnotation {
  const body = bodies(b.note, b.tags);
  const common = {
    id: itemIri(b.id),
    type: 'Annotation' as const,
    motivation: 'bookmarking' as const,
    created: b.created,
    modified: b.modified,
    ...(body ? { body } : {}),
  };
  if (b.kind === 'article') {
    return {
      ...common,
      target: { source: articleIri(b.article.id) },
      newsstack: { kind: 'bookmark', article: freshMeta(b.article, fresh) },
    };
  }
  return {
    ...common,
    target: { source: SEARCH_IRI_PREFIX + encodeURIComponent(b.search.query) },
    newsstack: {
      kind: 'search',
      title: b.title,
      search: b.search,
      ...(b.lastRun ? { lastRun: b.lastRun } : {}),
    },
  };
}

export interface JsonExportOptions {
  fresh?: ReadonlyMap<string, ArticleMeta>;
  exportedAt?: string;
  label?: string;
}

export function toWebAnnotationCollection(selection: Selection, options: JsonExportOptions = {}): string {
  const items = [
    ...selection.bookmarks.map((b) => bookmarkToW3C(b, options.fresh)),
    ...selection.annotations.map((a) => annotationToW3C(a, options.fresh)),
  ];
  const collection = {
    '@context': [ANNO_CONTEXT, { newsstack: NEWSSTACK_TERM }],
    type: 'AnnotationCollection',
    label: options.label ?? 'Newsstack notes',
    ...(options.exportedAt ? { created: options.exportedAt } : {}),
    generator: { type: 'Software', name: 'Newsstack' },
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
