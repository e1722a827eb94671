import { execFileSync } from 'node:child_process';
import { symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getSystemErrorMap } from 'node:util';
import type { TFunction } from 'i18next';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../../src/shared/types';
import { importArchives } from '../../src/main/core/archive';
import { ArchiveService } from '../../src/main/core/service';
import { makePdf } from './helpers/pdf';
import { archiveWith, tempDir } from './helpers/tmp';

// The app's i18next instance picks its language from navigator, which Node 20 does not have.
vi.hoisted(() => {
  if (typeof globalThis.navigator === 'undefined') vi.stubGlobal('navigator', { language: 'zh-CN' });
});

const { default: i18next } = await import('../../src/renderer/src/i18n');
const { en, zh } = await import('../../src/renderer/src/features/report/i18n');
const { EN, LAYOUTS, PATTERNS, explain, layoutName, placeholders, reasonParts, translateReason } =
  await import('../../src/renderer/src/features/report/reasons');
type Explained = ReturnType<typeof explain>;

afterAll(() => {
  vi.unstubAllGlobals();
});

const tZh: TFunction = i18next.getFixedT('zh');
const tEn: TFunction = i18next.getFixedT('en');

const PAGE = '## 标题一\n\n本报讯(记者 熊辉)正文一。\n';
const linux = process.platform === 'linux';

/** Every message of a report the user reads: skipped, and each file's errors and warnings. */
function messagesOf(report: ImportReport): string[] {
  return [
    ...report.skipped.map((s) => s.reason),
    ...report.files.flatMap((f) => [...f.errors, ...f.warnings]),
  ];
}

/** Parts of a message no pattern recognised (a nested reason, error or JSON complaint included). */
function unknownParts(e: Explained): string[] {
  if (e.kind === 'unknown') return [e.text];
  if (e.kind === 'list') return e.items.flatMap(unknownParts);
  if (e.kind === 'match') return Object.values(e.params).flatMap(unknownParts);
  return [];
}

/** Keys of the patterns used, nested ones included. */
function keysOf(e: Explained): string[] {
  if (e.kind === 'list') return e.items.flatMap(keysOf);
  if (e.kind === 'match')
    return [`${e.pattern.table}.${e.pattern.key}`, ...Object.values(e.params).flatMap(keysOf)];
  return [];
}

/** Technical names that Chinese text writes in Latin letters. */
const LATIN_OK = new Set([
  'UTF',
  'BOM',
  'JSON',
  'YAML',
  'MB',
  'GB',
  'Big',
  'PNG',
  'JPEG',
  'GIF',
  'PDF',
  'ZIP',
  'Office',
  'gzip',
  'Unicode',
  'Markdown',
  'OCR',
  // The key a sidecar names a table's columns under: written as it must be typed.
  'columns',
]);

/** Latin words in the Chinese translation that are not parts taken from the message. */
function leftoverEnglish(message: string): string[] {
  const fixed = reasonParts(message, tZh)
    .filter((p) => !p.variable)
    .map((p) => p.text)
    .join('');
  return (fixed.match(/[A-Za-z]+/gu) ?? []).filter((w) => !LATIN_OK.has(w));
}

function expectTranslated(messages: string[]): void {
  const problems: string[] = [];
  for (const message of messages) {
    const unknown = unknownParts(explain(message));
    if (unknown.length)
      problems.push(`no pattern for ${JSON.stringify(unknown)} in ${JSON.stringify(message)}`);
    const english = leftoverEnglish(message);
    if (english.length)
      problems.push(`English left in the Chinese of ${JSON.stringify(message)}: ${english.join(' ')}`);
    // The English UI shows the core's wording unchanged.
    const back = translateReason(message, tEn);
    if (back !== message)
      problems.push(`English differs: ${JSON.stringify(back)} for ${JSON.stringify(message)}`);
  }
  expect(problems).toEqual([]);
}

