/**
 * The import report's messages (why a file was skipped, why it failed, what to know about it) in
 * the user's language. The core writes them in English (src/main/core/archive); each message it
 * can write is listed here once, as its English wording with {{placeholders}} for the parts that
 * vary (file names, extensions, byte offsets, sizes, encodings, field names). That wording is
 * both the English translation and the pattern that recognises the message: every placeholder
 * becomes a named capture. Some captures are messages themselves (the reason after "cannot read
 * file: ", a system error's description, a JSON parser's complaint) and are translated in turn
 * with their own table. A message nothing matches is shown as it is.
 *
 * A new message in the core needs an entry here (tests/unit/report-reasons.test.ts fails until
 * it has one) and its Chinese in ./i18n.ts.
 */
import type { TFunction } from 'i18next';

/** Where the strings live in the translation namespace (see ./i18n.ts). */
export const REASONS_KEY = 'reportReasons';

/** Page layouts the importer names (src/main/core/archive/reflow.ts, `Layout`). */
export const LAYOUTS = ['markdown', 'blocks', 'spaced', 'wrapped'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

/**
 * libuv's descriptions of system errors (Node's `util.getSystemErrorMap()`), as Node writes them
 * in an error message: `ENOENT: no such file or directory, stat '/x'`. Keyed by error code.
 */
const ERRNO = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many symbolic links encountered',
  ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory',
  EIO: 'i/o error',
  EMFILE: 'too many open files',
  ENFILE: 'file table overflow',
  ENAMETOOLONG: 'name too long',
  EBUSY: 'resource busy or locked',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  ETIMEDOUT: 'connection timed out',
  EAGAIN: 'resource temporarily unavailable',
  EINVAL: 'invalid argument',
  EOVERFLOW: 'value too large for defined data type',
  EFBIG: 'file too large',
  ENOMEM: 'not enough memory',
  EMLINK: 'too many links',
  EBADF: 'bad file descriptor',
  ECANCELED: 'operation canceled',
  EINTR: 'interrupted system call',
  ENOSYS: 'function not implemented',
  ENOTSUP: 'operation not supported on socket',
  EFTYPE: 'inappropriate file type or format',
  EILSEQ: 'illegal byte sequence',
  EOF: 'end of file',
  ESPIPE: 'invalid seek',
  ETXTBSY: 'text file is busy',
  ECONNRESET: 'connection reset by peer',
  EHOSTDOWN: 'host is down',
  ENOTCONN: 'socket is not connected',
  EREMOTEIO: 'remote I/O error',
  UNKNOWN: 'unknown error',
};

/**
 * The English strings: the core's messages, word for word (src/main/core/archive: discover.ts,
 * safe-read.ts, read.ts, decode.ts, import.ts, manifests.ts, sidecars.ts), and the layout names.
 */
