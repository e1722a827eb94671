/**
 * Imports archive folders into articles, incrementally: a file whose size and mtime did not
 * change is not read again; one whose mtime changed but whose content hash did not is not parsed
 * again; changed files replace their articles and deleted files drop theirs. Reports every file
 * it cannot use instead of failing, each problem once. Plain data in and out, so it can run in a
 * worker thread (worker.ts).
 */
import path from 'node:path';
import type {
  Article,
  ImportFileReport,
  ImportProblem,
  ImportProgress,
  ImportReport,
} from '../../../shared/types';
import { DEFAULT_MAX_FILE_BYTES, discover, PAGE_FORMATS, type FoundPage, type PageFormat } from './discover';
import { loadMetadata } from './manifests';
import { PdfReadError, pdfToText } from './pdf';
import { parseRecord, readBytes, refreshMeta, tableKeyOf, type FileRecord, type PageContext } from './read';

/**
 * Bump when the page reader changes what it makes of a page, and say in PARSER_CHANGES which page
 * formats the change concerns: only their files are parsed again (a change to Markdown pages must
 * not re-read, and re-index, a million text pages).
 */
export const PARSER_VERSION = 3;

/**
 * The formats whose reading changed in each version (2: YAML front matter of Markdown pages;
 * 3: a saved article web page is one article with its date and byline, MHTML files are read).
 */
const PARSER_CHANGES: Record<number, readonly PageFormat[]> = { 2: ['markdown', 'table'], 3: ['html'] };

/** Whether a record made by parser `parser` is still what this version makes of its (unchanged) file. */
export function parsedAlike(record: Pick<FileRecord, 'format'>, parser: number): boolean {
  if (parser > PARSER_VERSION) return false;
  for (let v = parser + 1; v <= PARSER_VERSION; v++) {
    const changed = PARSER_CHANGES[v];
    if (!changed || changed.includes(record.format)) return false;
  }
  return true;
}

export interface ImportState {
  version: 1;
  parser: number;
  roots: string[];
  files: FileRecord[];
}

export interface ImportOptions {
  previous?: ImportState;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  maxFileBytes?: number;
  maxDepth?: number;
  /** False: leave `articles` of the result empty (the caller reads the records' own). */
  collect?: boolean;
  /**
   * With collect false: called with the new and changed records every BATCH_FILES files, which
   * the result then holds lite (without their articles), so that a large folder is stored as it
   * is read instead of held in memory whole.
   */
  onBatch?: (records: FileRecord[]) => Promise<void> | void;
}

/** Files per batch handed to onBatch. */
export const BATCH_FILES = 200;

/** Records already handed to onBatch (kept lite in the result): importFolder does not report them again. */
const batched = new WeakSet<FileRecord>();

/** The record without its articles, as a later import compares against it. */
function liteOf(record: FileRecord): FileRecord {
  const { pendingMeta: _pendingMeta, ...rest } = record;
  const lite = { ...rest, articles: [], lite: true };
  batched.add(lite);
  return lite;
}

export interface ImportResult {
  state: ImportState;
  report: ImportReport;
  /** Every article of the state, in file order. */
  articles: Article[];
}

export { ArchiveUnreadableError } from './errors';
import { ArchiveUnreadableError } from './errors';

const keyOf = (root: string, file: string): string => `${root}\u0000${file}`;

function fileReport(record: FileRecord, status: ImportFileReport['status']): ImportFileReport {
  const report: ImportFileReport = {
    root: record.root,
    file: record.file,
    status: record.errors.length ? 'failed' : status,
    format: record.format,
    articles: record.articles.length,
    warnings: record.warnings,
    errors: record.errors,
  };
  if (record.encoding) report.encoding = record.encoding;
  if (record.layout) report.layout = record.layout;
  return report;
}

/** Ids are per file; the same relative file in two archive folders gets ids that tell them apart. */
function uniqueIds(records: FileRecord[]): Article[] {
  const seen = new Set<string>();
  const out: Article[] = [];
  for (const record of records) {
    for (const article of record.articles) {
      if (!seen.has(article.id)) {
        seen.add(article.id);
        out.push(article);
        continue;
      }
      let n = 1;
      while (seen.has(`${article.id}~${n}`)) n++;
      seen.add(`${article.id}~${n}`);
      out.push({ ...article, id: `${article.id}~${n}` });
    }
  }
  return out;
}