/** An archive folder that provokes as many of the core's messages as can be made on purpose. */
function troubledArchive(): { dir: string; missing: string; notFolder: string } {
  const elsewhere = archiveWith({ 'secret.txt': PAGE, 'not-a-folder.txt': PAGE });
  const deep = Array.from({ length: 65 }, () => 'd').join('/');
  const dir = archiveWith({
    'own.txt': PAGE,
    '.hidden.txt': PAGE,
    '.git/config': 'x',
    'notes.docx': 'x',
    README: 'x',
    'empty.txt': '',
    'blank.md': '\n  \n',
    'damaged.txt': Buffer.concat([
      Buffer.from(`标题\n\n${'全区新增企业十家，同比增长。'.repeat(20)}`),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ]),
    'stray-control.txt': `标题\n\n${'全区新增企业十家，同比增长。'.repeat(20)}\u007f\n`,
    'question.txt': iconv.encode(
      `标题\n\n${'全区新增企业十家，同比增长。'.repeat(20)}全区新增企业?家。\n`,
      'gbk',
    ),
    'gone.txt.json': '{"date": "2024-01-01"}',
    'columns.json': JSON.stringify([{ name: 'x', value: 1 }]),
    'empty-table.csv': 'title,content\n',
    'broken.jsonl':
      '{"title":"甲","content":"正文甲。"}\n{"title":"乙"坏了","content":"正文乙。"}\n{"content":"只有正文。"}\n',
    'front-yaml.md': '---\ntitle: "未闭合\n---\n\n# 标题\n\n正文。\n',
    'front-alias.md': '---\ntitle: *nowhere\n---\n\n# 标题\n\n正文。\n',
    'front-date.md': '---\ntitle: 标题\ndate: 上周三\n---\n\n正文。\n',
    'front-list.md': '---\n- 一\n- 二\n---\n\n# 标题\n\n正文。\n',
    'furniture.txt': '第3版\n',
    'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    'scan.txt': Buffer.from('%PDF-1.4\n'),
    'archive.txt': Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]),
    'nul.txt': Buffer.from('abc\0def'),
    'control.txt': Buffer.from('abc\x01def'),
    'bom.txt': Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x62, 0x63, 0xff]),
    'utf16.txt': Buffer.from([0xff, 0xfe, 0x61]),
    'garbage.txt': Buffer.from([0x41, 0xff, 0xff, 0x41]),
    'hinted.txt': PAGE,
    'hinted.txt.json': JSON.stringify({ encoding: 'big5' }),
    'a.txt': PAGE,
    'a.txt.json': '{',
    'b.txt': PAGE,
    'b.txt.json': JSON.stringify({
      date: '2023-02-30',
      page: '123456789',
      encoding: 'latin1',
      colour: 'red',
      size: 1,
    }),
    'c.txt': PAGE,
    'c.txt.json': '[1]',
    'd.txt': PAGE,
    'd.txt.json': JSON.stringify({ colour: 'red' }),
    'e.txt': PAGE,
    'e.txt.json': 'abc',
    'f.txt': PAGE,
    'f.txt.json': '',
    'g.txt': PAGE,
    'g.txt.json': '{"date": 2023-08-25}',
    'big.txt': PAGE,
    'm/newsstack.json': JSON.stringify({
      date: 'yesterday',
      extra: 1,
      pages: { 'x.txt': 5, 'y.txt': { date: 'bad', page: '' } },
    }),
    'm/x.txt': PAGE,
    'm/y.txt': PAGE,
    'n/newsstack.json': '"str"',
    'n/p.txt': PAGE,
    'o/newsstack.json': '{"a":1,}',
    'o/p.txt': PAGE,
    'sub/page.txt': PAGE,
    [`${deep}/deep.txt`]: PAGE,
  });
  // A sidecar over the metadata limit (32 MB) and a page over the page limit given below (sparse).
  writeFileSync(path.join(dir, 'big.txt.json'), '');
  truncateSync(path.join(dir, 'big.txt.json'), 33 * 1024 * 1024);
  writeFileSync(path.join(dir, 'huge.txt'), '');
  truncateSync(path.join(dir, 'huge.txt'), 2 * 1024 * 1024);
  symlinkSync(dir, path.join(dir, 'loop'));
  symlinkSync('self.txt', path.join(dir, 'self.txt'));
  symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'broken.txt'));
  symlinkSync(path.join(elsewhere, 'secret.txt'), path.join(dir, 'outside.txt'));
  symlinkSync(path.join(dir, 'own.txt'), path.join(dir, 'dup.txt'));
  symlinkSync(path.join(dir, 'sub'), path.join(dir, 'alias'));
  if (linux) execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
  return {
    dir,
    missing: path.join(elsewhere, 'missing'),
    notFolder: path.join(elsewhere, 'not-a-folder.txt'),
  };
}

