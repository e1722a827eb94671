/**
 * Finding what a figure measures, from the structure of its clause rather than from a window of
 * characters. The clause (text between punctuation) is cut into words by the segmenter
 * (words.ts); a label is always a run of whole words, so it never starts or ends inside a word.
 *
 * - Before the figure: the words that say how the label relates to it (达到, 为, 居, 保持, 累计 …)
 *   are dropped, then the noun phrase is read backwards until a verb that takes the figure as
 *   its object (拥有, 完成, 获得 …), a preposition, conjunction, pronoun, adverb or time word;
 *   scopes and place names opening it are dropped (全区, 渝北区, 泰国 — the place is kept apart).
 *   Dates and durations in the clause are stepped over (连续五年全市第一 ranks what comes before).
 * - After the figure, for counts and measures (帮助288家|市级科技型企业|获得): a short noun phrase.
 * - Otherwise the label of the figure before in the same sentence, when this one continues it
 *   (增长15.8%, 排名全市第3), or none: no label is better than a broken one.
 */
import {
  ABROAD,
  AFTER_STOP,
  FUNCTION_CHARS,
  GENERIC,
  GLUE,
  NOUN_SUFFIX,
  HOME,
  IN_LABEL,
  JOINED,
  LEADING,
  NOMINAL,
  PER,
  PLACE,
  STOP,
  TRAILING,
  VERBS,
} from './label-words';
import type { MetricKind } from './types';
import { unitInfo } from './units';
import { MAX_CLAUSE, segmentWords, type Word } from './words';

export interface Placed {
  kind: MetricKind;
  start: number;
  end: number;
  /** Start of a qualifier written before the figure (超2400家), else `start`. */
  outerStart: number;
  /** End of a qualifier written after the figure (10%以上), else `end`. */
  outerEnd: number;
  labelAfter?: boolean;
  /** Set beforehand when the pattern names it; filled in otherwise. */
  label: string | null;
  /** The place the label was said of (渝北区, 泰国), when one opened it. */
  place?: string | null;
  /** What the figure is per (人 for 人均, 年 for 年均), when it is a rate. */
  per?: string | null;
  /** The last country or China named earlier in the sentence (德国, 我国), when one is. */
  country?: string | null;
}

/** Where clauses end: labels never run across these. */
const BOUNDARY = /[，,、；;。！!？?：:\n\r\t …|/·]/;
const SENTENCE_END = /[；;。！!？?\n]/;
const MAX_LABEL = 16;
const MAX_AFTER_WORDS = 6;
const MAX_AFTER = 8;

const QUOTE = /^[“”‘’"'「」『』《》〈〉]+$/;
const OPEN = /^[(（]$/;
const CLOSE = /^[)）]$/;
const HAN = /[\u3400-\u9fff]/;
const LATIN = /^[A-Za-z][A-Za-z0-9]*$|^[0-9]+[A-Za-z][A-Za-z0-9]*$/;

/** The words of the clauses of one text, segmented once per clause. */
export class ClauseWords {
  private readonly cache = new Map<string, Word[]>();
  constructor(readonly text: string) {}

  /** Start and end of the clause around [from, to). */
  clause(from: number, to: number): [number, number] {
    let a = from;
    while (a > 0 && from - a < MAX_CLAUSE && !this.breaksAt(a - 1)) a--;
    let b = to;
    while (b < this.text.length && b - to < MAX_CLAUSE && !this.breaksAt(b)) b++;
    return [a, b];
  }

  /**
   * True when the clause ends at `i`: punctuation, except where the segmenter keeps it inside a
   * word (A:B and A·B between Latin letters, 1,000 between digits), lest a label start there.
   */
  private breaksAt(i: number): boolean {
    const ch = this.text[i];
    if (!BOUNDARY.test(ch)) return false;
    const before = this.text[i - 1] ?? '';
    const after = this.text[i + 1] ?? '';
    if ((ch === ':' || ch === '·') && /[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after)) return false;
    return !((ch === ',' || ch === ';') && /[0-9]/.test(before) && /[0-9]/.test(after));
  }

  /** Words of the clause around [from, to), ICU's words joined where JOINED says so. */
  words(from: number, to: number): Word[] {
    const [a, b] = this.clause(from, to);
    const key = `${a}:${b}`;
    let words = this.cache.get(key);
    if (!words) {
      words = join(segmentWords(this.text, a, b));
      this.cache.set(key, words);
    }
    return words;
  }
}

/** Every word of the lists: ICU words that together make one of them are joined. */
const KNOWN = new Set([
  ...JOINED,
  ...GLUE,
  ...STOP,
  ...VERBS,
  ...NOMINAL,
  ...LEADING,
  ...TRAILING,
  ...AFTER_STOP,
  ...GENERIC,
]);

/** Joins runs of up to four ICU words that make a known word, longest first. */
function join(words: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    let last = i;
    if (words[i].wordLike) {
      let text = words[i].text;
      for (let j = i + 1; j < Math.min(words.length, i + 4) && words[j].wordLike; j++) {
        text += words[j].text;
        if (KNOWN.has(text)) last = j;
      }
    }
    if (last === i) out.push(words[i]);
    else {
      const text = words
        .slice(i, last + 1)
        .map((w) => w.text)
        .join('');
      out.push({ text, start: words[i].start, end: words[last].end, wordLike: true });
      i = last;
    }
  }
  return out;
}

