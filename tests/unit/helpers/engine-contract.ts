import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../../src/main/core/search/engine';
import { normalize } from '../../../src/main/core/text/normalize';
import type { Article, Range, SearchHit } from '../../../src/shared/types';
import {
  ALL,
  datedWithin,
  dateOrder,
  has,
  HANDMADE,
  idsWhere,
  inTitle,
  loadCorpus,
  ofPublication,
  pieceOf,
} from './engine-corpus';
import { describeChanges } from './engine-contract-changes';

export type OpenEngine = (dir: string, articles: Article[]) => Promise<SearchEngine>;

const sortedIds = (hits: SearchHit[]): string[] => hits.map((h) => h.id).sort();

/** Every range of `text` holds the term once normalised (a range may merge neighbouring ones). */
function expectRangesHold(text: string, ranges: Range[], term: string): void {
  for (const [s, e] of ranges) {
    expect(e).toBeGreaterThan(s);
    expect(normalize(text.slice(s, e)), `${JSON.stringify(text.slice(s, e))} for ${term}`).toContain(term);
  }
}

/**
 * The behaviour every SearchEngine must show, on the sample pages read by the real importer and
 * on hand-made articles. `open` gets a fresh folder the engine may write to and the articles to
 * search; the truth is a linear scan over the normalised texts.
 */
