import { Parser } from 'htmlparser2';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  citeArticle,
  exportNotes,
  NotesStore,
  parseWebAnnotations,
  type ArticleMeta,
  type NotesData,
} from '../../src/main/core/notes/index';
import { tempDir } from './helpers/tmp';

function fakeClock(start = Date.UTC(2026, 0, 1)): () => Date {
  let t = start;
  return () => new Date((t += 60_000));
}

/** Archive text that would be markup if it were not escaped. */
const NASTY_TITLE = '<script>alert("标题")</script> & 防汛 #要闻';
const NASTY_TEXT =
  '据悉，<img src=x onerror=alert(1)>长江水位上涨 & "警戒"，\n\n# 不是标题 *也不是强调* ==非高亮== $x$ | 表格 |\n\n=SUM(A1) 开头的段落，含逗号,与换行。';

const floodMeta: ArticleMeta = {
  id: 'f1',
  title: NASTY_TITLE,
  publication: '万州日报',
  date: '2024-07-02',
  page: '第1版',
  authors: ['张明', '李华'],
};
const trafficMeta: ArticleMeta = {
  id: 't1',
  title: '春运交通安排出炉',
  publication: '涪陵日报',
  date: '2024-01-20',
  page: '2',
};

async function sampleStore(): Promise<{ store: NotesStore; ids: Record<string, string> }> {
  const store = await NotesStore.open(tempDir(), { now: fakeClock() });
  const q = (quote: string) => ({
    start: NASTY_TEXT.indexOf(quote),
    end: NASTY_TEXT.indexOf(quote) + quote.length,
  });
  const b = await store.bookmarkArticle(floodMeta, {
    tags: ['防汛', '要闻 汇总'],
    note: '书签备注 <b>粗</b>',
  });
  const a1 = await store.annotate(
    {
      article: floodMeta,
      ...q('<img src=x onerror=alert(1)>长江水位上涨 & "警戒"'),
      color: 'pink',
      note: '笔记 <i>斜</i>\n第二行',
      tags: ['数据'],
    },
    NASTY_TEXT,
  );
  const a2 = await store.annotate(
    { article: floodMeta, ...q('# 不是标题 *也不是强调* ==非高亮== $x$ | 表格 |') },
    NASTY_TEXT,
  );
  const a3 = await store.annotate(
    { article: floodMeta, ...q('=SUM(A1) 开头的段落，含逗号,与换行。') },
    NASTY_TEXT,
  );
  const tText = '春运期间，全区增开客运班次。';
  const t1 = await store.annotate({ article: trafficMeta, start: 0, end: 4, color: 'blue' }, tText);
  const s = await store.saveSearch(
    { query: '防汛 水位', options: { limit: 20 } },
    { tags: ['防汛'], note: '每周看' },
  );
  // One annotation whose passage is gone: it must still be exported, marked.
  await store.reanchor([{ ...trafficMeta, text: '内容全部改写了。' }]);
  return { store, ids: { b: b.id, a1: a1.id, a2: a2.id, a3: a3.id, t1: t1.id, s: s.id } };
}

const MOTIVATIONS = new Set([
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
]);
const isIri = (v: unknown) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v);

/** The Web Annotation Data Model's MUSTs for what we write (sections 3.1–4.2). */
function checkWebAnnotation(item: Record<string, unknown>): void {
  expect(isIri(item.id)).toBe(true);
  expect(item.type).toBe('Annotation');
  expect(item.target).toBeDefined();
  if (item.motivation !== undefined) expect(MOTIVATIONS.has(item.motivation as string)).toBe(true);
  for (const key of ['created', 'modified']) {
    if (item[key] !== undefined) expect(new Date(item[key] as string).toISOString()).toBe(item[key]);
  }
  for (const body of (item.body as Record<string, unknown>[] | undefined) ?? []) {
    expect(body.type).toBe('TextualBody');
    expect(typeof body.value).toBe('string');
  }
  const targets = Array.isArray(item.target) ? item.target : [item.target];
  for (const target of targets as Record<string, unknown>[]) {
    expect(isIri(target.source)).toBe(true);
    for (const selector of (target.selector as Record<string, unknown>[] | undefined) ?? []) {
      if (selector.type === 'TextQuoteSelector') expect(typeof selector.exact).toBe('string');
      else if (selector.type === 'TextPositionSelector') {
        expect(Number.isInteger(selector.start) && Number.isInteger(selector.end)).toBe(true);
        expect(selector.end as number).toBeGreaterThanOrEqual(selector.start as number);
      } else throw new Error(`unexpected selector ${String(selector.type)}`);
    }
  }
}

