import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

interface Listed {
  id: string;
  title: string;
  source: { file: string; lineStart: number; lineEnd: number };
}

describe('CLI contract', () => {
  it('articles --json lists every article with its source lines; article and search answer for it', async () => {
    const data = tempDir();
    const listed = await cli(['articles', '--data', data, '--json']);
    expect(listed.code).toBe(0);
    const articles = JSON.parse(listed.stdout) as Listed[];
    // Read as an editor would, the five sample pages hold 14 articles.
    expect(articles).toHaveLength(14);
    for (const a of articles) {
      expect(Object.keys(a).sort()).toEqual(expect.arrayContaining(['id', 'source', 'title']));
      const lines = readFileSync(path.join(SAMPLE_ARCHIVE, a.source.file), 'utf8').split('\n');
      expect(a.source.lineStart).toBeGreaterThanOrEqual(1);
      expect(a.source.lineEnd).toBeLessThanOrEqual(lines.length);
    }

    const searched = await cli(['search', '双减', '--data', data, '--json', '--limit', '5']);
    expect(searched.code).toBe(0);
    const result = JSON.parse(searched.stdout) as {
      total: number;
      hits: { id: string; title: string; score: number; snippet: string; highlights: [number, number][] }[];
    };
    expect(result.total).toBe(1);
    const [hit] = result.hits;
    expect(hit.title).toBe('区政协召开十六届三次主席会议');
    for (const [s, e] of hit.highlights) expect(hit.snippet.slice(s, e)).toBe('双减');

    const shown = await cli(['article', hit.id, '--data', data, '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      id: hit.id,
      title: hit.title,
      text: expect.stringContaining('双减'),
    });
  });

  it('metrics ID --json prints the figures of one article with ranges into its text', async () => {
    const data = tempDir();
    const listed = JSON.parse((await cli(['articles', '--data', data, '--json'])).stdout) as Listed[];
    const target = listed.find((a) => a.title === '科技创新为高质量发展赋能蓄力');
    expect(target).toBeDefined();
    const id = (target as Listed).id;
    const shown = JSON.parse((await cli(['article', id, '--data', data, '--json'])).stdout) as {
      text: string;
    };
    const run = await cli(['metrics', id, '--data', data, '--json']);
    expect(run.code).toBe(0);
    const metrics = JSON.parse(run.stdout) as {
      kind: string;
      text: string;
      value: number | null;
      unit: string;
      qualifier: string | null;
      label: string | null;
      start: number;
      end: number;
    }[];
    for (const m of metrics) {
      expect(Object.keys(m).sort()).toEqual([
        'end',
        'kind',
        'label',
        'qualifier',
        'start',
        'text',
        'unit',
        'value',
      ]);
      expect(shown.text.slice(m.start, m.end)).toBe(m.text);
    }
    expect(metrics).toContainEqual(
      expect.objectContaining({
        kind: 'count',
        text: '267家',
        value: 267,
        unit: '家',
        label: '国家高新技术企业',
      }),
    );
    expect(metrics).toContainEqual(
      expect.objectContaining({ kind: 'money', text: '4.46亿元', value: 446_000_000 }),
    );
  });

  it('errors go to stderr as one line with a non-zero exit code', async () => {
    const data = tempDir();
    const unknown = await cli(['article', 'no-such-id', '--data', data]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split('\n')).toEqual(['error: no article with id no-such-id']);

    const missing = await cli(['articles', '--archive', path.join(data, 'nope'), '--data', data]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/^error: cannot read archive folder .*\n$/);

    const badOption = await cli(['search', '双减', '--limit', 'many', '--data', data]);
    expect(badOption.code).not.toBe(0);
    expect(badOption.stderr).toMatch(/--limit/);

    const unknownOption = await cli(['articles', '--colour', '--data', data]);
    expect(unknownOption.code).not.toBe(0);
    expect(unknownOption.stderr).toMatch(/colour/);
  });

  it('keeps working when the data folder cannot be written, and re-reads a changed archive', async () => {
    const archive = tempDir();
    cpSync(SAMPLE_ARCHIVE, archive, { recursive: true });
    // A data folder below a plain file can never be created, not even by root.
    const blocker = path.join(tempDir(), 'file');
    writeFileSync(blocker, '');
    const data = path.join(blocker, 'data');
    const first = await cli(['search', '全市第一', '--archive', archive, '--data', data, '--json']);
    expect(first.code).toBe(0);
    const before = JSON.parse(first.stdout).total as number;
    expect(before).toBeGreaterThan(0);

    const writable = tempDir();
    expect(
      JSON.parse(
        (await cli(['search', '全市第一', '--archive', archive, '--data', writable, '--json'])).stdout,
      ).total,
    ).toBe(before);
    appendFileSync(
      path.join(archive, '004_bb1e53e6b3332629.txt'),
      '\n\n新增的报道\n\n今年全市第一个智慧园区建成投用。\n',
    );
    // Commands answer from the archive as last read; --refresh (or import) reads the change.
    const stale = await cli(['search', '全市第一', '--archive', archive, '--data', writable, '--json']);
    expect(JSON.parse(stale.stdout).total).toBe(before);
    const after = await cli([
      'search',
      '全市第一',
      '--archive',
      archive,
      '--data',
      writable,
      '--json',
      '--refresh',
    ]);
    expect(JSON.parse(after.stdout).total).toBe(before + 1);
    appendFileSync(
      path.join(archive, '004_bb1e53e6b3332629.txt'),
      '\n\n又一篇报道\n\n城区首家数字书店开业。\n',
    );
    const search = ['search', '数字书店', '--archive', archive, '--data', writable, '--json'];
    expect(JSON.parse((await cli(search)).stdout).total).toBe(0);
    expect((await cli(['import', '--archive', archive, '--data', writable, '--json'])).code).toBe(0);
    expect(JSON.parse((await cli(search)).stdout).total).toBe(1);
  });
});