export const EN = {
  separator: '; ',
  layout: { markdown: 'markdown', blocks: 'blocks', spaced: 'spaced', wrapped: 'wrapped' },
  reason: {
    // discover.ts
    hiddenFile: 'hidden file',
    hiddenFolder: 'hidden folder',
    brokenLink: 'broken symbolic link',
    linkOutside: 'symbolic link to {{target}}, outside the archive folders: not followed',
    linkLoopToRoot: 'symbolic link loop: leads back to .',
    linkLoopBack: 'symbolic link loop: leads back to {{target}}',
    linkLoop: 'symbolic link loop',
    sameFolder: 'same folder as {{first}}, read once',
    sameFile: 'same file as {{first}}, read once',
    tooDeep: 'folder nested deeper than {{depth}} levels, not read',
    cannotReadFolder: 'cannot read folder: {{reason}}',
    notRegular: 'not a regular file',
    unsupportedNoExt: 'unsupported file type (no extension)',
    unsupported: 'unsupported file type ({{ext}})',
    tooLargePage: 'too large for a page ({{size}} MB; the limit is {{limit}} MB)',
    permissionDenied: 'permission denied',
    vanishedWhileRead: 'vanished while the archive was read',
    cannotReadRoot: 'cannot read archive folder {{root}}: {{reason}}',
    rootNotFolder: 'archive is not a folder: {{root}}',
    // import.ts
    vanishedDuringImport: 'vanished during import',
    // safe-read.ts
    becameLink: 'became a symbolic link after the folder was read; not followed',
    cannotReadFile: 'cannot read file: {{reason}}',
    replaced: 'not a regular file (it was replaced after the folder was read)',
    metadataTooLarge: 'too large (over {{limit}} MB)',
    // read.ts
    emptyFile: 'empty file',
    hintMismatch: 'not valid {{hint}} as its metadata says; read as {{encoding}}',
    noText: 'no text in the file',
    noArticles: 'no articles found (only headlines, captions or page furniture)',
    grewTooLarge: 'grew too large for a page while the archive was read ({{size}} bytes)',
    changedDuringImport: 'changed during import; the newer version was read',
    tooLargeClaims: 'too large for a page: more than {{limit}} bytes, although it claims {{size}}',
    changedWhileRead: 'changed while it was read; it will be read again next time',
    // decode.ts
    binaryControl: 'binary file (control character at character {{offset}})',
    invalidUtf8Bom: 'invalid UTF-8 at byte {{offset}} (the file starts with a UTF-8 BOM)',
    invalidUtf16: 'invalid {{encoding}} text (odd length or a lone surrogate)',
    binaryNul: 'binary file (NUL byte at {{offset}})',
    binaryKind: 'binary file ({{kind}})',
    noEncoding:
      'not valid text in any supported encoding: UTF-8 fails at byte {{utf8}}, GB18030 fails at byte {{gb18030}}, Big5 fails at byte {{big5}}',
    damagedBytes:
      'damaged bytes: {{count}} sequences no encoding takes were read as U+FFFD, the first at byte {{offset}}; the rest of the page was kept',
    damagedControls:
      'damaged text: {{count}} control characters were read as U+FFFD, the first at character {{offset}}; the rest of the page was kept',
    questionMarks:
      'possibly damaged: "?" stands between Chinese characters {{count}} times, the first at character {{offset}} (a converter may have replaced bytes it could not map)',
    orphanSidecar: 'metadata for {{page}}, which is not in this folder',
    // table.ts
    tableBadJson: '{{count}} records are not valid JSON and were skipped, the first at character {{offset}}',
    tableBadCsv: '{{count}} rows could not be read as CSV, the first at row {{row}}',
    tableUntitled: '{{count}} rows have no title; their first words were used',
    tableNoColumns:
      'no title or body column among {{columns}}; name them title and content (or 标题 and 正文), or name them in the "columns" of a sidecar',
    tableMissingColumn:
      'the metadata names column "{{column}}" for {{field}}, but the table has no such column (it has {{columns}})',
    // read.ts and pdf.ts: PDF pages
    pdfScanned:
      'a scanned PDF: no page has a text layer, so there is no text to import (run text recognition (OCR) on it first)',
    pdfScannedPages: 'pages {{pages}} of the PDF are scans without a text layer; their text is not imported',
    pdfPassword: 'the PDF is password-protected',
    pdfUnreadable: 'not a readable PDF: {{detail}}',
    pdfCannotRead: 'cannot read the PDF: {{detail}}',
    pdfNotRead: 'the PDF could not be read',
    tableEmpty: 'no records found in the table',
    // front-matter.ts
    frontMatterYaml: 'front matter is not valid YAML ({{detail}}); its fields were ignored',
    frontMatterDate: 'front matter date "{{value}}" is not a date; ignored',
    frontMatterShape: 'front matter is not a list of fields; ignored',
    // manifests.ts
    cannotReadMetadata: 'cannot read metadata: {{reason}}',
    // sidecars.ts
    badDate: '{{where}}: date "{{value}}" is not a date, ignored',
    badPage: '{{where}}: page "{{value}}" ignored',
    badEncoding: '{{where}}: encoding "{{value}}" is not supported, ignored',
    badJson: '{{where}}: not valid JSON ({{detail}}), ignored',
    unknownField: '{{where}}: unknown field {{fields}} ignored',
    unknownFields: '{{where}}: unknown fields {{fields}} ignored',
    badEntry: '{{where}}: pages["{{entry}}"] is not a metadata object, ignored',
    notMetadata: '{{where}}: not a metadata object, ignored',
    notManifest: '{{where}}: not a manifest object, ignored',
    badColumnsField: '{{where}}: columns: "{{field}}" is not a field of an article ({{fields}}), ignored',
    // Node's own messages for system errors (discover.ts and safe-read.ts pass them on).
    sysLink: "{{code}}: {{what}}, {{syscall}} '{{path}}' -> '{{dest}}'",
    sysPath: "{{code}}: {{what}}, {{syscall}} '{{path}}'",
    sysCall: '{{code}}: {{what}}, {{syscall}}',
    sys: '{{code}}: {{what}}',
  },
  /** Descriptions of system errors (the `what` of reason.sys*). */
  errno: ERRNO,
  /** Kinds of binary file decode.ts recognises by their first bytes (the `kind` of reason.binaryKind). */
  magic: {
    png: 'PNG image',
    jpeg: 'JPEG image',
    gif: 'GIF image',
    pdf: 'PDF document',
    zip: 'ZIP archive (or an Office document)',
    office: 'Office document',
    gzip: 'gzip archive',
    executable: 'executable',
  },
  /** V8's JSON.parse errors (the `detail` of reason.badJson); `other` last, it takes any. */
  json: {
    endOfInput: 'Unexpected end of JSON input',
    unexpectedToken: "Unexpected token '{{token}}', {{snippet}} is not valid JSON",
    shortString: '"{{snippet}}" is not valid JSON',
    unexpectedNumber: 'Unexpected number in JSON {{at}}',
    unexpectedString: 'Unexpected string in JSON {{at}}',
    expectedPropertyName: "Expected property name or '}' in JSON {{at}}",
    expectedCommaOrBracket: "Expected ',' or ']' after array element in JSON {{at}}",
    expectedCommaOrBrace: "Expected ',' or '}' after property value in JSON {{at}}",
    expectedColon: "Expected ':' after property name in JSON {{at}}",
    expectedDoubleQuoted: 'Expected double-quoted property name in JSON {{at}}',
    unterminatedString: 'Unterminated string in JSON {{at}}',
    exponentMissing: 'Exponent part is missing a number in JSON {{at}}',
    unterminatedFraction: 'Unterminated fractional number in JSON {{at}}',
    noNumberAfterMinus: 'No number after minus sign in JSON {{at}}',
    badControl: 'Bad control character in string literal in JSON {{at}}',
    badUnicodeEscape: 'Bad Unicode escape in JSON {{at}}',
    badEscape: 'Bad escaped character in JSON {{at}}',
    trailing: 'Unexpected non-whitespace character after JSON {{at}}',
    other: '{{what}} in JSON {{at}}',
  },
  /** Where in the JSON text (the `at` of json.*); newer V8 adds the line and column. */
  jsonAt: {
    atLine: 'at position {{pos}} (line {{line}} column {{column}})',
    at: 'at position {{pos}}',
  },
  /** A manifest's entry for one page (the `where` of the sidecar warnings), else just the file. */
  where: {
    entry: '{{file}} pages["{{entry}}"]',
  },
};

