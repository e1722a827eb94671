import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { NotesStore } from '../../src/main/core/notes/index';
import { cli } from './helpers/cli';
import { tempDir } from './helpers/tmp';

/** `notes export` and `notes import` from the command line: a round trip between two data folders. */

interface Article {
  id: string;
  title: string;
  text: string;
  publication?: string;
  date?: string;
  page?: string;
}

interface WebAnnotation {
  id: string;
  type: string;
  motivation: string;
  target: { source: string; selector?: { type: string; exact?: string }[] };
  body?: { value: string; purpose: string }[];
}

interface Collection {
  type: string;
  total: number;
  first: { items: WebAnnotation[] };
}

function items(json: string): WebAnnotation[] {
  const collection = JSON.parse(json) as Collection;
  expect(collection.type).toBe('AnnotationCollection');
  expect(collection.first.items).toHaveLength(collection.total);
  return [...collection.first.items].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Notes made through the store, on real articles of the bundled archive. */
async function makeNotes(data: string): Promise<{ articles: Article[] }> {
  const listed = await cli(['articles', '--data', data, '--json']);
  expect(listed.code, listed.stderr).toBe(0);
  const ids = (JSON.parse(listed.stdout) as { id: string }[]).slice(0, 3).map((a) => a.id);
  const articles: Article[] = [];
  for (const id of ids) {
    const shown = await cli(['article', id, '--data', data, '--json']);
    articles.push(JSON.parse(shown.stdout) as Article);
  }
  const store = await NotesStore.open(data);
  const [first, second, third] = articles;
  await store.bookmarkArticle(first, { tags: ['往返', '科技'], note: '书签的笔记，含逗号, 和 "引号"' });
  await store.bookmarkArticle(second, { tags: ['往返'] });
  await store.annotate({ article: first, start: 2, end: 12, color: 'green', note: '第一条批注' }, first.text);
  await store.annotate({ article: first, start: 20, end: 26, tags: ['往返'] }, first.text);
  await store.annotate(
    { article: third, start: 0, end: 8, color: 'pink', note: '=1+2 不是公式' },
    third.text,
  );
  const gone = await store.annotate({ article: second, start: 0, end: 4, note: '删掉的' }, second.text);
  await store.deleteAnnotation(gone.id);
  await store.saveSearch({ query: '双减', options: {} }, { tags: ['往返'], note: '保存的检索' });
  return { articles };
}

describe('CLI notes export and import', () => {
  it('JSON exported from one data folder and imported into another exports the same again', async () => {
    const from = tempDir();
    const to = tempDir();
    const out = path.join(tempDir(), 'notes.json');
    const { articles } = await makeNotes(from);

    const exported = await cli(['notes', 'export', '--format', 'json', '--out', out, '--data', from]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toBe('');
    const original = items(readFileSync(out, 'utf8'));
    // Three bookmarks (two articles, one search) and three live annotations; the deleted one is not exported.
    expect(original).toHaveLength(6);
    expect(original.filter((i) => i.motivation === 'bookmarking')).toHaveLength(3);
    expect(original.some((i) => i.body?.some((b) => b.value === '删掉的'))).toBe(false);

    const imported = await cli(['notes', 'import', out, '--data', to, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ added: 6, updated: 0, unchanged: 0, skipped: 0 });

    const again = await cli(['notes', 'export', '--format', 'json', '--data', to]);
    expect(again.code, again.stderr).toBe(0);
    expect(items(again.stdout)).toEqual(original);

    // Importing the same file again adds nothing.
    const twice = await cli(['notes', 'import', out, '--data', to, '--json']);
    expect(JSON.parse(twice.stdout)).toEqual({ added: 0, updated: 0, unchanged: 6, skipped: 0 });
    const store = await NotesStore.open(to);
    const data = await store.read();
    expect(data.bookmarks).toHaveLength(3);
    expect(data.annotations).toHaveLength(3);
    // Imported annotations still sit on their passages.
    const first = articles[0];
    const green = data.annotations.find((a) => a.note === '第一条批注');
    expect(green?.selector.quote.exact).toBe(first.text.slice(2, 12));
    expect(green?.color).toBe('green');
  });

  it('an import whose timestamps are impossible keeps the stored notes and says which and why', async () => {
    const data = tempDir();
    const out = path.join(tempDir(), 'notes.json');
    await makeNotes(data);
    expect((await cli(['notes', 'export', '--format', 'json', '--out', out, '--data', data])).code).toBe(0);
    const tampered = readFileSync(out, 'utf8')
      .replace(/"modified": *"[^"]*"/gu, '"modified": "9999-12-31T00:00:00Z"')
      .replace('书签的笔记', '被改掉的笔记');
    writeFileSync(out, tampered);
    const imported = await cli(['notes', 'import', out, '--data', data]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^added 0, updated 0, unchanged 6, skipped 0$/mu);
    expect(imported.stdout).toMatch(
      /^kept the stored bookmark .*modified "9999-12-31T00:00:00Z" is in-the-future$/mu,
    );
    const store = await NotesStore.open(data);
    expect((await store.read()).bookmarks.map((b) => b.note)).toContain('书签的笔记，含逗号, 和 "引号"');
  });

  it('exports Markdown with citations, and CSV with a BOM, by tag', async () => {
    const data = tempDir();
    const { articles } = await makeNotes(data);
    const md = await cli(['notes', 'export', '--format', 'md', '--tag', '往返', '--data', data]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain(`## ${articles[0].title}`);
    expect(md.stdout).toContain(`${articles[0].title}[N].`);
    expect(md.stdout).toContain('第一条批注');
    expect(md.stdout).toContain('检索「双减」');
    // The third article has neither the tag nor a tagged bookmark.
    expect(md.stdout).not.toContain('不是公式');

    const out = path.join(tempDir(), 'notes.csv');
    const csv = await cli(['notes', 'export', '--format', 'csv', '--out', out, '--data', data]);
    expect(csv.code, csv.stderr).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.type).sort()).toEqual([
      'annotation',
      'annotation',
      'annotation',
      'bookmark',
      'bookmark',
      'search',
    ]);
    expect(parsed.data.find((r) => r.type === 'bookmark' && r.note)?.note).toBe(
      '书签的笔记，含逗号, 和 "引号"',
    );
    // A note that looks like a formula is neutralised for spreadsheets.
    expect(parsed.data.some((r) => r.note === "'=1+2 不是公式")).toBe(true);
  });

  it('says what is wrong with a bad command line or file', async () => {
    const data = tempDir();
    const noFormat = await cli(['notes', 'export', '--data', data]);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toMatch(/--format/);
    const notJson = path.join(tempDir(), 'bad.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(notJson, '这不是 JSON'));
    const bad = await cli(['notes', 'import', notJson, '--data', data]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^error: /);
  });
});
