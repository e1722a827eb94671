import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageNumber, type CitableArticle } from '../../src/shared/citation';
import {
  citationDate,
  citationKeys,
  citationText,
  toBibtex,
  toCslJson,
  toRis,
  type CslItem,
} from '../../src/shared/citation-formats';
import { exportNotes, NotesStore } from '../../src/main/core/notes/index';
import { ArchiveService } from '../../src/main/core/service';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

/** Citations as RIS, BibTeX and CSL-JSON: exact output, escaping for any text, and the service. */

const FULL: CitableArticle = {
  id: 'f1',
  title: '长江水位上涨 50% & 防汛 #要闻',
  authors: ['张明', '李华'],
  publication: '万州日报',
  date: '2024-07-02',
  page: '第1版',
  language: 'zh',
};
const FULL_KEY = 'news-20240702-14226d78';
const TITLE_ONLY: CitableArticle = { title: '只有标题的报道' };

// ---------------------------------------------------------------------------------------------
// A tiny BibTeX reader: it counts braces the way BibTeX does (a backslash does not escape one).

interface BibEntry {
  type: string;
  key: string;
  fields: Map<string, string>;
}

function readBibtex(text: string): BibEntry[] {
  const entries: BibEntry[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /\s/u.test(text[i])) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= text.length) return entries;
    const head = /^@(\w+)\{([A-Za-z0-9-]+),\n/u.exec(text.slice(i));
    if (!head) throw new Error(`no entry at ${i}: ${text.slice(i, i + 40)}`);
    i += head[0].length;
    const fields = new Map<string, string>();
    for (;;) {
      skipSpace();
      if (text[i] === '}') {
        i++;
        break;
      }
      const name = /^([a-z]+) = \{/u.exec(text.slice(i));
      if (!name) throw new Error(`no field at ${i}: ${text.slice(i, i + 40)}`);
      i += name[0].length;
      const start = i;
      let depth = 1;
      while (depth > 0) {
        const c = text[i++];
        if (c === undefined) throw new Error(`unbalanced braces in ${name[1]}`);
        if (c === '{') depth++;
        else if (c === '}') depth--;
      }
      if (fields.has(name[1])) throw new Error(`field ${name[1]} twice`);
      fields.set(name[1], text.slice(start, i - 1));
      skipSpace();
      if (text[i] === ',') i++;
    }
    entries.push({ type: head[1], key: head[2], fields });
  }
}

const UNESCAPES: Record<string, string> = {
  textbackslash: '\\',
  textbraceleft: '{',
  textbraceright: '}',
  textasciitilde: '~',
  textasciicircum: '^',
};

