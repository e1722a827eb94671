/** extractMetrics: candidates from the patterns, the best non-overlapping ones, qualifiers, labels. */
import { assignLabels, isAbroad, type Placed } from './label';
import { findCandidates, type Candidate } from './patterns';
import type { Metric } from './types';
import { buildView, toOriginal } from './view';

/** Qualifiers written just before a figure, longest first; `not` lists characters that, written
 * before the qualifier, make it part of another word (签约3家 is not 约). */
const PREFIX: { q: string; not?: string }[] = [
  { q: '不少于' },
  { q: '超过' },
  { q: '多达' },
  { q: '高达' },
  { q: '将近' },
  { q: '接近' },
  { q: '大约' },
  { q: '不到' },
  { q: '不足' },
  { q: '至少' },
  { q: '达到' },
  { q: '逾' },
  { q: '超', not: '赶' },
  { q: '近', not: '最附临将接' },
  { q: '约', not: '签合预节制公条履特邀' },
  { q: '达', not: '发抵传下送通表直到' },
  { q: '仅' },
];
const SUFFIX = ['以上', '左右', '之多', '以下', '以内', '有余'];
const NO_PREFIX = new Set(['rank', 'growth', 'date']);

/** The qualifier written before `start` and where it starts (达到了4家 → 达到). */
function prefixQualifier(
  text: string,
  start: number,
  kind: Candidate['kind'],
): { q: string; at: number } | null {
  if (NO_PREFIX.has(kind)) return null;
  const end = text[start - 1] === '了' ? start - 1 : start;
  if (kind === 'duration' && text.endsWith('连续', end)) return { q: '连续', at: end - 2 };
  for (const { q, not } of PREFIX) {
    if (!text.endsWith(q, end)) continue;
    const before = text[end - q.length - 1];
    if (not && before !== undefined && not.includes(before)) continue;
    return { q, at: end - q.length };
  }
  return null;
}

function suffixQualifier(text: string, end: number, kind: Candidate['kind']): string | null {
  if (kind === 'date' || kind === 'rank') return null;
  for (const q of SUFFIX) if (text.startsWith(q, end)) return q;
  return null;
}

/** Longest candidates first (全国第13位 over 13位, 增长15.8% over 15.8%), then by priority. */
function selectNonOverlapping(candidates: Candidate[], length: number): Candidate[] {
  const sorted = candidates
    .filter((c) => c.end > c.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const taken = new Uint8Array(length);
  const kept: Candidate[] = [];
  outer: for (const c of sorted) {
    for (let i = c.start; i < c.end; i++) if (taken[i]) continue outer;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Datelines (新华社东京1月4日电, 本报华盛顿1月5日电): the city a report was filed from, which says
 * where its figures are from when their clause names no place.
 */
const DATELINE =
  /(?:新华社|本报|中新社)(?:驻[\u4e00-\u9fff]{1,8}?记者)?([\u4e00-\u9fff]{2,7}?)(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?电/gu;

/** Where each dateline's report starts, and its city. */
function datelines(text: string): { at: number; city: string }[] {
  return Array.from(text.matchAll(DATELINE), (m) => ({ at: m.index, city: m[1] ?? '' }));
}

/**
 * Every figure in `text` (an article's text, paragraphs joined by blank lines), in reading order.
 * Ranges are UTF-16 offsets into `text`; see Metric for how values are normalised. Never throws.
 */
export function extractMetrics(text: string): Metric[] {
  if (text.length === 0) return [];
  const view = buildView(text);
  const chosen = selectNonOverlapping(findCandidates(view.text), view.text.length);
  const placed: (Placed & { c: Candidate; qualifier: string | null })[] = chosen.map((c) => {
    const pre = prefixQualifier(view.text, c.start, c.kind);
    const post = suffixQualifier(view.text, c.end, c.kind);
    const qualifiers = [...(pre ? [pre.q] : []), ...c.qualifiers, ...(post ? [post] : [])];
    return {
      c,
      kind: c.kind,
      start: c.start,
      end: c.end,
      outerStart: pre ? pre.at : c.start,
      outerEnd: c.end + (post?.length ?? 0),
      labelAfter: c.labelAfter,
      label: c.label ?? null,
      place: null,
      per: null,
      country: null,
      qualifier: qualifiers.length > 0 ? qualifiers.join(',') : null,
    };
  });
  assignLabels(view.text, placed);
  const filed = datelines(view.text);
  return placed.map((p) => {
    const [start, end] = toOriginal(view, text, p.start, p.end);
    const metric: Metric = {
      kind: p.kind,
      text: text.slice(start, end),
      value: p.c.value,
      unit: p.c.unit,
      qualifier: p.qualifier,
      label: p.label,
      start,
      end,
    };
    if (p.c.valueTo !== undefined) metric.valueTo = p.c.valueTo;
    if (p.c.currency) metric.currency = p.c.currency;
    if (p.per) metric.per = p.per;
    if (p.place) metric.place = p.place;
    // Where the figure is from: the place its label was said of, else the last country named in
    // its sentence, else the city its report was filed from.
    const where = p.place ?? p.country ?? filed.findLast((d) => d.at < p.start)?.city;
    if (p.kind !== 'date' && isAbroad(where)) metric.abroad = true;
    return metric;
  });
}
