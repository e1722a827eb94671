import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotesStore } from '../../src/main/core/notes/index';
import { cli } from './helpers/cli';
import { tempDir } from './helpers/tmp';

/** `search QUERY --cite FORMAT` and `notes export --format ris|bibtex|csl` from the command line. */

interface Hit {
  id: string;
  title: string;
}

describe('CLI citation export', () => {
  it('search --cite ris prints one RIS record per hit, in the order of the search', async () => {
    const data = tempDir();
    const searched = await cli(['search', '科技创新', '--data', data, '--json', '--limit', '100']);
    expect(searched.code, searched.stderr).toBe(0);
    const hits = (JSON.parse(searched.stdout) as { hits: Hit[] }).hits;
    expect(hits.length).toBeGreaterThan(2);

    const cited = await cli(['search', '科技创新', '--cite', 'ris', '--data', data]);
    expect(cited.code, cited.stderr).toBe(0);
    expect(cited.stdout.startsWith('TY  - NEWS\r\n')).toBe(true);
    expect(cited.stdout.endsWith('ER  - \r\n')).toBe(true);
    const records = cited.stdout.slice(0, -2).split('\r\n\r\n');
    expect(records).toHaveLength(hits.length);
    expect(records.map((r) => /^TI {2}- (.*)$/mu.exec(r)?.[1].replace(/\r$/u, ''))).toEqual(
      hits.map((h) => h.title),
    );
    for (const r of records) expect(r.endsWith('ER  - ')).toBe(true);
    // The byline of the full article is cited, not just what the hit shows.
    expect(cited.stdout).toContain('TI  - 科技创新为高质量发展赋能蓄力\r\nAU  - 黄虹\r\n');

    const two = await cli(['search', '科技创新', '--cite', 'csl', '--limit', '2', '--data', data]);
    expect((JSON.parse(two.stdout) as { title: string }[]).map((c) => c.title)).toEqual(
      hits.slice(0, 2).map((h) => h.title),
    );

    const out = path.join(tempDir(), 'hits.bib');
    const written = await cli(['search', '科技创新', '--cite', 'bibtex', '--out', out, '--data', data]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain(`wrote ${out}`);
    expect(readFileSync(out, 'utf8').match(/^@article\{/gmu)).toHaveLength(hits.length);
  });

  it('refuses an unknown citation format and --offset with --cite', async () => {
    const data = tempDir();
    const bad = await cli(['search', '科技创新', '--cite', 'endnote', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--cite must be ris, bibtex or csl/u);
    const offset = await cli(['search', '科技创新', '--cite', 'ris', '--offset', '5', '--data', data]);
    expect(offset.code).toBe(2);
    const badNotes = await cli(['notes', 'export', '--format', 'endnote', '--data', data]);
    expect(badNotes.code).toBe(2);
    expect(badNotes.stderr).toMatch(/ris, bibtex or csl/u);
  });

  it('notes export --format bibtex cites the bookmarked and annotated articles once each', async () => {
    const data = tempDir();
    const listed = JSON.parse((await cli(['articles', '--data', data, '--json'])).stdout) as Hit[];
    const [first, second] = await Promise.all(
      listed.slice(0, 2).map(
        async (a) =>
          JSON.parse((await cli(['article', a.id, '--data', data, '--json'])).stdout) as Hit & {
            text: string;
            authors?: string[];
          },
      ),
    );
    const store = await NotesStore.open(data);
    await store.bookmarkArticle(first, { tags: ['引文'] });
    await store.annotate({ article: first, start: 0, end: 4 }, first.text);
    await store.annotate({ article: second, start: 0, end: 4 }, second.text);
    await store.saveSearch({ query: '科技创新', options: {} }, { tags: ['引文'] });

    const all = await cli(['notes', 'export', '--format', 'bibtex', '--data', data]);
    expect(all.code, all.stderr).toBe(0);
    const titles = [...all.stdout.matchAll(/^ {2}title = \{\{(.*)\}\},?$/gmu)].map((m) => m[1]);
    expect(titles.sort()).toEqual([first.title, second.title].sort());
    expect(all.stdout.match(/^@article\{news-[0-9a-f-]+,$/gmu)).toHaveLength(2);
    expect(all.stdout).toContain('  entrysubtype = {newspaper}');
    // The byline the notes remembered is cited although the CLI passes summaries of the archive.
    expect(first.authors?.length).toBeGreaterThan(0);
    expect(all.stdout).toContain(`  author = {{${first.authors?.[0]}}`);

    const tagged = await cli(['notes', 'export', '--format', 'ris', '--tag', '引文', '--data', data]);
    expect(tagged.stdout.match(/^TY {2}- NEWS\r$/gmu)).toHaveLength(1);
  });
});
