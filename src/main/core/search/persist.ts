/**
 * The persisted index: a binary file with a versioned header, typed-array sections and a SHA-256
 * checksum, written to a temporary file and renamed, verified on load. Anything that does not
 * verify is reported as IndexInvalidError: the caller rebuilds ("rebuild needed").
 *
 * Layout: "NSIX" | u32 header length | header JSON (UTF-8) | padding to 8 | sections, each at an
 * offset that is a multiple of 8 so typed arrays can view the buffer without copying.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NORMALIZER_VERSION } from '../text/normalize';
import { TOKENIZER_VERSION } from './grams';
import type { SegmentData } from './segment';
import type { SuggestData } from './suggest';

/** Bump when the stored shape changes; tokeniser and normaliser versions are checked as well. */
export const INDEX_FORMAT = 3;

const MAGIC = 'NSIX';

export class IndexInvalidError extends Error {
  readonly rebuildNeeded = true;
  constructor(reason: string) {
    super(`search index must be rebuilt: ${reason}`);
    this.name = 'IndexInvalidError';
  }
}

export interface IndexState {
  /** Article id per slot; null for a removed article. */
  ids: (string | null)[];
  hashes: number[];
  segments: SegmentData[];
  suggest: SuggestData;
}

type ArrayName = 'keys' | 'df' | 'offsets' | 'arena' | 'lengths';
const ARRAYS: {
  name: ArrayName;
  make: (b: ArrayBuffer, o: number, n: number) => ArrayBufferView;
  size: number;
}[] = [
  { name: 'keys', make: (b, o, n) => new Float64Array(b, o, n), size: 8 },
  { name: 'df', make: (b, o, n) => new Uint32Array(b, o, n), size: 4 },
  { name: 'offsets', make: (b, o, n) => new Uint32Array(b, o, n), size: 4 },
  { name: 'arena', make: (b, o, n) => new Uint8Array(b, o, n), size: 1 },
  { name: 'lengths', make: (b, o, n) => new Int32Array(b, o, n), size: 4 },
];

interface Header {
  format: number;
  normalizer: number;
  tokenizer: number;
  slots: number;
  live: number;
  checksum: string;
  payloadLength: number;
  segments: { base: number; count: number; arrays: Record<ArrayName, [number, number]> }[];
  /** [offset, length] of the JSON section (ids, hashes, suggestions). */
  meta: [number, number];
}

const pad8 = (n: number): number => (n + 7) & ~7;

export function encodeIndex(state: IndexState): Uint8Array {
  const meta = Buffer.from(
    JSON.stringify({ ids: state.ids, hashes: state.hashes, suggest: state.suggest }),
    'utf8',
  );
  const parts: { at: number; bytes: Uint8Array }[] = [];
  let at = 0;
  const place = (view: ArrayBufferView): [number, number] => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const start = at;
    parts.push({ at: start, bytes });
    at = pad8(at + bytes.length);
    return [start, bytes.length];
  };
  const segments = state.segments.map((seg) => ({
    base: seg.base,
    count: seg.count,
    arrays: Object.fromEntries(ARRAYS.map(({ name }) => [name, place(seg[name])])) as Record<
      ArrayName,
      [number, number]
    >,
  }));
  const metaAt = place(meta);
  // The payload is written once, straight into the output: at 100k articles it is hundreds of
  // megabytes, and a second copy would be most of the build's peak memory.
  const payloadLength = at;
  const hash = createHash('sha256');
  const zeros = new Uint8Array(8);
  let hashed = 0;
  for (const p of parts) {
    if (p.at > hashed) hash.update(zeros.subarray(0, p.at - hashed));
    hash.update(p.bytes);
    hashed = p.at + p.bytes.length;
  }
  if (payloadLength > hashed) hash.update(zeros.subarray(0, payloadLength - hashed));
  const header: Header = {
    format: INDEX_FORMAT,
    normalizer: NORMALIZER_VERSION,
    tokenizer: TOKENIZER_VERSION,
    slots: state.ids.length,
    live: state.ids.filter((id) => id !== null).length,
    checksum: hash.digest('hex'),
    payloadLength,
    segments,
    meta: metaAt,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = pad8(8 + headerBytes.length);
  const out = new Uint8Array(start + payloadLength);
  out.set(Buffer.from(MAGIC, 'latin1'), 0);
  new DataView(out.buffer).setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  for (const p of parts) out.set(p.bytes, start + p.at);
  return out;
}

export function decodeIndex(data: Uint8Array): IndexState {
  if (data.length < 8 || Buffer.from(data.subarray(0, 4)).toString('latin1') !== MAGIC) {
    throw new IndexInvalidError('not an index file');
  }
  const headerLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(4, true);
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(data.subarray(8, 8 + headerLength)).toString('utf8')) as Header;
  } catch {
    throw new IndexInvalidError('header does not parse');
  }
  if (header.format !== INDEX_FORMAT)
    throw new IndexInvalidError(`format ${header.format} is not ${INDEX_FORMAT}`);
  if (header.normalizer !== NORMALIZER_VERSION || header.tokenizer !== TOKENIZER_VERSION) {
    throw new IndexInvalidError('built with another normaliser or tokeniser');
  }
  const start = pad8(8 + headerLength);
  if (data.length - start !== header.payloadLength)
    throw new IndexInvalidError('file is truncated or too long');
  if (createHash('sha256').update(data.subarray(start)).digest('hex') !== header.checksum) {
    throw new IndexInvalidError('checksum does not match');
  }
  // The typed arrays view the bytes in place when they are 8-aligned (a file read on its own
  // buffer); otherwise they are copied once to an aligned buffer. Either way the index keeps
  // them: callers hand over `data` and do not change it afterwards.
  let payload = data.subarray(start);
  if ((payload.byteOffset & 7) !== 0) payload = new Uint8Array(payload);
  const buffer = payload.buffer;
  const base = payload.byteOffset;
  const segments = header.segments.map((s) => {
    const arrays = Object.fromEntries(
      ARRAYS.map(({ name, make, size }) => {
        const [offset, length] = s.arrays[name];
        if (offset < 0 || offset + length > payload.length || length % size !== 0)
          throw new IndexInvalidError('section out of bounds');
        return [name, make(buffer as ArrayBuffer, base + offset, length / size)];
      }),
    );
    return { base: s.base, count: s.count, ...arrays } as SegmentData;
  });
  const meta = JSON.parse(
    Buffer.from(payload.subarray(header.meta[0], header.meta[0] + header.meta[1])).toString('utf8'),
  ) as Omit<IndexState, 'segments'>;
  const suggest = meta.suggest as Partial<SuggestData> | undefined;
  if (
    !Array.isArray(suggest?.slots) ||
    !Array.isArray(suggest.titles) ||
    !Array.isArray(suggest.terms) ||
    suggest.slots.length !== suggest.titles.length
  )
    throw new IndexInvalidError('suggestion data is malformed');
  if (meta.ids.length !== header.slots || meta.ids.filter((id) => id !== null).length !== header.live) {
    throw new IndexInvalidError('article count does not match');
  }
  return { ...meta, segments };
}

/** Writes the index next to its final place, then renames: a crash leaves the old file or none. */
export async function saveIndexFile(file: string, data: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The bytes of an index file, or null when there is none. */
export async function readIndexFile(file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