/** The strings of one language: the same keys as EN. */
export type ReasonStrings = {
  [K in keyof typeof EN]: (typeof EN)[K] extends string ? string : { [L in keyof (typeof EN)[K]]: string };
};

type TableName = 'reason' | 'errno' | 'magic' | 'json' | 'jsonAt' | 'where';

interface Nested {
  table: TableName;
  /** False: a capture the table does not know is kept as it is (a file name), not a miss. */
  required: boolean;
}

interface Spec {
  key: string;
  /** Regular expression sources of the captures (default: any non-empty text, shortest first). */
  groups?: Record<string, string>;
  nested?: Record<string, Nested>;
}

export interface ReasonPattern {
  table: TableName;
  /** Key under reportReasons.<table>. */
  key: string;
  re: RegExp;
  nested: Record<string, Nested>;
}

const NUMBER = '\\d+';
const DECIMAL = '\\d+(?:\\.\\d+)?';
const ANY = '.*';
const REASON: Nested = { table: 'reason', required: true };
const WHERE: Record<string, Nested> = { where: { table: 'where', required: false } };
const WHAT: Record<string, Nested> = { what: { table: 'errno', required: true } };
const SYS = { code: '[A-Z][A-Z0-9_]+', what: '[^,]+', syscall: '[a-z_]+' };
/** How the reason after "cannot read archive folder X: " starts, to tell it from a ': ' in X. */
const ROOT_REASON = `(?=(?:${SYS.code}): |cannot read archive folder |archive is not a folder: ).+`;