describe('every message of the import report has a translation', () => {
  it('an import of a troubled archive: every reason, warning and error is recognised and translated', async () => {
    const { dir, missing, notFolder } = troubledArchive();
    const { report } = await importArchives([dir, missing, notFolder], { maxFileBytes: 1024 * 1024 });
    const messages = messagesOf(report);

    // The archive did provoke what it was built for.
    const used = new Set(messages.flatMap((m) => keysOf(explain(m))));
    const expected = [
      'hiddenFile',
      'hiddenFolder',
      'unsupported',
      'unsupportedNoExt',
      'emptyFile',
      'noText',
      'noArticles',
      'binaryKind',
      'binaryNul',
      'binaryControl',
      'invalidUtf8Bom',
      'invalidUtf16',
      'noEncoding',
      'hintMismatch',
      'badJson',
      'badDate',
      'badPage',
      'badEncoding',
      'unknownField',
      'unknownFields',
      'notMetadata',
      'notManifest',
      'badEntry',
      'cannotReadMetadata',
      'metadataTooLarge',
      'tooLargePage',
      'linkLoopToRoot',
      'linkLoop',
      'brokenLink',
      'linkOutside',
      'sameFile',
      'sameFolder',
      'tooDeep',
      'cannotReadRoot',
      'rootNotFolder',
      'sysPath',
      ...(linux ? ['notRegular'] : []),
    ];
    expect(expected.filter((key) => !used.has(`reason.${key}`))).toEqual([]);
    expect(used).toContain('where.entry');
    expect(used).toContain('errno.ENOENT');
    for (const key of ['endOfInput', 'unexpectedToken', 'expectedPropertyName', 'expectedCommaOrBrace'])
      expect(used).toContain(`json.${key}`);
    for (const key of ['png', 'pdf', 'zip']) expect(used).toContain(`magic.${key}`);

    expectTranslated(messages);
  });

  it('PDF pages and table columns: what goes wrong with them is translated', async () => {
    const text = { runs: [{ x: 40, y: 100, size: 12, text: '本报讯 江北区新建公园开放。' }] };
    const dir = archiveWith({
      'scan.pdf': Buffer.from(makePdf([{ scan: true }])),
      'partly.pdf': Buffer.from(makePdf([text, { scan: true }, { scan: true }])),
      'broken.pdf': '%PDF-1.4\nthis is not a PDF',
      'table.csv': 'hl,txt\n标题,正文。\n',
      'table.csv.json': JSON.stringify({ columns: { title: 'hl', body: 'content', colour: 'x' } }),
    });
    const { report } = await importArchives([dir]);
    const messages = messagesOf(report);
    const used = new Set(messages.flatMap((m) => keysOf(explain(m))));
    for (const key of [
      'pdfScanned',
      'pdfScannedPages',
      'pdfUnreadable',
      'tableMissingColumn',
      'badColumnsField',
    ])
      expect(used).toContain(`reason.${key}`);
    expect(messages).toContain(
      'pages 2, 3 of the PDF are scans without a text layer; their text is not imported',
    );
    expectTranslated(messages);
  });

  it('files that vanish or change while they are read', async () => {
    const dir = archiveWith({ 'a.txt': PAGE, 'b.txt': PAGE, 'c.txt': PAGE });
    const { report } = await importArchives([dir], {
      onProgress: (p) => {
        if (p.phase === 'read' && p.file === 'a.txt') {
          unlinkSync(path.join(dir, 'b.txt'));
          writeFileSync(path.join(dir, 'c.txt'), '## 新标题\n\n新的正文。\n');
        }
      },
    });
    const messages = messagesOf(report);
    expect(messages).toEqual(
      expect.arrayContaining(['vanished during import', 'changed during import; the newer version was read']),
    );
    expectTranslated(messages);
  });

  it('the service: its problems list and the report it stored', async () => {
    const dir = archiveWith({
      'own.txt': PAGE,
      'notes.docx': 'x',
      'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'a.txt': PAGE,
      'a.txt.json': JSON.stringify({ date: 'soon', colour: 'red' }),
      'm/newsstack.json': '{',
      'm/p.txt': PAGE,
    });
    symlinkSync(dir, path.join(dir, 'loop'));
    const missing = path.join(tempDir(), 'missing');
    const service = new ArchiveService({ archiveDirs: [dir, missing], dataDir: tempDir() });
    try {
      const info = await service.info();
      const messages = [...info.problems.map((p) => p.message), ...messagesOf(info.report as ImportReport)];
      expect(info.problems).toEqual(
        expect.arrayContaining([
          { file: 'image.txt', message: 'binary file (PNG image)' },
          { file: missing, message: expect.stringMatching(/^cannot read archive folder .*ENOENT/u) },
        ]),
      );
      expectTranslated(messages);
    } finally {
      await service.close();
    }
  });

  it('messages that cannot be provoked on purpose (races, permissions, sizes)', () => {
    expectTranslated([
      'permission denied',
      'cannot read folder: permission denied',
      'cannot read folder: symbolic link loop',
      'cannot read folder: vanished while the archive was read',
      "cannot read folder: ENOTDIR: not a directory, scandir '/a/b'",
      'not a regular file (it was replaced after the folder was read)',
      'became a symbolic link after the folder was read; not followed',
      'cannot read file: EIO: i/o error, read',
      'cannot read file: EISDIR: illegal operation on a directory, read',
      'vanished while the archive was read',
      'cannot read metadata: permission denied',
      'cannot read metadata: vanished while the archive was read',
      'grew too large for a page while the archive was read (30000000 bytes)',
      'too large for a page: more than 64 bytes, although it claims 0',
      'changed while it was read; it will be read again next time',
      'not valid gb18030 as its metadata says; read as utf-8',
      'invalid UTF-16BE text (odd length or a lone surrogate)',
      "EMFILE: too many open files, open '/a/b.txt'",
      "ELOOP: too many symbolic links encountered, stat '/a' -> '/b'",
      'binary file (JPEG image)',
      'binary file (GIF image)',
      'binary file (Office document)',
      'binary file (gzip archive)',
      'binary file (executable)',
      'not valid text in any supported encoding: UTF-8 fails at byte 3, GB18030 fails at byte ?, Big5 fails at byte 7',
      "x.txt.json: not valid JSON (Expected property name or '}' in JSON at position 1 (line 1 column 2)), ignored",
    ]);
  });
});

