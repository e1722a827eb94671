/**
 * Deterministic benchmark archives: synthetic ones built from the sentences of the bundled
 * archive/ pages and pd1998 (when ../shared is present), and pd1998 itself repeated to a size.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../src/shared/types';

const ROOT = path.resolve(import.meta.dirname, '..');
export const PD1998 = path.resolve(ROOT, '../shared/corpora/pd1998/articles.jsonl');
const PUBLICATIONS = ['北碚报', '渝北时报', '重庆日报', '人民日报', '江津日报', '巴南日报'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

function pdRows(): { id: string; title: string; text: string; date: string }[] {
  if (!existsSync(PD1998)) return [];
  return readFileSync(PD1998, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

function sentences(): string[] {
  const texts = readdirSync(path.join(ROOT, 'archive')).map((f) =>
    readFileSync(path.join(ROOT, 'archive', f), 'utf8'),
  );
  for (const r of pdRows()) texts.push(r.text);
  const out: string[] = [];
  for (const t of texts)
    for (const s of t.split(/(?<=[。！？])/u)) if (s.trim().length >= 6) out.push(s.replace(/\s+/gu, ''));
  return out;
}

function make(id: string, title: string, text: string, date: string, publication: string): Article {
  const paragraphs = text.split('\n\n');
  return {
    id,
    title,
    paragraphs,
    text,
    date,
    publication,
    source: { file: `${id}.txt`, lineStart: 1, lineEnd: 1 },
  };
}

export function synthetic(size: number): Article[] {
  const pool = sentences();
  const next = rng(size * 7919 + 1);
  const pick = (): string => pool[Math.floor(next() * pool.length)];
  const articles: Article[] = [];
  for (let k = 0; k < size; k++) {
    const paragraphs: string[] = [];
    const paras = 2 + Math.floor(next() * 5);
    for (let p = 0; p < paras; p++) {
      let para = '';
      const n = 1 + Math.floor(next() * 4);
      for (let s = 0; s < n; s++) para += pick();
      paragraphs.push(para);
    }
    const title =
      pick()
        .replace(/[。！？，].*$/u, '')
        .slice(0, 24) || `第${k}号`;
    const year = 1995 + Math.floor(next() * 30);
    const date = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    articles.push(
      make(
        `s${k}`,
        title,
        paragraphs.join('\n\n'),
        date,
        PUBLICATIONS[Math.floor(next() * PUBLICATIONS.length)],
      ),
    );
  }
  return articles;
}

/** pd1998 repeated (ids and years varied) to `size` articles; null without ../shared. */
export function pd1998(size: number): Article[] | null {
  const rows = pdRows();
  if (!rows.length) return null;
  const out: Article[] = [];
  for (let k = 0; k < size; k++) {
    const r = rows[k % rows.length];
    const round = Math.floor(k / rows.length);
    out.push(
      make(
        `${r.id}-${round}`,
        r.title,
        r.text.replaceAll('\n', '\n\n'),
        `${1998 + round}${r.date.slice(4)}`,
        '人民日报',
      ),
    );
  }
  return out;
}

export function dataset(name: string): Article[] {
  const [kind, sizeText] = name.split('-');
  const size = parseSize(sizeText);
  const articles = kind === 'pd1998' ? pd1998(size) : synthetic(size);
  if (!articles) throw new Error(`${name}: ../shared/corpora/pd1998 is absent`);
  return articles;
}

/** 500, 10k, 1m … */
export function parseSize(s: string): number {
  const m = /^(\d+)([km]?)$/u.exec(s);
  if (!m) throw new Error(`bad size ${s} (say 500, 10k or 1m)`);
  return Number(m[1]) * (m[2] === 'm' ? 1_000_000 : m[2] === 'k' ? 1000 : 1);
}
