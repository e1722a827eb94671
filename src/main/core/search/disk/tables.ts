/**
 * The on-disk index's tables, kept in the catalogue's database so that the index and the articles
 * it refers to are changed under one lock and cannot drift apart: a segment row names the slot
 * range it covers, a postings row holds one gram of one segment (its document postings,
 * positions and skips), and the catalogue logs every deleted article's slot (removed_slots).
 *
 * Nothing is read at start-up but the segments' per-document numbers (a few bytes an article);
 * postings are read by key when a query needs them.
 */
import type Database from 'better-sqlite3';
import { NORMALIZER_VERSION } from '../../text/normalize';
import { TOKENIZER_VERSION } from '../grams';
import type { PositionalSegment } from './positional';

/** Bump when the stored shape changes; the index is then dropped and built again. */
export const DISK_FORMAT = 4;

/** A postings row's id: segment and gram key in one integer (keys are below 2^33). */
export function postingId(segment: number, key: number): number {
  return segment * 2 ** 33 + key;
}

/** The per-document numbers of a segment, as stored: one Int32Array of 4 × count. */
export interface SegmentDocs {
  lengths: Int32Array;
  titleLengths: Int32Array;
  dates: Int32Array;
  pubs: Int32Array;
}

export interface SegmentRow {
  id: number;
  base: number;
  count: number;
  docs: SegmentDocs;
}

function formatKey(): string {
  return `${DISK_FORMAT}.${NORMALIZER_VERSION}.${TOKENIZER_VERSION}`;
}

