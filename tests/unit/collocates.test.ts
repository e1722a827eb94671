import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArchiveService } from '../../src/main/core/service';
import { cli } from './helpers/cli';
import { PD1998_PAGES, SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

describe('co-occurring terms', () => {
  it.skipIf(!existsSync(PD1998_PAGES))(
    'on People’s Daily, the words around 改革 are the ones a reader expects (深化, 开放, 体制)',
    async () => {
      const service = new ArchiveService({ archiveDirs: [PD1998_PAGES], dataDir: tempDir() });
      const { contexts, terms } = await service.collocates('改革', { limit: 10 });
      expect(contexts).toBeGreaterThan(1000);
      const top = terms.map((t) => t.term);
      expect(top.slice(0, 5)).toEqual(expect.arrayContaining(['深化', '开放']));
      expect(top).toContain('体制');
      expect(top).not.toContain('改革');
      // Lift is the share of contexts holding the word over the share of articles holding it.
      const total = (await service.info()).articleCount;
      const [first] = terms;
      const articles = (await service.search(first.term, { limit: 1 })).total;
      expect(first.articles).toBe(articles);
      expect(first.lift).toBeCloseTo(first.contexts / contexts / (articles / total), 1);
      expect(terms.map((t) => t.lift)).toEqual([...terms.map((t) => t.lift)].sort((a, b) => b - a));
      await service.close();
    },
    120_000,
  );

  it('the CLI lists them as a table or JSON', async () => {
    const data = tempDir();
    const table = await cli([
      'collocates',
      '科技',
      '--limit',
      '5',
      '--archive',
      SAMPLE_ARCHIVE,
      '--data',
      data,
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^term\tlift\tnear the query\tin the archive\n/u);
    expect(table.stdout).toMatch(/^创新\t/mu);
    const json = await cli(['collocates', '科技', '--json', '--archive', SAMPLE_ARCHIVE, '--data', data]);
    expect(JSON.parse(json.stdout)).toMatchObject({ contexts: expect.any(Number), terms: expect.any(Array) });
  });
});
