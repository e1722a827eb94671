import fc from 'fast-check';
import { importArchives } from '../../../src/main/core/archive/import';
import { normalize } from '../../../src/main/core/text/normalize';
import type { Article } from '../../../src/shared/types';
import { article } from './articles';
import { SAMPLE_ARCHIVE } from './tmp';

/**
 * Articles made for what the sample pages do not show: traditional and full-width text, Latin in
 * mixed case, words whose characters only occur apart, a word in one title and other bodies,
 * publications and dates (the sample pages have neither).
 */
export const HANDMADE: Article[] = (
  [
    // id, title, text, publication, date
    ['trad', '科技', '全區高新技術企業267家，較上年增長。', '北碚报', '2021-03-02'],
    ['simp', '科技', '全区高新技术企业300家，科技创新成果丰硕。', '北碚报', '2022-01-05'],
    ['wide', '材料', '新建ＰＴＦＥ膜生产线，５Ｇ基站建成，科技 创新。', '渝北时报', '2022-06-30'],
    [
      'latin',
      'Expo News',
      'The Shanghai EXPO opened; shanghai expo visitors came.',
      'English Daily',
      '2010-05-01',
    ],
    ['apart-jj', '经验交流', '经过调查，救济工作有序开展。', '渝北时报', '2022-03'],
    ['jj', '经济新闻', '经济运行平稳，经济结构优化。', '渝北时报', '2023-02-14'],
    ['apart-gx', '园区', '高新区引进新技术企业十家。', '渝北时报', '2020-08-08'],
    ['apart-ggkf', '会议纪要', '改革任务繁重，对外开放水平提高。', '北碚报', '2019-07-01'],
    ['ggkf', '回顾', '改革开放四十年，成就辉煌。', '北碚报', '2018-12-18'],
    ['title-hit', '碳达峰行动方案', '本市印发实施方案，明确各项任务。', '北碚报', '2022-09-01'],
    ['body-hit', '环保新闻', '各区推进碳达峰工作，落实碳达峰任务，碳达峰有序推进。', undefined, '2022-10-01'],
    ['body-hit2', '能源', '企业负责人谈碳达峰。', undefined, undefined],
    ['amber', '琥珀博物馆开馆', '展出琥珀标本三百件。', '渝北时报', '2021-11-11'],
  ] as const
).map(([id, title, text, publication, date]) => article(id, title, text, { publication, date }));

/** Search options that return every hit. */
export const ALL = { limit: 100_000 };

/** The sample pages, read by the real importer, and the hand-made articles. */
export async function loadCorpus(): Promise<Article[]> {
  const { articles } = await importArchives([SAMPLE_ARCHIVE]);
  return [...articles, ...HANDMADE];
}

const normalised = new WeakMap<Article, { title: string; text: string }>();
function norm(a: Article): { title: string; text: string } {
  let n = normalised.get(a);
  if (!n) normalised.set(a, (n = { title: normalize(a.title), text: normalize(a.text) }));
  return n;
}

/** The truth a search must match: the term occurs in the normalised title or text. */
export function has(a: Article, term: string): boolean {
  const q = normalize(term);
  const n = norm(a);
  return n.title.includes(q) || n.text.includes(q);
}

export function inTitle(a: Article, term: string): boolean {
  return norm(a).title.includes(normalize(term));
}

export function ofPublication(a: Article, name: string): boolean {
  return normalize(a.publication ?? '').includes(normalize(name));
}

/** YYYYMMDD; a date known to the month only counts as that month's first and last day. */
function dayRange(date: string | undefined): [number, number] | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/u.exec(date ?? '');
  if (!m) return null;
  const month = Number(m[1]) * 10000 + Number(m[2]) * 100;
  return m[3] ? [month + Number(m[3]), month + Number(m[3])] : [month + 1, month + 31];
}

/** Whether the article's date overlaps [from, to] (inclusive ISO dates); undated ones never do. */
export function datedWithin(a: Article, from: string, to: string): boolean {
  const range = dayRange(a.date);
  const key = (iso: string): number => Number(iso.replaceAll('-', ''));
  return range !== null && range[0] <= key(to) && range[1] >= key(from);
}

/** Sort key of a hit's date: YYYYMMDD (day 00 when known to the month only), 0 when undated. */
export function dateOrder(date: string | undefined): number {
  const range = dayRange(date);
  if (!range) return 0;
  return date?.length === 7 ? range[0] - 1 : range[0];
}

export function idsWhere(articles: Article[], keep: (a: Article) => boolean): string[] {
  return articles
    .filter(keep)
    .map((a) => a.id)
    .sort();
}

/** Quotes, a leading minus, OR and field names are query syntax, not text to find. */
export function isPlainTerm(q: string): boolean {
  return q.length > 0 && !/["“”]|^[-－]|^or$|^[a-z]+[:：]/u.test(q);
}

/**
 * A random piece of some article's normalised text, `lengths` units long: what a reader might
 * type, in the form the index sees it.
 */
export function pieceOf(articles: Article[], lengths: number[] = [1, 2, 3, 5]): fc.Arbitrary<string> {
  return fc
    .record({
      doc: fc.nat({ max: articles.length - 1 }),
      at: fc.nat(),
      len: fc.constantFrom(...lengths),
      fromTitle: fc.boolean(),
    })
    .map(({ doc, at, len, fromTitle }) => {
      const n = norm(articles[doc]);
      const text = fromTitle && n.title.length >= len ? n.title : n.text;
      if (text.length < len) return '';
      const start = at % (text.length - len + 1);
      return text.slice(start, start + len);
    })
    .filter(isPlainTerm);
}