export function describeEngineContract(name: string, open: OpenEngine): void {
  describe(`SearchEngine contract: ${name}`, () => {
    let corpus: Article[] = [];
    let engine: SearchEngine;
    let sharedDir = '';

    const ids = async (query: string): Promise<string[]> => sortedIds((await engine.search(query, ALL)).hits);
    const expectExact = async (query: string, keep: (a: Article) => boolean): Promise<void> => {
      const expected = idsWhere(corpus, keep);
      const result = await engine.search(query, ALL);
      expect(sortedIds(result.hits), query).toEqual(expected);
      expect(result.total, query).toBe(expected.length);
      expect((await engine.matchIds(query)).sort(), query).toEqual(expected);
    };

    beforeAll(async () => {
      corpus = await loadCorpus();
      sharedDir = mkdtempSync(path.join(tmpdir(), 'engine-shared-'));
      engine = await open(sharedDir, corpus);
    });
    afterAll(async () => {
      await engine?.close();
      rmSync(sharedDir, { recursive: true, force: true });
    });

    it(`is named and counts its articles`, async () => {
      expect(engine.name).toBe(name);
      expect(await engine.size()).toBe(corpus.length);
    });

    it('finds exactly the articles that contain a 1-, 2-, 3- or 5-character term', async () => {
      for (const q of ['济', '碚', '经济', '双减', '碳达峰', '高质量', '科技创新', '高新技术企', '改革开放'])
        await expectExact(q, (a) => has(a, q));
    });

    it('property: recall and precision equal a linear scan for pieces of the texts', async () => {
      await fc.assert(
        fc.asyncProperty(pieceOf(corpus), async (q) => {
          await expectExact(q, (a) => has(a, q));
        }),
        { numRuns: 150 },
      );
    });

    it('property: terms separated by a space must all occur, anywhere in the article', async () => {
      await fc.assert(
        fc.asyncProperty(pieceOf(corpus, [1, 2, 3]), pieceOf(corpus, [2, 3, 5]), async (p, q) => {
          await expectExact(`${p} ${q}`, (a) => has(a, p) && has(a, q));
        }),
        { numRuns: 80 },
      );
    });

    it('never matches characters that occur only apart', async () => {
      expect(await ids('经济')).not.toContain('apart-jj');
      expect(await ids('经济')).toContain('jj');
      expect(await ids('改革开放')).toEqual(['ggkf']);
      // Every pair of adjacent characters of the term occurs, but never all in a row.
      expect(await ids('高新技术企业')).not.toContain('apart-gx');
      expect(await ids('新技术企业')).toContain('apart-gx');
      await expectExact('改革 开放', (a) => has(a, '改革') && has(a, '开放'));
      expect(await ids('改革 开放')).toContain('apart-ggkf');
    });

    it('answers phrases, exclusions, OR, title:, publication: and from:/to: like the scan', async () => {
      const cases: [string, (a: Article) => boolean][] = [
        ['科技 创新', (a) => has(a, '科技') && has(a, '创新')],
        ['"科技 创新"', (a) => has(a, '科技创新')],
        ['科技 -创新', (a) => has(a, '科技') && !has(a, '创新')],
        ['改革开放 OR 碳达峰', (a) => has(a, '改革开放') || has(a, '碳达峰')],
        ['经济 OR 企业 -科技', (a) => (has(a, '经济') || has(a, '企业')) && !has(a, '科技')],
        ['title:碳达峰', (a) => inTitle(a, '碳达峰')],
        ['title:科技 创新', (a) => inTitle(a, '科技') && has(a, '创新')],
        ['企业 publication:北碚', (a) => has(a, '企业') && ofPublication(a, '北碚')],
        ['publication:时报', (a) => ofPublication(a, '时报')],
        ['from:2022-01-01 to:2022-12-31', (a) => datedWithin(a, '2022-01-01', '2022-12-31')],
        ['经 from:2022-03-15 to:2023', (a) => has(a, '经') && datedWithin(a, '2022-03-15', '2023-12-31')],
        ['from:2022-02', (a) => datedWithin(a, '2022-02-01', '9999-12-31')],
        ['to:2021', (a) => datedWithin(a, '0000-01-01', '2021-12-31')],
      ];
      for (const [q, keep] of cases) await expectExact(q, keep);
    });

    it('treats traditional as simplified, full width as half width and Latin in any case', async () => {
      expect(await ids('高新技術企業')).toEqual(await ids('高新技术企业'));
      expect(await ids('高新技術企業')).toEqual(expect.arrayContaining(['simp', 'trad']));
      for (const q of ['PTFE', 'ptfe', 'ＰＴＦＥ', '5G', '５Ｇ']) expect(await ids(q), q).toContain('wide');
      for (const q of ['SHANGHAI', 'shanghai', 'Expo', '"shanghai expo"'])
        expect(await ids(q), q).toEqual(['latin']);
    });

    it('ranks articles with the term in the title above those with it in the text only', async () => {
      for (const q of ['碳达峰', '科技创新', '经济', '科技']) {
        const { hits } = await engine.search(q, ALL);
        const titled = hits.map((h) => normalize(h.title).includes(normalize(q)));
        expect(titled.some(Boolean), q).toBe(true);
        expect(titled.indexOf(false) === -1 || titled.lastIndexOf(true) < titled.indexOf(false), q).toBe(
          true,
        );
      }
      expect((await engine.search('碳达峰')).hits[0].id).toBe('title-hit');
    });

    it('sorts by date, newest or oldest first', async () => {
      for (const q of ['企业 OR 经济 OR 改革', 'publication:报']) {
        const newest = (await engine.search(q, { ...ALL, sort: 'newest' })).hits.map((h) =>
          dateOrder(h.date),
        );
        const oldest = (await engine.search(q, { ...ALL, sort: 'oldest' })).hits.map((h) =>
          dateOrder(h.date),
        );
        expect(newest.length).toBeGreaterThan(3);
        expect(newest).toEqual([...newest].sort((a, b) => b - a));
        expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
      }
      expect((await engine.search('碳达峰', { sort: 'newest' })).hits.map((h) => h.id)).toEqual([
        'body-hit',
        'title-hit',
        'body-hit2',
      ]);
    });

    it('pages through hits with an exact total on every page', async () => {
      for (const sort of ['relevance', 'newest', 'oldest'] as const) {
        const q = '的';
        const all = await engine.search(q, { ...ALL, sort });
        expect(all.total).toBe(idsWhere(corpus, (a) => has(a, q)).length);
        const pages: SearchHit[] = [];
        for (let offset = 0; offset < all.total; offset += 4) {
          const page = await engine.search(q, { sort, offset, limit: 4 });
          expect(page.total).toBe(all.total);
          expect(page.hits.length).toBe(Math.min(4, all.total - offset));
          pages.push(...page.hits);
        }
        expect(pages.map((h) => h.id)).toEqual(all.hits.map((h) => h.id));
        expect((await engine.search(q, { sort, offset: all.total, limit: 4 })).hits).toEqual([]);
      }
    });

    it('counts every match per publication and per year', async () => {
      for (const q of ['企业 OR 经济 OR 改革 OR 碳达峰', '的']) {
        const result = await engine.search(q, { limit: 2 });
        const matches = corpus.filter((a) =>
          q === '的' ? has(a, q) : q.split(' OR ').some((t) => has(a, t)),
        );
        const count = (key: (a: Article) => string): Map<string, number> => {
          const m = new Map<string, number>();
          for (const a of matches) m.set(key(a), (m.get(key(a)) ?? 0) + 1);
          return m;
        };
        const asMap = (facets: { value: string; count: number }[]): Map<string, number> =>
          new Map(facets.map((f) => [f.value, f.count]));
        expect(result.total).toBe(matches.length);
        expect(asMap(result.facets.publication)).toEqual(count((a) => a.publication ?? ''));
        expect(asMap(result.facets.year)).toEqual(count((a) => a.date?.slice(0, 4) ?? ''));
        const counts = result.facets.publication.map((f) => f.count);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      }
    });

    it('property: snippet and title highlights point at the term', async () => {
      await fc.assert(
        fc.asyncProperty(pieceOf(corpus, [1, 2, 3, 5]), async (q) => {
          for (const hit of (await engine.search(q, { limit: 20 })).hits) {
            const a = corpus.find((x) => x.id === hit.id) as Article;
            if (normalize(a.text).includes(q)) expect(hit.highlights.length, q).toBeGreaterThan(0);
            // A highlight running past the end of the snippet is cut there: check the whole ones.
            const body = hit.snippet.endsWith('…') ? hit.snippet.length - 1 : hit.snippet.length;
            expectRangesHold(
              hit.snippet,
              hit.highlights.filter(([, e]) => e < body),
              q,
            );
            expect(hit.titleHighlights.length > 0, q).toBe(inTitle(a, q));
            expectRangesHold(hit.title, hit.titleHighlights, q);
          }
        }),
        { numRuns: 60 },
      );
      const trad = (await engine.search('高新技术企业')).hits.find((h) => h.id === 'trad') as SearchHit;
      expect(trad.highlights.map(([s, e]) => trad.snippet.slice(s, e))).toEqual(['高新技術企業']);
    });

    it('property: highlight() gives ranges of the original text and title', async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: corpus.length - 1 }), pieceOf(corpus), async (k, q) => {
          const a = corpus[k];
          const { text, title } = await engine.highlight(a.id, q);
          expect(text.length > 0, q).toBe(normalize(a.text).includes(q));
          expect(title.length > 0, q).toBe(inTitle(a, q));
          expectRangesHold(a.text, text, q);
          expectRangesHold(a.title, title, q);
        }),
        { numRuns: 100 },
      );
      const slices = async (id: string, q: string): Promise<string[]> => {
        const a = HANDMADE.find((x) => x.id === id) as Article;
        return (await engine.highlight(id, q)).text.map(([s, e]) => a.text.slice(s, e));
      };
      expect(await slices('trad', '高新技术企业')).toEqual(['高新技術企業']);
      expect(await slices('wide', 'ptfe 5g')).toEqual(['ＰＴＦＥ', '５Ｇ']);
      expect(await slices('latin', 'SHANGHAI')).toEqual(['Shanghai', 'shanghai']);
      expect(await engine.highlight('no-such-article', '经济')).toEqual({ text: [], title: [] });
    });

    it('suggests titles by the start of their words', async () => {
      for (const prefix of ['琥珀', '琥', '琥珀博物']) {
        expect(await engine.suggest(prefix), prefix).toContainEqual(
          expect.objectContaining({ kind: 'title', text: '琥珀博物馆开馆', id: 'amber' }),
        );
      }
      expect((await engine.suggest('琥珀', 1)).length).toBe(1);
      expect(await engine.suggest('')).toEqual([]);
    });

    it('reports bad query syntax as issues and never throws', async () => {
      for (const q of [
        '"双减',
        'from:2022-13-01 双减',
        '-双减',
        'OR',
        '双减 OR',
        'title:',
        'from:2023 to:2022',
      ]) {
        const result = await engine.search(q);
        expect(result.issues.length, q).toBeGreaterThan(0);
        if (result.issues.some((i) => i.severity === 'error')) {
          expect(result.total, q).toBe(0);
          expect(await engine.matchIds(q), q).toEqual([]);
        }
      }
      const syntax = fc.constantFrom(
        '"',
        '“',
        '-',
        'OR',
        ' ',
        ':',
        'title:',
        'from:',
        'to:',
        'publication:',
        '2022-99',
        '经济',
        '科技',
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.array(syntax, { maxLength: 12 }).map((p) => p.join('')),
          ),
          async (q) => {
            const result = await engine.search(q, { limit: 5 });
            for (const issue of result.issues) {
              expect(issue.start).toBeGreaterThanOrEqual(0);
              expect(issue.end).toBeLessThanOrEqual(q.length);
            }
            expect(Array.isArray(await engine.matchIds(q))).toBe(true);
            expect(Array.isArray(await engine.suggest(q))).toBe(true);
          },
        ),
        { numRuns: 100 },
      );
    });

    describeChanges(open, () => corpus);
  });
}