describe('citation', () => {
  it('follows GB/T 7714 for newspapers, leaving out what is unknown', () => {
    expect(citeArticle({ ...floodMeta, title: '数字革命与竞争国际化' })).toBe(
      '张明, 李华. 数字革命与竞争国际化[N]. 万州日报, 2024-07-02(1).',
    );
    expect(citeArticle({ id: 'x', title: '题', authors: ['甲', '乙', '丙', '丁'], date: '2024-01-01' })).toBe(
      '甲, 乙, 丙, 等. 题[N]. 2024-01-01.',
    );
    expect(citeArticle({ id: 'x', title: '只有标题' })).toBe('只有标题[N].');
  });
});

describe('notes export', () => {
  it('Markdown: grouped by article, citation, quotes as blockquotes, nothing from the archive as markup', async () => {
    const { store } = await sampleStore();
    const md = await store.export({ format: 'md' });
    const headings = md.split('\n').filter((l) => /^#{1,6}\s/.test(l));
    expect(headings).toEqual([
      '# Newsstack 笔记',
      '## 春运交通安排出炉',
      '## \\<script\\>alert("标题")\\</script\\> \\& 防汛 \\#要闻',
      '## 保存的搜索',
    ]);
    expect(md).toContain(
      '张明, 李华. \\<script\\>alert("标题")\\</script\\> \\& 防汛 \\#要闻[N]. 万州日报, 2024-07-02(1).',
    );
    expect(md).toContain('标签：#防汛 #要闻_汇总');
    expect(md).toContain('> \\# 不是标题 \\*也不是强调\\* \\=\\=非高亮\\=\\= \\$x\\$ \\| 表格 \\|');
    expect(md).toContain('> \\<img src\\=x onerror\\=alert(1)\\>');
    expect(md).toContain('原文已改动，未能重新定位');
    expect(md).toContain('- 检索「防汛 水位」：每周看');
    // Every '<' from the archive or a note is backslash-escaped, so none opens a tag.
    expect(md).not.toMatch(/(^|[^\\])<(script|img|b|i)\b/m);
  });

  it('JSON: a W3C Web Annotation collection with every required field; bookmarks as bookmarking', async () => {
    const { store, ids } = await sampleStore();
    const doc = JSON.parse(await store.export({ format: 'json' })) as Record<string, unknown>;
    expect(doc['@context']).toContain('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    const page = doc.first as { type: string; items: Record<string, unknown>[] };
    expect(page.type).toBe('AnnotationPage');
    expect(doc.total).toBe(page.items.length);
    expect(page.items).toHaveLength(6);
    page.items.forEach(checkWebAnnotation);

    const byId = new Map(page.items.map((i) => [i.id as string, i]));
    const a1 = byId.get(`urn:uuid:${ids.a1}`) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(a1.motivation).toBe('commenting');
    expect(a1.target.source).toBe('urn:newsstack:article:f1');
    expect(a1.target.selector.map((s: { type: string }) => s.type)).toEqual([
      'TextQuoteSelector',
      'TextPositionSelector',
    ]);
    expect(a1.target.selector[0].exact).toBe('<img src=x onerror=alert(1)>长江水位上涨 & "警戒"');
    expect(a1.body).toEqual([
      { type: 'TextualBody', value: '笔记 <i>斜</i>\n第二行', format: 'text/plain', purpose: 'commenting' },
      { type: 'TextualBody', value: '数据', purpose: 'tagging' },
    ]);
    expect(byId.get(`urn:uuid:${ids.a2}`)?.motivation).toBe('highlighting');
    const bookmark = byId.get(`urn:uuid:${ids.b}`) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(bookmark.motivation).toBe('bookmarking');
    expect(bookmark.target).toEqual({ source: 'urn:newsstack:article:f1' });
    const search = byId.get(`urn:uuid:${ids.s}`) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(search.target.source).toBe(`urn:newsstack:search?q=${encodeURIComponent('防汛 水位')}`);
    expect(search.newsstack.search).toEqual({ query: '防汛 水位', options: { limit: 20 } });
  });

  it('CSV: UTF-8 with BOM, one row per item, parsed back cell for cell; formulas are defused', async () => {
    const { store, ids } = await sampleStore();
    const csv = await store.export({ format: 'csv' });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const rows = new Map(parsed.data.map((r) => [r.id, r]));
    expect(parsed.data.map((r) => r.type).sort()).toEqual([
      'annotation',
      'annotation',
      'annotation',
      'annotation',
      'bookmark',
      'search',
    ]);
    expect(rows.get(ids.a1)).toMatchObject({
      article_id: 'f1',
      title: NASTY_TITLE,
      authors: '张明; 李华',
      quote: '<img src=x onerror=alert(1)>长江水位上涨 & "警戒"',
      note: '笔记 <i>斜</i>\n第二行',
      color: 'pink',
      status: 'anchored',
      citation: `张明, 李华. ${NASTY_TITLE}[N]. 万州日报, 2024-07-02(1).`,
    });
    expect(rows.get(ids.a3)?.quote).toBe("'=SUM(A1) 开头的段落，含逗号,与换行。");
    expect(rows.get(ids.t1)?.status).toBe('orphaned');
    expect(rows.get(ids.s)).toMatchObject({ type: 'search', query: '防汛 水位', note: '每周看' });
  });

  it('HTML: a printable page with no scripts and no unescaped archive text', async () => {
    const { store } = await sampleStore();
    const html = await store.export({ format: 'html', title: '我的<笔记>' });
    for (const raw of [NASTY_TITLE, '<img src=x onerror=alert(1)>', '<b>粗</b>', '<i>斜</i>', '我的<笔记>']) {
      expect(html).not.toContain(raw);
    }
    const tags: string[] = [];
    const attributes: string[] = [];
    let text = '';
    const parser = new Parser(
      {
        onopentag: (name, attrs) => {
          tags.push(name);
          attributes.push(...Object.keys(attrs));
        },
        ontext: (t) => (text += t),
      },
      { decodeEntities: true },
    );
    parser.write(html);
    parser.end();
    expect(tags).not.toContain('script');
    expect(tags).not.toContain('img');
    expect(attributes.filter((a) => a.startsWith('on'))).toEqual([]);
    // The escaped text reads back as the archive wrote it.
    expect(text).toContain(NASTY_TITLE);
    expect(text).toContain('<img src=x onerror=alert(1)>长江水位上涨 & "警戒"');
    expect(html).toContain("default-src 'none'");
  });

  it('scopes: a tag, a list of article ids, a selection of annotations', async () => {
    const { store, ids } = await sampleStore();
    const data = await store.read();
    const itemIds = (scope: Parameters<typeof exportNotes>[1]['scope']) =>
      (JSON.parse(exportNotes(data, { format: 'json', scope })).first.items as { id: string }[])
        .map((i) => i.id.replace('urn:uuid:', ''))
        .sort();
    expect(itemIds({ kind: 'tag', tag: '防汛' })).toEqual([ids.a1, ids.a2, ids.a3, ids.b, ids.s].sort());
    expect(itemIds({ kind: 'tag', tag: '数据' })).toEqual([ids.a1]);
    expect(itemIds({ kind: 'articles', ids: ['t1'] })).toEqual([ids.t1]);
    expect(itemIds({ kind: 'annotations', ids: [ids.a2, ids.t1] })).toEqual([ids.a2, ids.t1].sort());
    const md = exportNotes(data, { format: 'md', scope: { kind: 'articles', ids: ['t1'] } });
    expect(md).toContain('## 春运交通安排出炉');
    expect(md).not.toContain('万州日报');
  });

  it('prefers current article metadata when the caller passes the archive’s articles', async () => {
    const { store } = await sampleStore();
    const data = await store.read();
    const md = exportNotes(data, {
      format: 'md',
      scope: { kind: 'articles', ids: ['t1'] },
      articles: [{ ...trafficMeta, authors: ['王五'], text: '正文', paragraphs: ['正文'] } as ArticleMeta],
    });
    expect(md).toContain('王五. 春运交通安排出炉[N]. 涪陵日报, 2024-01-20(2).');
    expect(exportNotes(data, { format: 'md' })).toBe(exportNotes(data, { format: 'md' }));
  });
});

describe('notes import', () => {
  const strip = (d: NotesData) => ({
    bookmarks: d.bookmarks.map(({ modified: _m, ...b }) => b).sort((a, b) => a.id.localeCompare(b.id)),
    annotations: d.annotations.map(({ modified: _m, ...a }) => a).sort((a, b) => a.id.localeCompare(b.id)),
  });

  it('round-trips the JSON export into an empty store, and importing again adds nothing', async () => {
    const { store } = await sampleStore();
    const json = await store.export({ format: 'json' });
    const target = await NotesStore.open(tempDir());
    expect(await target.importJson(json)).toEqual({ added: 6, updated: 0, unchanged: 0, skipped: 0 });
    expect(strip(await target.read())).toEqual(strip(await store.read()));
    expect(await target.importJson(json)).toEqual({ added: 0, updated: 0, unchanged: 6, skipped: 0 });
    expect(await store.importJson(json)).toEqual({ added: 0, updated: 0, unchanged: 6, skipped: 0 });
    expect((await target.read()).annotations).toHaveLength(4);
  });

  it('the newer side wins; the same passage with another id is not duplicated', async () => {
    const { store, ids } = await sampleStore();
    const older = await store.export({ format: 'json' });
    await store.updateAnnotation(ids.a1, { note: '更新后的笔记' });
    expect(await store.importJson(older)).toMatchObject({ added: 0, updated: 0 });
    expect((await store.listAnnotations()).find((a) => a.id === ids.a1)?.note).toBe('更新后的笔记');

    const other = await NotesStore.open(tempDir());
    await other.importJson(older);
    expect(await other.importJson(await store.export({ format: 'json' }))).toMatchObject({
      updated: 1,
      added: 0,
    });
    expect((await other.listAnnotations()).find((a) => a.id === ids.a1)?.note).toBe('更新后的笔记');

    // Another tool's export of the same highlight (different id, no newsstack data).
    const foreign = JSON.parse(older).first.items.find((i: { id: string }) => i.id === `urn:uuid:${ids.a2}`);
    delete foreign.newsstack;
    foreign.id = 'https://example.org/anno/42';
    expect(await other.importJson(JSON.stringify(foreign))).toMatchObject({ added: 0, unchanged: 1 });
  });

  it('rejects what is not Web Annotation JSON, and skips items it cannot use', () => {
    expect(() => parseWebAnnotations('not json')).toThrow(/not JSON/);
    expect(() => parseWebAnnotations('{"hello": 1}')).toThrow(/no Web Annotations/);
    const parsed = parseWebAnnotations(
      JSON.stringify([
        { id: 'urn:x:1', type: 'Annotation', target: 'https://example.org/page' },
        {
          id: 'urn:x:2',
          type: 'Annotation',
          target: {
            source: 'urn:newsstack:article:abc',
            selector: { type: 'TextQuoteSelector', exact: '引文' },
          },
        },
      ]),
    );
    expect(parsed.skipped).toBe(1);
    expect(parsed.annotations[0]).toMatchObject({ id: 'urn:x:2', article: { id: 'abc' }, color: 'yellow' });
  });
});
