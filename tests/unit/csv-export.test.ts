/**
 * Formula neutralisation in both CSV exports (notes and metric explorer): whatever text a cell
 * holds, a spreadsheet must never read it as a formula, and the text must survive the trip.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { NotesStore, type Annotation, type Bookmark } from '../../src/main/core/notes/index';
import { CSV_COLUMNS, toCsv } from '../../src/main/core/notes/export-csv';
import { metricsCsv } from '../../src/renderer/src/features/metrics/csv';
import type { ExplorerRow } from '../../src/renderer/src/features/metrics/rows';
import { SPREADSHEET_FORMULA } from '../../src/shared/csv-safe';
import { tempDir } from './helpers/tmp';

/**
 * The test's own statement of the rule, written independently of the exporters: a cell is read
 * as a formula when it starts with a tab or CR, or when its first visible character (after any
 * whitespace, control or invisible format characters) is = + - @ or a compatibility form of one
 * of them (full-width ＝＋－＠, small ﹦﹢﹣﹫, super- and subscript ⁼⁺₌₊).
 */
function readAsFormula(cell: string): boolean {
  if (cell.startsWith('\t') || cell.startsWith('\r')) return true;
  const visible = [...cell].find((c) => !/^[\s\p{Cc}\p{Cf}]$/u.test(c));
  return visible !== undefined && ['=', '+', '-', '@'].includes(visible.normalize('NFKC'));
}

/** Text with many formula starters, blanks, line breaks and CSV syntax, and arbitrary Unicode. */
const nastyChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('=', '+', '-', '@', '＝', '－', '﹢', '＠', '⁼') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '\t',
      '\r',
      '\n',
      '\r\n',
      ' ',
      '\u3000',
      '\u00a0',
      '\u200b',
      '\ufeff',
      '\u0000',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom('"', ',', ';', "'", '|', '!', 'A1', 'cmd', '中', '文', '3.5') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const nastyText = fc.string({ unit: nastyChar, maxLength: 12 });

function parseCsv(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<string[]>(csv.slice(1), {
    delimiter: ',',
    newline: '\r\n',
    skipEmptyLines: false,
  });
  expect(parsed.errors).toEqual([]);
  // The file ends with a line break (notes) or not (metrics): drop the empty last row if any.
  const rows = parsed.data;
  if (rows.length && rows.at(-1)?.length === 1 && rows.at(-1)?.[0] === '') rows.pop();
  return rows;
}

/** The exported cell is the original text, with a leading apostrophe exactly when it was needed. */
function expectNeutralised(cell: string, original: string): void {
  expect(readAsFormula(cell)).toBe(false);
  if (readAsFormula(original)) expect(cell).toBe(`'${original}`);
  else expect(cell).toBe(original);
}

const ARTICLE = { id: 'art-1', title: '标题', publication: '万州日报', date: '2024-07-02', page: '1' };
const TIME = '2024-07-02T08:00:00.000Z';

function annotationWith(text: { quote: string; note: string; tag: string; title: string }): Annotation {
  return {
    id: 'an-1',
    article: { ...ARTICLE, title: text.title },
    selector: {
      quote: { type: 'TextQuoteSelector', exact: text.quote, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 3, end: 9 },
    },
    color: 'yellow',
    note: text.note,
    tags: [text.tag],
    created: TIME,
    modified: TIME,
    anchor: { status: 'anchored' },
  };
}