/** The table of reason.*, in the order they are tried: the more specific first. */
const REASON_SPECS: Spec[] = [
  { key: 'hiddenFile' },
  { key: 'hiddenFolder' },
  { key: 'brokenLink' },
  { key: 'linkOutside' },
  { key: 'linkLoopToRoot' },
  { key: 'linkLoopBack' },
  { key: 'linkLoop' },
  { key: 'sameFolder' },
  { key: 'sameFile' },
  { key: 'tooDeep', groups: { depth: NUMBER } },
  { key: 'cannotReadFolder', groups: { reason: ANY }, nested: { reason: REASON } },
  { key: 'notRegular' },
  { key: 'unsupportedNoExt' },
  { key: 'unsupported', groups: { ext: '\\..*' } },
  { key: 'tooLargePage', groups: { size: DECIMAL, limit: DECIMAL } },
  { key: 'permissionDenied' },
  { key: 'vanishedWhileRead' },
  { key: 'cannotReadRoot', groups: { reason: ROOT_REASON }, nested: { reason: REASON } },
  // A reason that is none of those (Node's message for an invalid path): the first ': ' splits.
  { key: 'cannotReadRoot', groups: { reason: ANY }, nested: { reason: REASON } },
  { key: 'rootNotFolder', groups: { root: ANY } },
  { key: 'vanishedDuringImport' },
  { key: 'becameLink' },
  { key: 'cannotReadFile', groups: { reason: ANY }, nested: { reason: REASON } },
  { key: 'replaced' },
  { key: 'metadataTooLarge', groups: { limit: NUMBER } },
  { key: 'emptyFile' },
  { key: 'hintMismatch', groups: { hint: '[\\w-]+', encoding: '[\\w-]+' } },
  { key: 'noText' },
  { key: 'noArticles' },
  { key: 'grewTooLarge', groups: { size: NUMBER } },
  { key: 'changedDuringImport' },
  { key: 'tooLargeClaims', groups: { limit: NUMBER, size: NUMBER } },
  { key: 'changedWhileRead' },
  { key: 'binaryControl', groups: { offset: NUMBER } },
  { key: 'invalidUtf8Bom', groups: { offset: NUMBER } },
  { key: 'invalidUtf16', groups: { encoding: '[\\w-]+' } },
  { key: 'binaryNul', groups: { offset: NUMBER } },
  { key: 'binaryKind', groups: { kind: ANY }, nested: { kind: { table: 'magic', required: true } } },
  { key: 'noEncoding', groups: { utf8: '\\d+|\\?', gb18030: '\\d+|\\?', big5: '\\d+|\\?' } },
  { key: 'damagedBytes', groups: { count: NUMBER, offset: NUMBER } },
  { key: 'damagedControls', groups: { count: NUMBER, offset: NUMBER } },
  { key: 'questionMarks', groups: { count: NUMBER, offset: NUMBER } },
  { key: 'orphanSidecar', groups: { page: ANY } },
  { key: 'tableBadJson', groups: { count: NUMBER, offset: NUMBER } },
  { key: 'tableBadCsv', groups: { count: NUMBER, row: NUMBER } },
  { key: 'tableUntitled', groups: { count: NUMBER } },
  { key: 'tableNoColumns', groups: { columns: ANY } },
  { key: 'tableMissingColumn', groups: { column: '[^"]*', field: '\\w+', columns: ANY } },
  { key: 'pdfScanned' },
  { key: 'pdfScannedPages', groups: { pages: '[\\d, ]+' } },
  { key: 'pdfPassword' },
  { key: 'pdfUnreadable', groups: { detail: ANY } },
  { key: 'pdfCannotRead', groups: { detail: ANY } },
  { key: 'pdfNotRead' },
  { key: 'tableEmpty' },
  { key: 'frontMatterYaml', groups: { detail: ANY } },
  { key: 'frontMatterDate', groups: { value: ANY } },
  { key: 'frontMatterShape' },
  { key: 'cannotReadMetadata', groups: { reason: ANY }, nested: { reason: REASON } },
  { key: 'badDate', groups: { value: ANY }, nested: WHERE },
  { key: 'badPage', groups: { value: ANY }, nested: WHERE },
  { key: 'badEncoding', groups: { value: ANY }, nested: WHERE },
  {
    key: 'badJson',
    groups: { detail: ANY },
    nested: { ...WHERE, detail: { table: 'json', required: true } },
  },
  { key: 'unknownField', groups: { fields: ANY }, nested: WHERE },
  { key: 'badColumnsField', groups: { field: '[^"]*', fields: '[^)]*' }, nested: WHERE },
  { key: 'unknownFields', groups: { fields: ANY }, nested: WHERE },
  { key: 'badEntry', groups: { entry: ANY }, nested: WHERE },
  { key: 'notMetadata', nested: WHERE },
  { key: 'notManifest', nested: WHERE },
  { key: 'sysLink', groups: SYS, nested: WHAT },
  { key: 'sysPath', groups: SYS, nested: WHAT },
  { key: 'sysCall', groups: SYS, nested: WHAT },
  { key: 'sys', groups: SYS, nested: WHAT },
];