export async function importArchives(dirs: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const roots = dirs.map((d) => path.resolve(d));
  const previous = options.previous?.version === 1 ? options.previous : undefined;
  const before = new Map((options.previous?.files ?? []).map((r) => [keyOf(r.root, r.file), r]));
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const progress = options.onProgress ?? (() => undefined);
  progress({ phase: 'discover', done: 0, total: 0 });
  const found = await discover(roots, {
    signal: options.signal,
    maxFileBytes: maxBytes,
    maxDepth: options.maxDepth,
    onFound: (n) => progress({ phase: 'discover', done: n, total: 0 }),
  });
  const report: ImportReport = {
    roots,
    files: [],
    skipped: [
      ...found.unreadableRoots.map((u) => ({ root: u.root, file: '.', reason: u.message })),
      ...found.skipped,
    ],
    removed: [],
    metadataFiles: found.metadata.map((m) => path.join(m.root, m.file)),
    cancelled: false,
    totals: { files: 0, articles: 0, skipped: 0, failed: 0, warnings: 0 },
  };
  const metadata = await loadMetadata(found.metadata);
  const records: FileRecord[] = [];
  // Changed records not yet handed to onBatch, by their index in `records`.
  const pending: number[] = [];
  const flush = async (): Promise<void> => {
    if (!options.onBatch || pending.length === 0) return;
    await options.onBatch(pending.map((k) => records[k]));
    for (const k of pending) records[k] = liteOf(records[k]);
    pending.length = 0;
  };
  const current = new Set<string>();
  const total = found.pages.length;
  let done = 0;
  for (const page of found.pages) {
    const key = keyOf(page.root, page.file);
    current.add(key);
    const old = before.get(key);
    if (options.signal?.aborted) {
      report.cancelled = true;
      if (old) records.push(old);
      continue;
    }
    progress({ phase: 'read', done, total, file: page.file });
    const context = metadata.contextFor(page);
    // A record of an older parser is reused only when that version read pages of its format alike.
    const reusable = previous && old && parsedAlike(old, previous.parser) ? old : undefined;
    const outcome = await importOne(page, reusable, context, maxBytes);
    done++;
    if (outcome === 'gone') {
      report.skipped.push({ root: page.root, file: page.file, reason: 'vanished during import' });
      if (old) report.removed.push(path.join(old.root, old.file));
      continue;
    }
    const record = outcome.record;
    records.push(record);
    if (options.onBatch && options.collect === false && record !== old) {
      pending.push(records.length - 1);
      if (pending.length >= BATCH_FILES) await flush();
    }
    const status = outcome.status;
    const fr = fileReport(record, status);
    fr.warnings = [...metadata.warningsFor(page), ...outcome.extraWarnings, ...fr.warnings];
    fr.errors = [...outcome.extraErrors, ...fr.errors];
    if (fr.errors.length) fr.status = 'failed';
    report.files.push(fr);
  }
  if (options.signal?.aborted) report.cancelled = true;
  // Files of an unreadable folder, or not reached before a cancel, keep their articles.
  const unreadable = new Set(found.unreadableRoots.map((u) => u.root));
  for (const [key, old] of before) {
    if (current.has(key)) continue;
    if (roots.includes(old.root) && (unreadable.has(old.root) || !found.complete)) records.push(old);
    else report.removed.push(path.join(old.root, old.file));
  }
  report.skipped.push(...metadata.problems);
  records.sort(
    (a, b) =>
      roots.indexOf(a.root) - roots.indexOf(b.root) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  const articles = options.collect === false ? [] : uniqueIds(records);
  report.totals = {
    files: report.files.length,
    articles:
      options.collect === false
        ? records.reduce((n, r) => n + (r.lite ? 0 : r.articles.length), 0)
        : articles.length,
    skipped: report.skipped.length,
    failed: report.files.filter((f) => f.status === 'failed').length,
    warnings: report.files.reduce((n, f) => n + f.warnings.length, 0),
  };
  progress({ phase: 'done', done, total });
  return { state: { version: 1, parser: PARSER_VERSION, roots, files: records }, report, articles };
}

type Outcome =
  | 'gone'
  | {
      record: FileRecord;
      status: ImportFileReport['status'];
      extraWarnings: string[];
      extraErrors: string[];
    };

async function importOne(
  page: FoundPage,
  old: FileRecord | undefined,
  context: PageContext,
  maxBytes: number,
): Promise<Outcome> {
  // A table read with other metadata or columns than now is read again (see tableKeyOf).
  const tableChanged = old?.format === 'table' && old.metaKey !== tableKeyOf(context);
  if (
    old &&
    old.size === page.size &&
    old.mtimeMs === page.mtimeMs &&
    old.mtimeMs >= 0 &&
    old.format === page.format &&
    !tableChanged
  ) {
    return { record: refreshMeta(old, context), status: 'unchanged', extraWarnings: [], extraErrors: [] };
  }
  const read = await readBytes(page, maxBytes);
  if (read.kind === 'gone') return 'gone';
  if (read.kind === 'error') {
    // Articles already in the archive stay until the file can be read again.
    const record: FileRecord = old
      ? { ...old, errors: [read.message] }
      : {
          root: page.root,
          file: page.file,
          size: page.size,
          mtimeMs: -1,
          sha256: '',
          format: page.format,
          textMeta: {},
          metaKey: '',
          articles: [],
          warnings: [],
          errors: [read.message],
        };
    if (old) record.mtimeMs = -1;
    return { record, status: 'failed', extraWarnings: [], extraErrors: [] };
  }
  // pdf.js reads a PDF asynchronously: its text layer is read here, the rest as for any page.
  const withPdf =
    page.format === 'pdf' && read.bytes.byteLength > 0
      ? {
          ...context,
          pdf: await pdfToText(read.bytes).catch((error: unknown) => ({ error: pdfError(error) })),
        }
      : context;
  const parsed = parseRecord({ ...page, size: read.size, mtimeMs: read.mtimeMs }, read.bytes, withPdf);
  if (
    old &&
    old.sha256 === parsed.sha256 &&
    old.format === page.format &&
    old.errors.length === 0 &&
    !tableChanged
  ) {
    // Touched but not changed: keep what was parsed (same text, same ids).
    const record = refreshMeta({ ...old, size: read.size, mtimeMs: read.mtimeMs }, context);
    return { record, status: 'unchanged', extraWarnings: read.warnings, extraErrors: [] };
  }
  return { record: parsed, status: old ? 'changed' : 'new', extraWarnings: read.warnings, extraErrors: [] };
}

/** What reading one folder changed, against the records it had before (see importFolder). */
export interface FolderImport {
  root: string;
  parser: number;
  report: ImportReport;
  /** Records whose file is new, changed, failed, or whose metadata changed (see FileRecord.pendingMeta), less those already handed to onBatch. */
  changed: FileRecord[];
  /** Files (relative to the folder) that are gone. */
  removed: string[];
}

/**
 * Reads one archive folder against its previous records, which may be lite (without articles):
 * only new and changed pages are read, and only what changed comes back, so that adding or
 * changing one folder costs that folder and that change alone.
 */
export async function importFolder(
  root: string,
  previous: { parser: number; files: FileRecord[] } | undefined,
  options: Omit<ImportOptions, 'previous' | 'collect'> = {},
): Promise<FolderImport> {
  const resolved = path.resolve(root);
  const result = await importArchives([resolved], {
    ...options,
    collect: false,
    previous: previous
      ? { version: 1, parser: previous.parser, roots: [resolved], files: previous.files }
      : undefined,
  });
  const old = new Set(previous ? previous.files.filter((r) => parsedAlike(r, previous.parser)) : []);
  const before = new Set((previous?.files ?? []).map((r) => r.file));
  const now = new Set(result.state.files.map((r) => r.file));
  return {
    root: resolved,
    parser: PARSER_VERSION,
    report: result.report,
    changed: result.state.files.filter((r) => !old.has(r) && !batched.has(r)),
    removed: [...before].filter((f) => !now.has(f)),
  };
}

// ---- The first API, kept for service.ts and the CLI ----

export const PAGE_EXTENSIONS = new Set(Object.keys(PAGE_FORMATS));

export interface PageFile {
  /** Path relative to the archive folder, with forward slashes. */
  file: string;
  absolute: string;
  size: number;
  mtimeMs: number;
}

export interface ImportedArchive {
  dir: string;
  files: PageFile[];
  articles: Article[];
  /** Files that could not be used (errors), not those skipped for their type. */
  problems: ImportProblem[];
  report: ImportReport;
  state: ImportState;
}

/** Lists page files under `dir`, recursively, in a stable order. */
export async function discoverPages(dir: string): Promise<{ files: PageFile[]; problems: ImportProblem[] }> {
  const found = await discover([dir]);
  if (found.unreadableRoots.length) throw new ArchiveUnreadableError(found.unreadableRoots[0].message);
  return {
    files: found.pages.map(({ file, absolute, size, mtimeMs }) => ({ file, absolute, size, mtimeMs })),
    problems: found.skipped
      .filter((s) => !/^unsupported file type|^hidden/u.test(s.reason))
      .map((s) => ({ file: s.file, message: s.reason })),
  };
}

/** Imports one folder from scratch; throws ArchiveUnreadableError when the folder cannot be read. */
export async function importArchive(
  dir: string,
  options: Omit<ImportOptions, 'previous'> & { previous?: ImportState } = {},
): Promise<ImportedArchive> {
  const result = await importArchives([dir], options);
  const root = result.state.roots[0];
  const unreadable = result.report.skipped.find(
    (s) =>
      s.root === root &&
      s.file === '.' &&
      /^cannot read archive folder|^archive is not a folder/u.test(s.reason),
  );
  if (unreadable) throw new ArchiveUnreadableError(unreadable.reason);
  const usable = new Set(result.report.files.filter((f) => f.status !== 'failed').map((f) => f.file));
  const files = result.state.files
    .filter((r) => usable.has(r.file))
    .map((r) => ({ file: r.file, absolute: path.join(r.root, r.file), size: r.size, mtimeMs: r.mtimeMs }));
  const problems: ImportProblem[] = [
    ...result.report.files.flatMap((f) => f.errors.map((message) => ({ file: f.file, message }))),
    ...result.report.skipped
      .filter((s) => !/^unsupported file type|^hidden/u.test(s.reason))
      .map((s) => ({ file: s.file, message: s.reason })),
  ];
  return { dir, files, articles: result.articles, problems, report: result.report, state: result.state };
}

function pdfError(error: unknown): string {
  return error instanceof PdfReadError ? error.message : `cannot read the PDF: ${(error as Error).message}`;
}
