/**
 * The fast paths of the search engine must answer exactly like the plain ones: phrase queries
 * ranked from bounded term frequencies, snippets mapped from a prefix of long articles, exact
 * 1- and 2-character terms read straight from the postings, and the persisted format's version.
 * These tests assert behaviour only, never timings.
 */
import { describe, expect, it } from 'vitest';
import { ArticleIndex, IndexInvalidError, INDEX_FORMAT } from '../../src/main/core/search/index';
import { makeSnippet, mergeRanges } from '../../src/main/core/search/snippet';
import {
  findAll,
  normalize,
  normalizeWithMap,
  originsFrom,
  toOriginalRange,
} from '../../src/main/core/text/normalize';
import type { Article, Range } from '../../src/shared/types';
import { article } from './helpers/articles';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

/** Articles where the bigrams of 改革开放 occur far more often than the phrase itself. */
function corpus(size: number): Article[] {
  const next = rng(7);
  const pieces = [
    '改革开放',
    '改革',
    '开放',
    '革开',
    '经济发展',
    '中国',
    '人民',
    ' ',
    '\n',
    '政府工作',
    '社会主义',
  ];
  const out: Article[] = [];
  for (let k = 0; k < size; k++) {
    let text = '';
    const n = 5 + Math.floor(next() * 400);
    for (let i = 0; i < n; i++)
      text += pieces[Math.floor(next() * pieces.length)] + (next() < 0.1 ? '。' : '');
    const title = next() < 0.2 ? '改革开放新闻' : `第${k}号`;
    out.push(
      article(`a${k}`, title, text, {
        publication: k % 3 ? '人民日报' : '北碚报',
        date: `${1990 + (k % 30)}-01-02`,
      }),
    );
  }
  return out;
}

const ids = (r: { hits: { id: string }[] }): string[] => r.hits.map((h) => h.id);

describe('search fast paths', () => {
  const articles = corpus(600);
  const index = ArticleIndex.build(articles);

  it('ranks a phrase exactly as when every hit is scored (bounded frequencies)', () => {
    for (const q of ['改革开放', '革开放', '开放改革', '经济发展', '社会主义改革']) {
      for (const limit of [1, 5, 20, 100]) {
        const lazy = index.search(q, { limit });
        // An OR of the term with itself scores every hit exactly (twice the same score).
        const full = index.search(`${q} OR ${q}`, { limit });
        expect(lazy.total).toBe(full.total);
        expect(ids(lazy)).toEqual(ids(full));
        expect(lazy.facets).toEqual(full.facets);
        lazy.hits.forEach((h, k) => expect(h.score * 2).toBeCloseTo(full.hits[k].score, 2));
      }
    }
  });

  it('counts and lists exactly what a linear scan finds, also after removals', () => {
    const copy = ArticleIndex.build(articles);
    copy.remove(['a1', 'a2', 'a30']);
    for (const q of ['改革开放', '革', '开放', '中国 人民', '改革开放 -政府', 'title:改革开放']) {
      const terms = q.split(' ');
      const live = articles.filter((a) => !['a1', 'a2', 'a30'].includes(a.id));
      const want = live
        .filter((a) =>
          terms.every((t) => {
            if (t.startsWith('-'))
              return !`${normalize(a.title)}\u0000${normalize(a.text)}`.includes(t.slice(1));
            if (t.startsWith('title:')) return normalize(a.title).includes(t.slice(6));
            return `${normalize(a.title)}\u0000${normalize(a.text)}`.includes(t);
          }),
        )
        .map((a) => a.id)
        .sort();
      expect([...copy.matchIds(q)].sort()).toEqual(want);
      expect(copy.search(q).total).toBe(want.length);
    }
  });

  it('builds snippets from a prefix of long articles exactly as from the whole text', () => {
    const filler = '经济建设 取得新进展，\n人民生活 不断改善。'.repeat(40);
    const texts = [
      `开头就是改革开放，${filler}改革开放`,
      `${filler}改革 开放${filler}改革开放`,
      `${filler}${'改革开放'.repeat(60)}${filler}`,
      `${filler.slice(0, 500)}改\n\n革\n开\n放${'　'.repeat(300)}改革开放${filler}`,
      `${filler}ＡＢＣ改革开放㎏${filler}`,
    ];
    const docs = texts.map((t, k) => article(`s${k}`, `标题${k}`, t));
    const small = ArticleIndex.build(docs);
    for (const q of ['改革开放', '改革 人民', '开放']) {
      const terms = q.split(' ').map(normalize);
      for (const hit of small.search(q, { limit: 10 }).hits) {
        const text = (docs.find((d) => d.id === hit.id) as Article).text;
        const map = normalizeWithMap(text);
        const ranges: Range[] = [];
        for (const t of terms)
          for (const at of findAll(map.text, t)) ranges.push(toOriginalRange(map, at, at + t.length, text));
        const want = makeSnippet(text, mergeRanges(ranges));
        expect({ id: hit.id, snippet: hit.snippet, highlights: hit.highlights }).toEqual({
          id: hit.id,
          ...want,
        });
      }
    }
  });

  it('maps part of the text with the same origins as the whole text', () => {
    const text = `  ＡＢＣ ｄｅｆ\n全區高新技術企業 ${'x'.repeat(50)}㎏ e\u0301 ﷺ ${'改革开放'.repeat(30)}`;
    const full = normalizeWithMap(text);
    for (const from of [0, 5, 20, 60, 75, 90]) {
      const { origin, end } = originsFrom(text, from, 10, 4);
      expect(end).toBeGreaterThan(from);
      expect(end - from).toBe(origin.length);
      expect([...origin]).toEqual([...full.origin.subarray(from, end)]);
    }
    expect(originsFrom(text, 0, 10_000, 0).end).toBe(full.text.length);
  });

  it('rejects an index of the previous format instead of misreading it', () => {
    const bytes = Buffer.from(index.toBinary());
    const text = bytes.toString('latin1');
    const older = text.replace(`"format":${INDEX_FORMAT}`, `"format":${INDEX_FORMAT - 1}`);
    expect(older).not.toBe(text);
    expect(() => ArticleIndex.fromBinary(Buffer.from(older, 'latin1'), articles)).toThrow(IndexInvalidError);
    // The current format loads, also from an unaligned copy of the bytes.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const loaded = ArticleIndex.fromBinary(shifted.subarray(3), articles);
    expect(ids(loaded.search('改革开放', { limit: 30 }))).toEqual(
      ids(index.search('改革开放', { limit: 30 })),
    );
    expect(loaded.suggest('改革', 5).length).toBeGreaterThan(0);
  });
});
