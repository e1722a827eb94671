/**
 * Finding what a figure measures: usually the noun phrase just before it in the same clause
 * (国家高新技术企业267家), after the last verb (拥有, 达到, 实现 …), with leading adverbs, scopes
 * and place names trimmed; for counts sometimes the phrase right after (帮助288家市级科技型企业).
 * Heuristics by design: a wrong label is cheap, a missing one is null.
 */
import { AFTER_STOP, CUT_AFTER, HAS_WORD, LEADING, PLACE, TAKE_WORD, TRAILING } from './label-words';
import type { MetricKind } from './types';

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
}

const BOUNDARY = /[，,、；;。！!？?：:\n\r\t …|/·]/;
const SENTENCE_END = /[；;。！!？?\n]/;
const MAX_WINDOW = 32;
const MAX_LABEL = 16;

const QUOTES = /[“”‘’"'「」『』《》]/g;

function stripOnce(s: string, words: string[], atStart: boolean): string {
  for (const w of words) {
    if (atStart ? s.startsWith(w) : s.endsWith(w)) return atStart ? s.slice(w.length) : s.slice(0, -w.length);
  }
  return s;
}

function tidy(raw: string): string | null {
  let s = raw.replace(QUOTES, '');
  // inside an aside (附图片２张): the label starts after the opening bracket
  const open = Math.max(s.lastIndexOf('('), s.lastIndexOf('（'));
  if (open >= 0 && s.indexOf(')', open) < 0 && s.indexOf('）', open) < 0) s = s.slice(open + 1);
  let cut = -1;
  for (const w of CUT_AFTER) {
    const i = s.lastIndexOf(w);
    // only when something is left: 上市公司3家 keeps its label
    if (i >= 0 && i + w.length > cut && s.length - (i + w.length) >= 2) cut = i + w.length;
  }
  if (cut > 0) s = s.slice(cut);
  for (let guard = 0; guard < 8; guard++) {
    const before = s;
    s = stripOnce(s, LEADING, true);
    if (s.startsWith('有') && !HAS_WORD.test(s)) s = s.slice(1);
    if (s.startsWith('占') && !TAKE_WORD.test(s)) s = s.slice(1);
    const place = PLACE.exec(s);
    if (place && s.length - place[0].length >= 2) s = s.slice(place[0].length);
    s = stripOnce(s, TRAILING, false);
    if (s === before) break;
  }
  s = s.replace(/^[(（)）\s-]+|[(（\s-]+$/g, '');
  if (s.length > MAX_LABEL) s = s.slice(s.length - MAX_LABEL);
  if (s.length < 2 || !/[\u4e00-\u9fffA-Za-z]/.test(s)) return null;
  return s;
}

function isTemporal(kind: MetricKind): boolean {
  return kind === 'date' || kind === 'duration';
}

/** The text before `m` in its clause, skipping over dates and durations (连续五年全市第一). */
function windowBefore(text: string, metrics: Placed[], index: number): string {
  const m = metrics[index];
  let k = index - 1;
  let pos = m.outerStart;
  let out = '';
  while (pos > 0 && out.length < MAX_WINDOW) {
    while (k >= 0 && metrics[k].outerEnd > pos) k--;
    const prev = k >= 0 ? metrics[k] : null;
    if (prev && prev.outerEnd === pos) {
      if (!isTemporal(prev.kind)) break;
      pos = prev.outerStart;
      k--;
      continue;
    }
    const ch = text[pos - 1];
    if (BOUNDARY.test(ch)) break;
    out = ch + out;
    pos--;
  }
  return out;
}

function labelAfter(text: string, m: Placed): string | null {
  let s = '';
  for (let p = m.outerEnd; p < text.length && s.length < 8; p++) {
    const ch = text[p];
    if (BOUNDARY.test(ch) || /[0-9零一二两三四五六七八九十百千万几]/.test(ch)) break;
    s += ch;
  }
  const stop = AFTER_STOP.exec(s);
  if (stop) s = s.slice(0, stop.index);
  s = s.replace(QUOTES, '');
  return s.length >= 2 && /^[\u4e00-\u9fff]/.test(s) ? s : null;
}

const INHERITS = new Set<MetricKind>([
  'rank',
  'growth',
  'percent',
  'percentage-point',
  'duration',
  'multiple',
]);

/**
 * The label of the figure before, when this one has none of its own: 增长15.8% and 排名全市第3
 * measure what the figure before them in the sentence measured; any figure right after another
 * in the same clause (由不足1000万元扩大到2亿多元) measures the same thing.
 */
function inherited(text: string, metrics: Placed[], index: number): string | null {
  const m = metrics[index];
  const wholeSentence = INHERITS.has(m.kind);
  for (let k = index - 1; k >= 0; k--) {
    const prev = metrics[k];
    const between = text.slice(prev.outerEnd, m.outerStart);
    if (SENTENCE_END.test(between) || (!wholeSentence && BOUNDARY.test(between))) return null;
    if (/^[^(（]*[)）]/.test(between)) continue; // (含国家级6个) is an aside, not the subject
    if (!isTemporal(prev.kind) && prev.label) return prev.label;
  }
  return null;
}

/** Fills `label` on every metric (sorted by start) in place. */
export function assignLabels(text: string, metrics: Placed[]): void {
  for (let i = 0; i < metrics.length; i++) {
    const m = metrics[i];
    if (m.kind === 'date' || m.label !== null) continue;
    let label: string | null = null;
    if (m.labelAfter) label = labelAfter(text, m);
    label ??= tidy(windowBefore(text, metrics, i));
    if (label === null) label = inherited(text, metrics, i);
    m.label = label;
  }
}