/** Undoes the escaping; throws when a special character was left unescaped. */
function unescapeBibtex(value: string): string {
  const bare = value.replace(/\\(?:[a-z]+\{\}|[%&#_${}])/gu, '');
  if (/[\\{}%&#_$~^]/u.test(bare)) throw new Error(`unescaped special character in ${value}`);
  return value.replace(/\\(?:([a-z]+)\{\}|([%&#_${}]))/gu, (_, command: string | undefined, char: string) =>
    command ? UNESCAPES[command] : char,
  );
}

/** A braced (case-protected) value: `{…}`. */
function unbrace(value: string): string {
  expect(value.startsWith('{') && value.endsWith('}'), value).toBe(true);
  return unescapeBibtex(value.slice(1, -1));
}

/** `{A} and {B}`, split where the braces are closed. */
function names(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '{') depth++;
    else if (value[i] === '}') depth--;
    else if (depth === 0 && value.startsWith(' and ', i)) {
      parts.push(value.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(value.slice(start));
  return parts.map(unbrace);
}

function risRecords(ris: string): string[][] {
  expect(ris.replace(/\r\n/gu, '')).not.toMatch(/[\r\n]/u);
  if (!ris) return [];
  return ris
    .slice(0, -2)
    .split('\r\n\r\n')
    .map((record) => record.split('\r\n'));
}

// ---------------------------------------------------------------------------------------------

describe('citation formats: exact output', () => {
  it('writes a fully known article as RIS with CRLF line ends', () => {
    expect(toRis([FULL])).toBe(
      [
        'TY  - NEWS',
        'TI  - 长江水位上涨 50% & 防汛 #要闻',
        'AU  - 张明',
        'AU  - 李华',
        'T2  - 万州日报',
        'DA  - 2024/07/02/',
        'PY  - 2024',
        'SP  - 1',
        'LA  - zh',
        'ER  - ',
        '',
      ].join('\r\n'),
    );
  });

  it('writes a fully known article as a BibTeX @article with entrysubtype newspaper', () => {
    expect(toBibtex([FULL])).toBe(
      [
        `@article{${FULL_KEY},`,
        '  author = {{张明} and {李华}},',
        '  title = {{长江水位上涨 50\\% \\& 防汛 \\#要闻}},',
        '  journal = {万州日报},',
        '  entrysubtype = {newspaper},',
        '  date = {2024-07-02},',
        '  year = {2024},',
        '  pages = {1},',
        '  language = {zh}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a fully known article as CSL-JSON article-newspaper', () => {
    expect(JSON.parse(toCslJson([FULL]))).toEqual([
      {
        id: FULL_KEY,
        type: 'article-newspaper',
        title: '长江水位上涨 50% & 防汛 #要闻',
        author: [{ literal: '张明' }, { literal: '李华' }],
        'container-title': '万州日报',
        issued: { 'date-parts': [[2024, 7, 2]] },
        page: '1',
        language: 'zh',
      },
    ]);
    expect(toCslJson([FULL]).endsWith('}\n]\n')).toBe(true);
  });

  it('leaves out everything that is not known, in every format', () => {
    const [key] = citationKeys([TITLE_ONLY]);
    expect(key).toMatch(/^news-[0-9a-f]{8}$/u);
    expect(toRis([TITLE_ONLY])).toBe('TY  - NEWS\r\nTI  - 只有标题的报道\r\nER  - \r\n');
    expect(toBibtex([TITLE_ONLY])).toBe(
      `@article{${key},\n  title = {{只有标题的报道}},\n  entrysubtype = {newspaper}\n}\n`,
    );
    expect(JSON.parse(toCslJson([TITLE_ONLY]))).toEqual([
      { id: key, type: 'article-newspaper', title: '只有标题的报道' },
    ]);
  });

  it('handles partial dates and leaves out dates that are not dates', () => {
    const year = { title: '年', date: '2024' };
    const month = { title: '月', date: '2024-03' };
    const chinese = { title: '中文日期', date: '2023年8月25日' };
    const impossible = { title: '不存在的日子', date: '2024-02-30' };
    const words = { title: '文字', date: '去年夏天' };
    expect(citationDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(citationDate('2023-02-29')).toBeUndefined();

    expect(toRis([year, month])).toContain('DA  - 2024///\r\nPY  - 2024\r\n');
    expect(toRis([month])).toContain('DA  - 2024/03//\r\nPY  - 2024\r\n');
    expect(toRis([impossible, words])).not.toMatch(/DA {2}-|PY {2}-/u);

    const bib = readBibtex(toBibtex([year, month, chinese, impossible]));
    expect(bib.map((e) => e.fields.get('date'))).toEqual(['2024', '2024-03', '2023-08-25', undefined]);
    expect(bib.map((e) => e.fields.get('year'))).toEqual(['2024', '2024', '2023', undefined]);
    expect(bib.map((e) => e.key)).toEqual([
      expect.stringMatching(/^news-2024-/u),
      expect.stringMatching(/^news-202403-/u),
      expect.stringMatching(/^news-20230825-/u),
      expect.stringMatching(/^news-[0-9a-f]{8}$/u),
    ]);

    const csl = JSON.parse(toCslJson([year, month, chinese, words])) as CslItem[];
    expect(csl.map((c) => c.issued)).toEqual([
      { 'date-parts': [[2024]] },
      { 'date-parts': [[2024, 3]] },
      { 'date-parts': [[2023, 8, 25]] },
      undefined,
    ]);
  });

  it('escapes every BibTeX special character with balanced braces and keeps Chinese as UTF-8', () => {
    const tricky = { title: '{括号} \\ % & # _ $ ~ ^ 结束}', publication: '报_刊' };
    const [entry] = readBibtex(toBibtex([tricky]));
    expect(entry.fields.get('title')).toBe(
      '{\\textbraceleft{}括号\\textbraceright{} \\textbackslash{} \\% \\& \\# \\_ \\$ \\textasciitilde{} \\textasciicircum{} 结束\\textbraceright{}}',
    );
    expect(unbrace(entry.fields.get('title') ?? '')).toBe(tricky.title);
    expect(entry.fields.get('journal')).toBe('报\\_刊');
    // Braces that pair up are escaped the way pandoc and Zotero read back best.
    const [paired] = readBibtex(toBibtex([{ title: '{要闻} {a{b}c}' }]));
    expect(paired.fields.get('title')).toBe('{\\{要闻\\} \\{a\\{b\\}c\\}}');
    expect(unbrace(paired.fields.get('title') ?? '')).toBe('{要闻} {a{b}c}');
  });

  it('makes stable ASCII keys, unique within a file', () => {
    const a = { id: 'a', title: 'x' };
    expect(citationKeys([a])).toEqual(['news-e40c292c']); // FNV-1a of "a"
    const keys = citationKeys([a, { id: 'b', title: 'x' }, a, a]);
    expect(keys).toEqual(['news-e40c292c', expect.any(String), 'news-e40c292c-2', 'news-e40c292c-3']);
    expect(new Set(keys).size).toBe(4);
    // The same article gets the same key whatever else is in the file.
    expect(citationKeys([{ id: 'b', title: 'x' }])[0]).toBe(keys[1]);
    expect(citationKeys([{ ...FULL, id: '中文编号' }])[0]).toMatch(/^[a-z0-9-]+$/u);
  });
});

// ---------------------------------------------------------------------------------------------

const SPECIALS = [
  '{',
  '}',
  '%',
  '&',
  '#',
  '_',
  '$',
  '~',
  '^',
  '\\',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '  ',
  '"',
  '@',
  ',',
  '=',
  ' and ',
  'ER  - ',
  'TY  - ',
  '\u3000',
  '\u2028',
];
const CHINESE = [...'中文报纸科技创新北碚区政协，。“”《》'];
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...SPECIALS, ...CHINESE), maxLength: 30 }),
);
const article: fc.Arbitrary<CitableArticle> = fc.record(
  {
    id: fc.string({ maxLength: 20 }),
    title: text,
    authors: fc.array(text, { maxLength: 4 }),
    publication: text,
    date: fc.constantFrom('2024-03-01', '2024-03', '2024', '1998-12-31', 'bad', '2024-13-01'),
    page: text,
    language: fc.constantFrom('zh', 'en'),
  },
  { requiredKeys: ['title'] },
);
const articles = fc.array(article, { maxLength: 6 });

/** What every format should say for a field: the text as one clean line, or nothing. */
function expected(value: string | undefined): string | undefined {
  return citationText(value) || undefined;
}

describe('citation formats: any text', () => {
  it('BibTeX parses back, braces balanced, every field equal to the input after unescaping', () => {
    fc.assert(
      fc.property(articles, (list) => {
        const entries = readBibtex(toBibtex(list));
        expect(entries).toHaveLength(list.length);
        expect(new Set(entries.map((e) => e.key)).size).toBe(list.length);
        entries.forEach((entry, i) => {
          const a = list[i];
          expect(entry.type).toBe('article');
          expect(entry.key).toMatch(/^[a-z0-9-]+$/u);
          const title = entry.fields.get('title');
          expect(title === undefined ? undefined : unbrace(title)).toBe(expected(a.title));
          const journal = entry.fields.get('journal');
          expect(journal === undefined ? undefined : unescapeBibtex(journal)).toBe(expected(a.publication));
          const pages = entry.fields.get('pages');
          expect(pages === undefined ? undefined : unescapeBibtex(pages)).toBe(expected(pageNumber(a.page)));
          const author = entry.fields.get('author');
          expect(author === undefined ? [] : names(author)).toEqual(
            (a.authors ?? []).map((n) => citationText(n)).filter(Boolean),
          );
          expect(entry.fields.get('entrysubtype')).toBe('newspaper');
        });
      }),
      { numRuns: 300 },
    );
  });

  it('RIS records start with TY  - NEWS, end with ER  - , and hold one line per tag', () => {
    fc.assert(
      fc.property(articles, (list) => {
        const records = risRecords(toRis(list));
        expect(records).toHaveLength(list.length);
        records.forEach((lines, i) => {
          expect(lines[0]).toBe('TY  - NEWS');
          expect(lines[lines.length - 1]).toBe('ER  - ');
          for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /u);
          const tag = (name: string): string[] =>
            lines.filter((l) => l.startsWith(`${name}  - `)).map((l) => l.slice(6));
          expect(tag('TI')).toEqual([expected(list[i].title)].filter(Boolean));
          expect(tag('T2')).toEqual([expected(list[i].publication)].filter(Boolean));
          expect(tag('AU')).toEqual((list[i].authors ?? []).map((n) => citationText(n)).filter(Boolean));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('CSL-JSON is valid JSON whose fields equal the input', () => {
    fc.assert(
      fc.property(articles, (list) => {
        const items = JSON.parse(toCslJson(list)) as CslItem[];
        expect(items).toHaveLength(list.length);
        items.forEach((item, i) => {
          const a = list[i];
          expect(item.type).toBe('article-newspaper');
          expect(item.title).toBe(expected(a.title));
          expect(item['container-title']).toBe(expected(a.publication));
          expect(item.page).toBe(expected(pageNumber(a.page)));
          expect(item.language).toBe(expected(a.language));
          expect(item.author?.map((n) => n.literal) ?? []).toEqual(
            (a.authors ?? []).map((n) => citationText(n)).filter(Boolean),
          );
          const date = citationDate(a.date);
          expect(item.issued?.['date-parts'][0]).toEqual(
            date ? [date.year, date.month, date.day].filter((n) => n !== undefined) : undefined,
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps one-line text exactly as given', () => {
    const oneLine = fc
      .string({ unit: 'grapheme', minLength: 1 })
      .filter((s) => s === citationText(s) && !/[\\{}%&#_$~^]/u.test(s));
    fc.assert(
      fc.property(oneLine, oneLine, (title, paper) => {
        const [item] = JSON.parse(toCslJson([{ title, publication: paper }])) as CslItem[];
        expect([item.title, item['container-title']]).toEqual([title, paper]);
        expect(toRis([{ title }])).toContain(`\r\nTI  - ${title}\r\n`);
        expect(toBibtex([{ title }])).toContain(`  title = {{${title}}}`);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('citation export of notes and search results', () => {
  it('cites the bookmarked and annotated articles of the scope once each, and no saved search', async () => {
    const store = await NotesStore.open(tempDir());
    const flood = {
      id: 'flood',
      title: FULL.title,
      authors: ['张明', '李华'],
      publication: '万州日报',
      date: '2024-07-02',
      page: '第1版',
      text: '长江水位上涨，防汛进入关键期。',
    };
    const traffic = {
      id: 'traffic',
      title: '春运交通安排出炉',
      publication: '涪陵日报',
      date: '2024-01-20',
      page: '2',
    };
    await store.bookmarkArticle(flood, { tags: ['防汛'] });
    await store.annotate({ article: flood, start: 0, end: 6 }, flood.text);
    const note = await store.annotate(
      { article: { ...traffic }, start: 0, end: 4 },
      '春运交通安排出炉，全市增开班次。',
    );
    await store.saveSearch({ query: '防汛', options: {} }, {});
    const data = await store.read();

    const all = JSON.parse(exportNotes(data, { format: 'csl' })) as CslItem[];
    // Oldest first, like the other exports; the annotation's article too; the saved search not.
    expect(all.map((c) => c.title)).toEqual([traffic.title, flood.title]);
    expect(all[1].author).toEqual([{ literal: '张明' }, { literal: '李华' }]);
    expect(all[0]).toMatchObject({ 'container-title': '涪陵日报', page: '2', language: 'zh' });

    // Fresh metadata from the archive wins, but a summary without a byline keeps the authors.
    const fresh = [
      { id: 'flood', title: '长江水位上涨（更正）', publication: '万州日报', date: '2024-07-03' },
    ];
    const ris = exportNotes(data, { format: 'ris', scope: { kind: 'tag', tag: '防汛' }, articles: fresh });
    expect(risRecords(ris)).toHaveLength(1);
    expect(ris).toContain('TI  - 长江水位上涨（更正）\r\nAU  - 张明\r\nAU  - 李华\r\n');
    expect(ris).toContain('DA  - 2024/07/03/');

    const selected = exportNotes(data, { format: 'bibtex', scope: { kind: 'annotations', ids: [note.id] } });
    const entries = readBibtex(selected);
    expect(entries.map((e) => e.fields.get('title'))).toEqual([`{${traffic.title}}`]);
  });

  it('search:cite returns one record per hit in the order of the search, with bylines and metadata', async () => {
    const other = tempDir();
    mkdirSync(path.join(other, '2024'), { recursive: true });
    writeFileSync(
      path.join(other, '2024', '2024-03-01_测试报_02.txt'),
      '科技创新的测试报道\n本报记者 王小明\n这是测试报上关于科技创新的一篇报道。\n',
    );
    const service = new ArchiveService({ archiveDirs: [SAMPLE_ARCHIVE, other], dataDir: tempDir() });
    try {
      const found = await service.handle('search:query', { query: '科技创新', limit: 100 });
      expect(found.total).toBeGreaterThan(3);
      const cited = await service.handle('search:cite', { query: '科技创新', format: 'csl' });
      expect(cited.fileName).toMatch(/^newsstack-citations-\d{4}-\d{2}-\d{2}\.csl\.json$/u);
      const items = JSON.parse(cited.content ?? '') as CslItem[];
      expect(items.map((c) => c.title)).toEqual(found.hits.map((h) => citationText(h.title)));
      expect(items.every((c) => c.type === 'article-newspaper' && c.language === 'zh')).toBe(true);
      // Bylines come from the full article, not from the hit.
      expect(items.find((c) => c.title === '科技创新为高质量发展赋能蓄力')?.author).toEqual([
        { literal: '黄虹' },
      ]);
      expect(items.find((c) => c.title === '科技创新的测试报道')).toMatchObject({
        'container-title': '测试报',
        issued: { 'date-parts': [[2024, 3, 1]] },
        page: '2',
      });

      const ris = await service.handle('search:cite', { query: '科技创新', format: 'ris', limit: 2 });
      expect(ris.fileName.endsWith('.ris')).toBe(true);
      expect(ris.mime).toMatch(/^application\/x-research-info-systems/u);
      const records = risRecords(ris.content ?? '');
      expect(records.map((r) => r.find((l) => l.startsWith('TI  - '))?.slice(6))).toEqual(
        found.hits.slice(0, 2).map((h) => citationText(h.title)),
      );

      const oldest = await service.handle('search:query', { query: '科技创新', sort: 'oldest', limit: 100 });
      const bib = await service.handle('search:cite', {
        query: '科技创新',
        format: 'bibtex',
        sort: 'oldest',
      });
      expect(readBibtex(bib.content ?? '').map((e) => unbrace(e.fields.get('title') ?? ''))).toEqual(
        oldest.hits.map((h) => citationText(h.title)),
      );

      await expect(service.handle('search:cite', { query: '科技创新', format: 'endnote' })).rejects.toThrow();
      const none = await service.handle('search:cite', { query: '没有这样的词语组合', format: 'ris' });
      expect(none.content).toBe('');
    } finally {
      await service.close();
    }
  });

  it('search:cite saves through the host when asked to and the host can', async () => {
    const saved: { name: string; content: string }[] = [];
    const service = new ArchiveService({
      archiveDirs: [SAMPLE_ARCHIVE],
      dataDir: tempDir(),
      saveFile: async (name, content) => {
        saved.push({ name, content });
        return `/chosen/${name}`;
      },
    });
    try {
      const result = await service.handle('search:cite', { query: '双减', format: 'bibtex', save: true });
      expect(result).toMatchObject({ savedTo: `/chosen/${result.fileName}` });
      expect(result.content).toBeUndefined();
      expect(saved).toHaveLength(1);
      expect(readBibtex(saved[0].content)).toHaveLength(1);
    } finally {
      await service.close();
    }
  });
});