/** Creates the tables, or drops an index of another format (it is then built again). */
export function prepareTables(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS idx_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  const stored = db.prepare(`SELECT value FROM idx_meta WHERE key = 'format'`).pluck().get() as
    string | undefined;
  db.transaction(() => {
    if (stored !== undefined && stored !== formatKey()) {
      db.exec(
        'DROP TABLE IF EXISTS idx_segments; DROP TABLE IF EXISTS idx_postings; DROP TABLE IF EXISTS idx_pubs;',
      );
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS idx_segments (
        id INTEGER PRIMARY KEY,
        base INTEGER NOT NULL,
        count INTEGER NOT NULL,
        docs BLOB NOT NULL,
        terms TEXT NOT NULL
      );
      -- Small columns first: SQLite walks a row's overflow pages in column order, so a query that
      -- needs only the document postings never reads the positions after them.
      CREATE TABLE IF NOT EXISTS idx_postings (
        id INTEGER PRIMARY KEY,
        df INTEGER NOT NULL,
        skips BLOB,
        docs BLOB NOT NULL,
        positions BLOB
      );
      CREATE TABLE IF NOT EXISTS idx_pubs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    `);
    db.prepare(`INSERT OR REPLACE INTO idx_meta (key, value) VALUES ('format', ?)`).run(formatKey());
  })();
}

const bytesOf = (view: ArrayBufferView): Buffer => Buffer.from(view.buffer, view.byteOffset, view.byteLength);

function int32s(blob: Buffer): Int32Array {
  // Copied to an aligned buffer: a Buffer from SQLite may start at any byte.
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Int32Array(copy.buffer, 0, blob.byteLength >> 2);
}

export function readSegments(db: Database.Database): SegmentRow[] {
  const rows = db.prepare('SELECT id, base, count, docs FROM idx_segments ORDER BY base').all() as {
    id: number;
    base: number;
    count: number;
    docs: Buffer;
  }[];
  return rows.map((r) => {
    const all = int32s(r.docs);
    const n = r.count;
    return {
      id: r.id,
      base: r.base,
      count: n,
      docs: {
        lengths: all.subarray(0, n),
        titleLengths: all.subarray(n, 2 * n),
        dates: all.subarray(2 * n, 3 * n),
        pubs: all.subarray(3 * n, 4 * n),
      },
    };
  });
}

/** Frequent terms of every segment (for autocomplete), counts summed. */
export function readTerms(db: Database.Database): Map<string, number> {
  const counts = new Map<string, number>();
  for (const json of db
    .prepare('SELECT terms FROM idx_segments')
    .pluck()
    .iterate() as IterableIterator<string>) {
    for (const [term, n] of JSON.parse(json) as [string, number][])
      counts.set(term, (counts.get(term) ?? 0) + n);
  }
  return counts;
}

/** Publication names by id, as the segments refer to them. */
export function readPublications(db: Database.Database): string[] {
  const rows = db.prepare('SELECT id, name FROM idx_pubs').all() as { id: number; name: string }[];
  const names: string[] = [];
  for (const r of rows) names[r.id] = r.name;
  return Array.from(names, (n) => n ?? '');
}

export function publicationId(db: Database.Database, name: string): number {
  const found = db.prepare('SELECT id FROM idx_pubs WHERE name = ?').pluck().get(name) as number | undefined;
  if (found !== undefined) return found;
  const next = (db.prepare('SELECT coalesce(max(id) + 1, 0) FROM idx_pubs').pluck().get() as number) ?? 0;
  db.prepare('INSERT INTO idx_pubs (id, name) VALUES (?, ?)').run(next, name);
  return next;
}

/**
 * Writes a built segment (its postings, and its row last) and drops the segments it replaces,
 * in one transaction: readers see the old segments or the new one, never a mix.
 */
export function writeSegment(
  db: Database.Database,
  seg: PositionalSegment,
  docs: Omit<SegmentDocs, 'lengths' | 'titleLengths'>,
  terms: [string, number][],
  replaces: number[] = [],
  after?: () => void,
): number {
  return db.transaction(() => {
    for (const id of replaces) dropSegment(db, id);
    const id = Number(
      (db.prepare('SELECT coalesce(max(id), 0) + 1 FROM idx_segments').pluck().get() as number) ?? 1,
    );
    const insert = db.prepare(
      'INSERT INTO idx_postings (id, df, skips, docs, positions) VALUES (?, ?, ?, ?, ?)',
    );
    for (let k = 0; k < seg.keys.length; k++) {
      const posFrom = seg.posOffsets[k];
      const posTo = seg.posOffsets[k + 1];
      insert.run(
        postingId(id, seg.keys[k]),
        seg.df[k],
        seg.skipOffsets[k + 1] > seg.skipOffsets[k]
          ? bytesOf(seg.skips.subarray(seg.skipOffsets[k], seg.skipOffsets[k + 1]))
          : null,
        bytesOf(seg.arena.subarray(seg.offsets[k], seg.offsets[k + 1])),
        posTo > posFrom ? bytesOf(seg.positions.subarray(posFrom, posTo)) : null,
      );
    }
    const n = seg.count;
    const all = new Int32Array(4 * n);
    all.set(seg.lengths, 0);
    all.set(seg.titleLengths, n);
    all.set(docs.dates, 2 * n);
    all.set(docs.pubs, 3 * n);
    db.prepare('INSERT INTO idx_segments (id, base, count, docs, terms) VALUES (?, ?, ?, ?, ?)').run(
      id,
      seg.base,
      n,
      bytesOf(all),
      JSON.stringify(terms),
    );
    after?.();
    return id;
  })();
}

/** Drops segments whose slots hold no article any more, and forgets those removed slots. */
export function dropSegments(db: Database.Database, ids: number[], after: () => void): void {
  db.transaction(() => {
    for (const id of ids) dropSegment(db, id);
    after();
  })();
}

function dropSegment(db: Database.Database, id: number): void {
  db.prepare('DELETE FROM idx_postings WHERE id >= ? AND id < ?').run(postingId(id, 0), postingId(id + 1, 0));
  db.prepare('DELETE FROM idx_segments WHERE id = ?').run(id);
}

export interface PostingRow {
  df: number;
  docs: Buffer;
  /** Read only when asked for (see PostingReader.row). */
  positions?: Buffer | null;
  skips?: Buffer | null;
}

/** Reads postings rows by key, with prepared statements kept for the engine's life. */
export class PostingReader {
  private readonly dfOf: Database.Statement;
  private readonly docsOf: Database.Statement;
  private readonly rowOf: Database.Statement;

  constructor(db: Database.Database) {
    this.dfOf = db.prepare('SELECT df FROM idx_postings WHERE id = ?').pluck();
    this.docsOf = db.prepare('SELECT df, docs FROM idx_postings WHERE id = ?');
    this.rowOf = db.prepare('SELECT df, skips, docs, positions FROM idx_postings WHERE id = ?');
  }

  df(segment: number, key: number): number {
    return (this.dfOf.get(postingId(segment, key)) as number | undefined) ?? 0;
  }

  /** The document postings, and the positions and skip entries too when `positions` is set. */
  row(segment: number, key: number, positions = false): PostingRow | undefined {
    return (positions ? this.rowOf : this.docsOf).get(postingId(segment, key)) as PostingRow | undefined;
  }
}
