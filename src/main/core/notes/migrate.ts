/**
 * Schema migrations. Each step takes the plain JSON of version N and returns version N + 1;
 * the result is validated by the caller against the current schema. A file without a
 * `schemaVersion` is version 0: the prototype's format, kept here so that its notes survive.
 */
import { NOTES_SCHEMA_VERSION } from './schema';

type Json = Record<string, unknown>;

/**
 * Version 0 (prototype): `{ bookmarks: [{articleId, title, tags: "a, b", addedAt: <ms>}],
 * highlights: [{id?, articleId, title?, quote, start, end, color?, note?, createdAt?: <ms>}] }`.
 */
function v0ToV1(old: Json): Json {
  const iso = (ms: unknown): string =>
    new Date(typeof ms === 'number' && Number.isFinite(ms) ? ms : 0).toISOString();
  const tags = (value: unknown): string[] =>
    typeof value === 'string'
      ? value
          .split(/[,，;；]/u)
          .map((t) => t.trim())
          .filter(Boolean)
      : Array.isArray(value)
        ? value.filter((t): t is string => typeof t === 'string' && t.trim() !== '')
        : [];
  const list = (value: unknown): Json[] =>
    Array.isArray(value) ? value.filter((x): x is Json => !!x && typeof x === 'object') : [];

  const bookmarks = list(old.bookmarks).map((b, i) => ({
    id: typeof b.id === 'string' ? b.id : `v0-bookmark-${i}-${String(b.articleId)}`,
    kind: 'article',
    article: { id: String(b.articleId), title: typeof b.title === 'string' ? b.title : String(b.articleId) },
    tags: tags(b.tags),
    ...(typeof b.note === 'string' && b.note ? { note: b.note } : {}),
    created: iso(b.addedAt),
    modified: iso(b.addedAt),
  }));
  const annotations = list(old.highlights).map((h, i) => {
    const quote = typeof h.quote === 'string' ? h.quote : '';
    const start = typeof h.start === 'number' ? h.start : 0;
    return {
      id: typeof h.id === 'string' ? h.id : `v0-highlight-${i}-${String(h.articleId)}`,
      article: {
        id: String(h.articleId),
        title: typeof h.title === 'string' ? h.title : String(h.articleId),
      },
      selector: {
        // v0 kept no context; re-anchoring fills prefix and suffix in on the next pass.
        quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
        position: {
          type: 'TextPositionSelector',
          start,
          end: typeof h.end === 'number' ? h.end : start + quote.length,
        },
      },
      color: typeof h.color === 'string' ? h.color : 'yellow',
      ...(typeof h.note === 'string' && h.note ? { note: h.note } : {}),
      tags: [],
      created: iso(h.createdAt),
      modified: iso(h.createdAt),
      anchor: { status: 'anchored' },
    };
  });
  return { schemaVersion: 1, revision: 0, bookmarks, annotations };
}

/** MIGRATIONS[n] turns version n into version n + 1. */
const MIGRATIONS: ((data: Json) => Json)[] = [v0ToV1];

export function schemaVersionOf(raw: unknown): number {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return -1;
  const v = (raw as Json).schemaVersion;
  return v === undefined ? 0 : typeof v === 'number' && Number.isInteger(v) ? v : -1;
}

/** Brings parsed JSON up to the current version. Throws on a version it does not know. */
export function migrate(raw: unknown): { data: unknown; from: number } {
  const from = schemaVersionOf(raw);
  if (from < 0) throw new Error('not a notes file (no valid schemaVersion)');
  if (from > NOTES_SCHEMA_VERSION) throw new NewerVersionError(from);
  let data = raw as Json;
  for (let v = from; v < NOTES_SCHEMA_VERSION; v++) data = MIGRATIONS[v](data);
  return { data, from };
}

/** The file was written by a newer Newsstack: it must be neither migrated nor overwritten. */
export class NewerVersionError extends Error {
  constructor(readonly version: number) {
    super(
      `notes file has schema version ${version}; this version of Newsstack reads up to ${NOTES_SCHEMA_VERSION}`,
    );
  }
}