/** True for words a label cannot hold. */
function stops(w: string): boolean {
  if (STOP.has(w) || VERBS.has(w) || (GLUE.has(w) && !IN_LABEL.has(w))) return true;
  if (w.length > 1 && /[了着过]$/u.test(w)) return true; // 敬了: a verb with its aspect marker
  for (const ch of w) if (!FUNCTION_CHARS.has(ch)) return false;
  return true; // 也向: function words run together
}

function isNumber(w: string): boolean {
  return /^[0-9.,]+$/.test(w) || /^[零〇○一二两三四五六七八九十百千万亿几数多余]+$/.test(w);
}

/** One word of a label: ideographs, a Latin word (GDP, Wi), or a piece kept whole inside one. */
function content(w: Word): boolean {
  return w.wordLike && !isNumber(w.text) && (HAN.test(w.text) || LATIN.test(w.text));
}

/** The words between the clause start and `m`, stepping over dates and durations; null marks a gap. */
function wordsBefore(cw: ClauseWords, metrics: Placed[], index: number): (Word | null)[] {
  const m = metrics[index];
  const words = cw.words(m.outerStart, m.outerEnd);
  const [clauseStart] = cw.clause(m.outerStart, m.outerEnd);
  const ranges: [number, number][] = [];
  let pos = m.outerStart;
  let k = index - 1;
  for (;;) {
    while (k >= 0 && metrics[k].outerEnd > pos) k--;
    const prev = k >= 0 ? metrics[k] : null;
    const lo = Math.max(clauseStart, prev ? prev.outerEnd : 0);
    ranges.unshift([lo, pos]);
    if (!prev || prev.outerEnd !== lo || prev.outerStart < clauseStart || !isTemporal(prev.kind)) break;
    pos = prev.outerStart;
    k--;
  }
  const out: (Word | null)[] = [];
  for (const [lo, hi] of ranges) {
    if (out.length > 0) out.push(null);
    for (const w of words) {
      if (w.end <= lo || w.start >= hi) continue;
      out.push(w.start >= lo && w.end <= hi ? w : null); // a word cut by a figure is a gap
    }
  }
  return out;
}

function isTemporal(kind: MetricKind): boolean {
  return kind === 'date' || kind === 'duration';
}

interface Found {
  label: string;
  place: string | null;
}

function nominalRest(words: Word[], from: number, to: number): boolean {
  const rest = words
    .slice(from, to)
    .map((w) => w.text)
    .join('');
  return rest.length >= 2 && !GENERIC.has(rest);
}