const AT: Record<string, Nested> = { at: { table: 'jsonAt', required: true } };
const AT_GROUP = { at: 'at position .*' };

const SPECS: Record<TableName, Spec[]> = {
  reason: REASON_SPECS,
  errno: Object.keys(EN.errno).map((key) => ({ key })),
  magic: Object.keys(EN.magic).map((key) => ({ key })),
  json: Object.keys(EN.json).map((key): Spec =>
    key === 'unexpectedToken'
      ? { key, groups: { token: '.+?', snippet: '(?:\\.\\.\\.)?".*"(?:\\.\\.\\.)?' } }
      : key === 'shortString'
        ? { key, groups: { snippet: ANY } }
        : { key, groups: AT_GROUP, nested: AT },
  ),
  jsonAt: [
    { key: 'atLine', groups: { pos: NUMBER, line: NUMBER, column: NUMBER } },
    { key: 'at', groups: { pos: NUMBER } },
  ],
  where: [{ key: 'entry', groups: { entry: ANY } }],
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

const PLACEHOLDER = /\{\{(\w+)\}\}/gu;

/** The placeholders of a string, in order. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** The English wording with each {{name}} a named capture: the message's pattern. */
function compile(template: string, groups: Record<string, string> = {}): RegExp {
  let source = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(template.slice(last, m.index));
    source += `(?<${m[1]}>${groups[m[1]] ?? '.+?'})`;
    last = m.index + m[0].length;
  }
  source += escapeRegExp(template.slice(last));
  return new RegExp(`^${source}$`, 'su');
}

function build(table: TableName): ReasonPattern[] {
  const strings = EN[table] as Record<string, string>;
  return SPECS[table].map((spec) => ({
    table,
    key: spec.key,
    re: compile(strings[spec.key], spec.groups),
    nested: spec.nested ?? {},
  }));
}

/** Every pattern, table by table ("reason" holds the messages themselves). */
export const PATTERNS: Record<TableName, ReasonPattern[]> = {
  reason: build('reason'),
  errno: build('errno'),
  magic: build('magic'),
  json: build('json'),
  jsonAt: build('jsonAt'),
  where: build('where'),
};

/** What a message was recognised as: a tree, since captures may be messages themselves. */
export type Explained =
  | { kind: 'match'; pattern: ReasonPattern; params: Record<string, Explained> }
  /** A captured part kept as it is (a file name, a number). */
  | { kind: 'value'; text: string }
  /** A message (or a part that should be one) no pattern matched. */
  | { kind: 'unknown'; text: string }
  /** Messages joined with '; ' (the service joins a file's errors so). */
  | { kind: 'list'; items: Explained[] };

function explainOne(message: string, table: TableName): Explained {
  for (const pattern of PATTERNS[table]) {
    const m = pattern.re.exec(message);
    if (!m) continue;
    const params: Record<string, Explained> = {};
    for (const [name, text] of Object.entries(m.groups ?? {})) {
      if (text === undefined) continue;
      const nested = pattern.nested[name];
      if (!nested) {
        params[name] = { kind: 'value', text };
        continue;
      }
      const inner = explain(text, nested.table);
      params[name] = !nested.required && matched(inner) === 0 ? { kind: 'value', text } : inner;
    }
    return { kind: 'match', pattern, params };
  }
  return { kind: 'unknown', text: message };
}