describe('the shared formula rule', () => {
  it('covers every character whose compatibility form is = + - @', () => {
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const c = String.fromCharCode(code);
      const starter = ['=', '+', '-', '@'].includes(c.normalize('NFKC'));
      expect(SPREADSHEET_FORMULA.test(`${c}1+1`), `U+${code.toString(16)}`).toBe(
        starter || c === '\t' || c === '\r',
      );
    }
  });

  it('property: agrees with the independent statement of the rule on any text', () => {
    fc.assert(
      fc.property(nastyText, (text) => {
        expect(SPREADSHEET_FORMULA.test(text)).toBe(readAsFormula(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('notes CSV', () => {
  it('neutralises formulas behind line breaks and leading blanks (papaparse’s own pattern misses them)', () => {
    const cases = [
      '=1+1\n第二行',
      '-2+3\r\nx',
      '@SUM(A1)\nB',
      '  =HYPERLINK("http://x")',
      '\n=cmd|’/C calc’!A0',
      '\u3000＝1+1',
    ];
    for (const note of cases) {
      const csv = toCsv({
        bookmarks: [],
        annotations: [annotationWith({ quote: note, note, tag: note, title: note })],
      });
      const [header, row] = parseCsv(csv);
      const cell = (name: string) => row[header.indexOf(name)];
      for (const column of ['quote', 'note', 'tags', 'title']) expectNeutralised(cell(column), note);
      expect(readAsFormula(cell('citation'))).toBe(false);
    }
  });

  it('property: every cell reads back as the original text and never as a formula', () => {
    fc.assert(
      fc.property(nastyText, nastyText, nastyText, nastyText, nastyText, (quote, note, tag, title, query) => {
        const annotation = annotationWith({ quote: quote || 'q', note, tag: tag || 't', title });
        const search: Bookmark = {
          id: 'sb-1',
          kind: 'search',
          title,
          search: { query, options: {} },
          note,
          tags: [],
          created: TIME,
          modified: TIME,
        };
        const rows = parseCsv(toCsv({ bookmarks: [search], annotations: [annotation] }));
        expect(rows[0]).toEqual([...CSV_COLUMNS]);
        expect(rows).toHaveLength(3);
        for (const row of rows) {
          expect(row).toHaveLength(CSV_COLUMNS.length);
          for (const cell of row) expect(readAsFormula(cell), JSON.stringify(cell)).toBe(false);
        }
        const [header, a, s] = rows;
        const at = (row: string[], name: string) => row[header.indexOf(name)];
        expectNeutralised(at(a, 'quote'), quote || 'q');
        expectNeutralised(at(a, 'note'), note);
        expectNeutralised(at(a, 'tags'), tag || 't');
        expectNeutralised(at(a, 'title'), title);
        expectNeutralised(at(s, 'query'), query);
        expectNeutralised(at(s, 'title'), title);
        // Numbers stay numbers.
        expect([at(a, 'start'), at(a, 'end')]).toEqual(['3', '9']);
      }),
      { numRuns: 300 },
    );
  });

  it('the store’s export (real file) defuses a note that hides a formula behind a line break', async () => {
    const store = await NotesStore.open(tempDir());
    const text = '第一段文字，含有数字。\n\n第二段。';
    await store.annotate(
      { article: ARTICLE, start: 0, end: 4, note: '=WEBSERVICE("http://x")\n看这里' },
      text,
    );
    await store.bookmarkArticle(ARTICLE, { note: ' \r\n-1+2', tags: ['@标签'] });
    const [header, ...rows] = parseCsv(await store.export({ format: 'csv' }));
    const notes = rows.map((r) => r[header.indexOf('note')]).sort();
    expect(notes).toEqual(["' \r\n-1+2", '\'=WEBSERVICE("http://x")\n看这里']);
    expect(rows.map((r) => r[header.indexOf('tags')])).toContain("'@标签");
  });
});

describe('metrics CSV', () => {
  const row = (text: string, value: number | null, label: string | null): ExplorerRow => ({
    key: 'k',
    articleId: 'art-1',
    title: text,
    publication: '万州日报',
    date: '2024-07-02',
    occurrences: 1,
    qualifier: null,
    metric: { kind: 'growth', text, value, unit: '%', qualifier: null, label, start: 0, end: 4 },
  });
  const header = (column: string) => column;

  it('keeps negative numbers as numbers and defuses text that hides a formula', () => {
    const csv = metricsCsv([row('下降3.5%', -3.5, '=1+1\n工业'), row('-3.5%', -3.5, null)], 'zh', header);
    const [head, first, second] = parseCsv(csv);
    const at = (r: string[], name: string) => r[head.indexOf(name)];
    expect(at(first, 'colValue')).toBe('-3.5');
    expect(at(second, 'colValue')).toBe('-3.5');
    expect(csv).toContain(',-3.5,');
    expect(at(first, 'colLabel')).toBe("'=1+1\n工业");
    expect(at(second, 'colFigure')).toBe("'-3.5%");
  });

  it('property: text cells read back as the original text and never as a formula; values stay numbers', () => {
    fc.assert(
      fc.property(
        nastyText,
        nastyText,
        nastyText,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (text, label, title, value) => {
          const r = row(text, value, label);
          r.title = title;
          const [head, line] = parseCsv(metricsCsv([r], 'en', header));
          const at = (name: string) => line[head.indexOf(name)];
          // Every cell but the numeric ones: a spreadsheet reads -3.5 as the number it is.
          const numeric = new Set(['colValue', 'colValueTo', 'colOccurrences']);
          const texts = [...head, ...line.filter((_, i) => !numeric.has(head[i]))];
          for (const cell of texts) expect(readAsFormula(cell), JSON.stringify(cell)).toBe(false);
          expectNeutralised(at('colFigure'), text);
          expectNeutralised(at('colLabel'), label);
          expectNeutralised(at('colArticle'), title);
          expect(Number(at('colValue'))).toBe(value === 0 ? 0 : value);
          expect(at('colValue')).toBe(String(value));
        },
      ),
      { numRuns: 300 },
    );
  });
});