/** Drops scopes, time words and a place opening the label, and 总量-like words ending it. */
function trim(words: Word[]): Found | null {
  let from = 0;
  let to = words.length;
  let place: string | null = null;
  for (let changed = true; changed && from < to;) {
    changed = false;
    // 生产|汽车: a verb opening a longer label is the clause's verb, not part of what is measured
    // (but 出口|额 and 创建|数量 name one thing)
    if (
      LEADING.has(words[from].text) ||
      (NOMINAL.has(words[from].text) && nominalRest(words, from + 1, to))
    ) {
      from++;
      changed = true;
      continue;
    }
    if (TRAILING.has(words[to - 1].text)) {
      to--;
      changed = true;
      continue;
    }
    const text = words
      .slice(from, to)
      .map((w) => w.text)
      .join('');
    // 纽约|股市: a foreign country or city opening the label is where, not what
    if (ABROAD.has(words[from].text) && text.length - words[from].text.length >= 2) {
      place = words[from].text;
      from++;
      changed = true;
      continue;
    }
    const p = PLACE.exec(text);
    if (p && text.length - p[0].length >= 2) {
      // only where a word ends: 渝|北区|规上 cuts after 北区, never inside a word
      let len = 0;
      let k = from;
      while (k < to && len < p[0].length) len += words[k++].text.length;
      if (len === p[0].length && k < to) {
        place = p[0];
        from = k;
        changed = true;
      }
    }
  }
  const kept = words.slice(from, to);
  while (kept.length > 0 && !kept[0].wordLike) kept.shift();
  const label = kept
    .map((w) => w.text)
    .join('')
    .replace(/[“”‘’"'「」『』《》〈〉]/g, '');
  if (label.length < 2 || GENERIC.has(label)) return null;
  if (!kept.some((w) => content(w) && !LEADING.has(w.text) && !stops(w.text))) return null;
  return { label, place };
}

/** The noun phrase ending right before the figure, after the words that tie it to the figure. */
function labelBefore(words: (Word | null)[]): Found | null {
  let end = words.length;
  // 达到了, 居, 保持, 累计, the quotes of “506家” …: how the label relates to the figure
  while (end > 0) {
    const w = words[end - 1];
    if (w === null || (!w.wordLike && QUOTE.test(w.text)) || (w.wordLike && GLUE.has(w.text))) end--;
    else break;
  }
  const taken: Word[] = [];
  let length = 0;
  let i = end - 1;
  for (; i >= 0; i--) {
    const w = words[i];
    if (w === null) break;
    if (!w.wordLike) {
      if (QUOTE.test(w.text)) continue; // “科技创新”平台: the quotes go, the words stay
      if (CLOSE.test(w.text)) {
        // 市级新型(高端)研发机构: a short aside in brackets stays inside the label
        let j = i - 1;
        while (j >= 0 && words[j] !== null && !OPEN.test(words[j]?.text ?? '') && i - j < 6) j--;
        const open = words[j];
        if (j < 0 || !open || !OPEN.test(open.text) || taken.length === 0) break;
        const group = words.slice(j, i + 1) as Word[];
        const size = group.reduce((n, g) => n + g.text.length, 0);
        if (length + size > MAX_LABEL) break;
        taken.unshift(...group);
        length += size;
        i = j;
        continue;
      }
      // Wi-Fi: a hyphen between two Latin words
      const before = words[i - 1];
      const after = taken[0];
      if (w.text === '-' && before && after && LATIN.test(before.text) && LATIN.test(after.text)) {
        taken.unshift(w);
        length += 1;
        continue;
      }
      break;
    }
    if (!content(w) || stops(w.text)) break;
    if (length + w.text.length > MAX_LABEL) break;
    taken.unshift(w);
    length += w.text.length;
  }
  // 6000|盾兑|1美元: right after a bare number, the first word is a measure word the unit table
  // does not know, not the start of a label
  const neighbour = i >= 0 ? words[i] : null; // the word the walk stopped at
  if (neighbour && isNumber(neighbour.text) && taken.length > 0) taken.shift();
  // 每|市斤|0.23元: what follows 每 is what the figure is per, not what it measures
  if (neighbour?.text === '每') return null;
  // (井)窖: an aside opening the label is dropped with its brackets
  if (taken.length > 0 && OPEN.test(taken[0].text)) {
    const close = taken.findIndex((w) => CLOSE.test(w.text));
    taken.splice(0, close + 1);
  }
  while (taken.length > 0 && !taken[0].wordLike) taken.shift();
  return taken.length > 0 ? trim(taken) : null;
}

/** A short noun phrase right after the figure (288家|市级科技型企业|获得, 三大|产品板块). */
function labelAfter(cw: ClauseWords, m: Placed): Found | null {
  const words = cw.words(m.outerStart, m.outerEnd);
  const taken: Word[] = [];
  let length = 0;
  for (const w of words) {
    if (w.end <= m.outerEnd) continue;
    if (w.start < m.outerEnd) return null; // the figure ends inside a word
    if (!w.wordLike && QUOTE.test(w.text)) continue; // 三种发展“模式”
    // 25支医疗队|几百名: a label after a figure ends at the next number or measure word
    if (!content(w) || stops(w.text) || AFTER_STOP.has(w.text) || unitInfo(w.text)) break;
    if (w.text.length === 1 && !NOUN_SUFFIX.has(w.text) && taken.some((t) => t.text.length > 1)) break;
    if (length + w.text.length > MAX_AFTER || taken.length === MAX_AFTER_WORDS) break;
    taken.push(w);
    length += w.text.length;
  }
  if (taken.length === 0 || GENERIC.has(taken[0].text)) return null;
  return trim(taken);
}

/** 比上年增加300元: a clause that only says how something changed continues the one before. */
const CHANGE = new Set(
  '增加 增长 减少 下降 提高 降低 上升 回落 增收 减收 增产 减产 比上年 比去年 较上年 较去年 同比 环比'.split(
    ' ',
  ),
);

const INHERITS = new Set<MetricKind>([
  'rank',
  'growth',
  'percent',
  'percentage-point',
  'duration',
  'multiple',
]);

/**
 * The figure before whose label this one takes, when it has none of its own: 增长15.8% and
 * 排名全市第3 measure what the figure before them in the sentence measured; any figure right
 * after another in the same clause (由不足1000万元扩大到2亿多元) measures the same thing.
 */
function inherited(text: string, metrics: Placed[], index: number, change: boolean): Placed | null {
  const m = metrics[index];
  const wholeSentence = INHERITS.has(m.kind) || change;
  for (let k = index - 1; k >= 0; k--) {
    const prev = metrics[k];
    const between = text.slice(prev.outerEnd, m.outerStart);
    if (SENTENCE_END.test(between) || (!wholeSentence && BOUNDARY.test(between))) return null;
    if (/^[^(（]*[)）]/.test(between)) continue; // (含国家级6个) is an aside, not the subject
    if (!isTemporal(prev.kind) && prev.label) return prev;
  }
  return null;
}

/** What a figure is per: 人 for 人均 or 每人 in its label or before it in its clause. */
export function perOf(...texts: string[]): string | null {
  const found: string[] = [];
  for (const text of texts) {
    for (const [word, per] of PER) {
      if (text.includes(word) && !found.includes(per)) found.push(per);
    }
  }
  // 年平均 is 年, not also 平均; 每人每月 is per person and month
  const specific = found.filter((p) => p !== '平均');
  return (specific.length > 0 ? specific : found).join('·') || null;
}

/** True for a place in another country (泰国, 东京), false for China and places in it. */
export function isAbroad(place: string | null | undefined): boolean {
  return !!place && !HOME.has(place) && ABROAD.has(place);
}

const PLACES = new RegExp(
  [...ABROAD, ...HOME]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
    .join('|'),
  'gu',
);

/**
 * The last country (or China: 我国, 全国 …) named as a whole word in the sentence before `at`
 * (例如在德国，…前100家最大工业企业 is about Germany), or null.
 */
function sentencePlace(cw: ClauseWords, at: number): string | null {
  let from = at;
  while (from > 0 && at - from < 400 && !SENTENCE_END.test(cw.text[from - 1])) from--;
  const found = [...cw.text.slice(from, at).matchAll(PLACES)];
  for (let k = found.length - 1; k >= 0; k--) {
    const start = from + found[k].index;
    const end = start + found[k][0].length;
    const words = cw.words(start, end);
    if (words.some((w) => w.start === start) && words.some((w) => w.end === end)) return found[k][0];
  }
  return null;
}

/** Fills `label`, `place` and `per` on every metric (sorted by start) in place. */
export function assignLabels(text: string, metrics: Placed[]): void {
  const cw = new ClauseWords(text);
  for (let i = 0; i < metrics.length; i++) {
    const m = metrics[i];
    if (m.kind === 'date') continue;
    const before = wordsBefore(cw, metrics, i);
    if (m.label === null) {
      let found: Found | null = null;
      if (m.labelAfter) found = labelAfter(cw, m);
      found ??= labelBefore(before);
      if (found) {
        m.label = found.label;
        m.place = found.place;
      } else {
        const from = inherited(
          text,
          metrics,
          i,
          before.some((w) => w !== null && CHANGE.has(w.text)),
        );
        if (from) {
          m.label = from.label;
          m.place = from.place ?? null;
        }
      }
    }
    const clauseText = before.map((w) => w?.text ?? '').join('');
    m.per = perOf(m.label ?? '', clauseText);
    m.country = sentencePlace(cw, m.outerStart);
  }
}