describe('patterns and their captured parts', () => {
  const match = (message: string): { key: string; params: Record<string, string> } => {
    const e = explain(message);
    if (e.kind !== 'match') throw new Error(`no single match for ${message}`);
    const params = Object.fromEntries(
      Object.entries(e.params).map(([name, p]) => [name, p.kind === 'value' ? p.text : p.kind]),
    );
    return { key: `${e.pattern.table}.${e.pattern.key}`, params };
  };

  it('captures file names, extensions, offsets, sizes, encodings and field names', () => {
    expect(match('unsupported file type (.docx)')).toEqual({
      key: 'reason.unsupported',
      params: { ext: '.docx' },
    });
    expect(translateReason('unsupported file type (.docx)', tZh)).toBe('不支持的文件类型（.docx）');
    expect(match('invalid UTF-8 at byte 12 (the file starts with a UTF-8 BOM)')).toEqual({
      key: 'reason.invalidUtf8Bom',
      params: { offset: '12' },
    });
    expect(translateReason('binary file (NUL byte at 40)', tZh)).toBe('二进制文件（第 40 字节之后是空字节）');
    expect(match('too large for a page (50.0 MB; the limit is 20.0 MB)')).toEqual({
      key: 'reason.tooLargePage',
      params: { size: '50.0', limit: '20.0' },
    });
    expect(match('not valid gb18030 as its metadata says; read as utf-8')).toEqual({
      key: 'reason.hintMismatch',
      params: { hint: 'gb18030', encoding: 'utf-8' },
    });
    expect(match('x.meta.json: date "2023-13-01" is not a date, ignored')).toEqual({
      key: 'reason.badDate',
      params: { where: 'x.meta.json', value: '2023-13-01' },
    });
    expect(match('a.txt.json: unknown fields colour, size ignored')).toEqual({
      key: 'reason.unknownFields',
      params: { where: 'a.txt.json', fields: 'colour, size' },
    });
    expect(translateReason('a.txt.json: unknown field colour ignored', tZh)).toBe(
      'a.txt.json：未知字段 colour，已忽略',
    );
    expect(match('symbolic link to /x: y, outside the archive folders: not followed')).toEqual({
      key: 'reason.linkOutside',
      params: { target: '/x: y' },
    });
    expect(
      translateReason('symbolic link to /etc/passwd, outside the archive folders: not followed', tZh),
    ).toBe('指向档案文件夹之外的符号链接（/etc/passwd），未跟随');
    expect(translateReason('folder nested deeper than 64 levels, not read', tZh)).toBe(
      '文件夹嵌套超过 64 层，未读取',
    );
    expect(translateReason('binary file (PNG image)', tZh)).toBe('二进制文件（PNG 图片）');
    expect(match('symbolic link loop: leads back to a/b')).toEqual({
      key: 'reason.linkLoopBack',
      params: { target: 'a/b' },
    });
    expect(match('symbolic link loop: leads back to .')).toEqual({
      key: 'reason.linkLoopToRoot',
      params: {},
    });
  });

  it('a manifest entry, a file name holding ": " or "; ", and nested reasons', () => {
    expect(
      translateReason('2023/newsstack.json pages["a: b.txt"]: date "x" is not a date, ignored', tZh),
    ).toBe('2023/newsstack.json 中的页面条目“a: b.txt”：日期“x”不是有效的日期，已忽略');
    expect(match('same file as a; b.txt, read once')).toEqual({
      key: 'reason.sameFile',
      params: { first: 'a; b.txt' },
    });
    const root = "cannot read archive folder /mnt/a: b: ENOENT: no such file or directory, stat '/mnt/a: b'";
    expect(match(root)).toEqual({
      key: 'reason.cannotReadRoot',
      params: { root: '/mnt/a: b', reason: 'match' },
    });
    expect(translateReason(root, tZh)).toBe(
      '无法读取档案文件夹 /mnt/a: b：文件或文件夹不存在（ENOENT，stat）：/mnt/a: b',
    );
    // The service's message when no folder can be read: the core's message inside its own.
    const twice = `cannot read archive folder /a: ${"cannot read archive folder /a: ENOENT: no such file or directory, stat '/a'"}`;
    expect(translateReason(twice, tZh)).toBe(
      '无法读取档案文件夹 /a：无法读取档案文件夹 /a：文件或文件夹不存在（ENOENT，stat）：/a',
    );
    expect(translateReason('cannot read file: EISDIR: illegal operation on a directory, read', tZh)).toBe(
      '无法读取文件：对文件夹的操作无效（EISDIR，read）',
    );
    expect(translateReason('x.json: not valid JSON (Unexpected end of JSON input), ignored', tZh)).toBe(
      'x.json：不是有效的 JSON（内容在中途结束），已忽略',
    );
  });

  it('messages joined with "; " are translated one by one; "; " inside a message stays', () => {
    expect(translateReason('permission denied; binary file (NUL byte at 40)', tZh)).toBe(
      '没有读取权限；二进制文件（第 40 字节之后是空字节）',
    );
    expect(translateReason('changed while it was read; it will be read again next time', tZh)).toBe(
      '读取期间文件被修改，下次导入时会重新读取',
    );
    const three = 'became a symbolic link after the folder was read; not followed; empty file; something new';
    const e = explain(three);
    expect(e.kind === 'list' && e.items.map((i) => i.kind)).toEqual(['match', 'match', 'unknown']);
    expect(translateReason(three, tZh)).toBe('读取文件夹之后变成了符号链接，未跟随；空文件；something new');
    expect(translateReason(three, tEn)).toBe(three);
  });

  it('a message no pattern knows is shown as it is', () => {
    expect(translateReason('the moon is made of cheese', tZh)).toBe('the moon is made of cheese');
    expect(translateReason('', tZh)).toBe('');
    // A capture that must be a known message but is not: the rest is still translated.
    expect(translateReason('cannot read file: out of cheese', tZh)).toBe('无法读取文件：out of cheese');
  });

  it('parts taken from the message are marked, so the view isolates them in <bdi>', () => {
    const spoof = 'same file as \u202Etxt.exe, read once';
    expect(reasonParts(spoof, tZh)).toEqual([
      { text: '与 ', variable: false },
      { text: '\u202Etxt.exe', variable: true },
      { text: ' 是同一个文件，只读一次', variable: false },
    ]);
    // Text from the message never goes through i18next's interpolation.
    expect(translateReason('same file as {{first}} $t(reportReasons.separator), read once', tZh)).toBe(
      '与 {{first}} $t(reportReasons.separator) 是同一个文件，只读一次',
    );
  });

  it('layout names', () => {
    expect(LAYOUTS.map((l) => layoutName(l, tZh))).toEqual([
      'Markdown',
      '每行一段',
      '空行分段',
      '硬折行（OCR）',
    ]);
    expect(LAYOUTS.map((l) => layoutName(l, tEn))).toEqual([...LAYOUTS]);
    expect(layoutName('columns', tZh)).toBe('columns');
  });

  it("recognises V8's JSON.parse errors and Node's system error descriptions", () => {
    for (const text of [
      '{',
      '',
      '{"a":1,}',
      '{"a" 1}',
      '[1,2',
      '{"a":1} x',
      '"\\x"',
      '"a\nb"',
      '{"a":"b',
      '1e',
      '-',
      '1.',
      'abc',
      'x'.repeat(50),
      '{"a":01}',
      '["\\u12"]',
      'undefined',
      '[1,]',
    ]) {
      let message = '';
      try {
        JSON.parse(text);
      } catch (error) {
        message = (error as Error).message;
      }
      const e = explain(message, 'json');
      expect(unknownParts(e), message).toEqual([]);
      expect(e.kind === 'match' && e.pattern.key, message).not.toBe('other');
    }
    const system = new Map(getSystemErrorMap().values());
    for (const [code, description] of Object.entries(EN.errno)) {
      const known = [...system.values()].find(([name]) => name === code);
      if (known) expect(description, code).toBe(known[1]);
    }
  });
});

describe('translation keys', () => {
  type Tree = { [key: string]: string | Tree };
  const flatten = (tree: Tree, prefix = ''): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value === 'string') out.set(prefix + key, value);
      else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
    }
    return out;
  };

  it('every key exists in Chinese and English, with the same placeholders', () => {
    const zhFlat = flatten(zh as unknown as Tree);
    const enFlat = flatten(en as unknown as Tree);
    expect([...zhFlat.keys()].sort()).toEqual([...enFlat.keys()].sort());
    for (const [key, text] of enFlat) {
      expect(placeholders(zhFlat.get(key) ?? '').sort(), key).toEqual(placeholders(text).sort());
      expect(zhFlat.get(key), key).not.toBe('');
    }
  });

  it('every pattern has its strings, and the app has them registered', () => {
    for (const [table, patterns] of Object.entries(PATTERNS)) {
      for (const p of patterns) {
        const key = `reportReasons.${table}.${p.key}`;
        expect(i18next.exists(key, { lng: 'zh' }), key).toBe(true);
        expect(i18next.exists(key, { lng: 'en' }), key).toBe(true);
        expect(tEn(key)).not.toBe(tZh(key));
      }
    }
  });
});