const SEPARATOR = '; ';
/** Beyond this many '; ', parts are not regrouped (each '; ' separates). */
const MAX_CUTS = 12;

const matched = (e: Explained): number =>
  e.kind === 'match' ? 1 : e.kind === 'list' ? e.items.reduce((n, i) => n + matched(i), 0) : 0;

/**
 * Recognises a message, or messages joined with '; '. Some messages hold '; ' themselves ("changed
 * while it was read; it will be read again next time"), and so may file names: of the ways to cut
 * the text at '; ', the one recognising the most messages wins, then the one with fewest parts.
 */
export function explain(message: string, table: TableName = 'reason'): Explained {
  const cuts: number[] = [];
  for (let i = message.indexOf(SEPARATOR); i !== -1; i = message.indexOf(SEPARATOR, i + 1)) cuts.push(i);
  if (cuts.length === 0) return explainOne(message, table);
  if (cuts.length > MAX_CUTS)
    return { kind: 'list', items: message.split(SEPARATOR).map((part) => explainOne(part, table)) };
  const starts = [0, ...cuts.map((c) => c + SEPARATOR.length)];
  const ends = [...cuts, message.length];
  const n = starts.length;
  // best[a]: the best reading of pieces a … n-1.
  const best: { score: number; items: Explained[] }[] = [];
  best[n] = { score: 0, items: [] };
  for (let a = n - 1; a >= 0; a--) {
    for (let b = a; b < n; b++) {
      const one = explainOne(message.slice(starts[a], ends[b]), table);
      const rest = best[b + 1];
      const score = matched(one) + rest.score;
      const items = [one, ...rest.items];
      const current = best[a];
      if (
        !current ||
        score > current.score ||
        (score === current.score && items.length < current.items.length)
      )
        best[a] = { score, items };
    }
  }
  const { items } = best[0];
  return items.length === 1 ? items[0] : { kind: 'list', items };
}

/** A piece of a translated message; `variable` pieces came from the message (file names …). */
export interface ReasonPart {
  text: string;
  variable: boolean;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const SENTINEL = /\uE000(\w+)\uE001/gu;

function partsOf(e: Explained, t: TFunction): ReasonPart[] {
  if (e.kind === 'value' || e.kind === 'unknown') return e.text ? [{ text: e.text, variable: true }] : [];
  if (e.kind === 'list') {
    const separator = t(`${REASONS_KEY}.separator`);
    return e.items.flatMap((item, i) => [
      ...(i > 0 ? [{ text: separator, variable: false }] : []),
      ...partsOf(item, t),
    ]);
  }
  // Placeholders are filled with markers, then the markers with the (translated) parts: nothing
  // from the message goes through the translator's interpolation.
  const replace = Object.fromEntries(Object.keys(e.params).map((name) => [name, OPEN + name + CLOSE]));
  const template = t(`${REASONS_KEY}.${e.pattern.table}.${e.pattern.key}`, {
    replace,
    interpolation: { escapeValue: false },
  });
  const parts: ReasonPart[] = [];
  let last = 0;
  for (const m of template.matchAll(SENTINEL)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index), variable: false });
    const param = e.params[m[1]];
    if (param) parts.push(...partsOf(param, t));
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last), variable: false });
  return parts;
}

/** A report message as pieces of translated text and of the message itself (to isolate them). */
export function reasonParts(message: string, t: TFunction): ReasonPart[] {
  return partsOf(explain(message), t);
}

/** A report message in the user's language; the message itself when no pattern knows it. */
export function translateReason(message: string, t: TFunction): string {
  return reasonParts(message, t)
    .map((p) => p.text)
    .join('');
}

/** The name of a page layout (ImportFileReport.layout) in the user's language. */
export function layoutName(layout: string, t: TFunction): string {
  return (LAYOUTS as readonly string[]).includes(layout) ? t(`${REASONS_KEY}.layout.${layout}`) : layout;
}
