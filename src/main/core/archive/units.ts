/**
 * Names the units of a page (headline, lead, byline, caption, box label, furniture, body),
 * finds photo captions by the gap a photo leaves, and joins paragraphs the page broke. Pure.
 */
import {
  LIST_ITEM,
  SENTENCE_END,
  boxLabel,
  isByline,
  isCaption,
  isFurniture,
  isHeadlineLike,
  isLead,
  isLeadOnly,
  isSlogan,
} from './patterns';
import { joinText, type Unit } from './reflow';

export type Kind = 'heading' | 'label' | 'lead' | 'byline' | 'caption' | 'furniture' | 'body';
export interface Named extends Unit {
  kind: Kind;
}

export function nameUnit(u: Unit): Kind {
  if (u.level !== undefined || u.heading) return 'heading';
  const t = u.text;
  if (isFurniture(t) || isSlogan(t)) return 'furniture';
  if (boxLabel(t)) return 'label';
  if (isCaption(t)) return 'caption';
  if (isByline(t)) return 'byline';
  if (isLead(t)) return 'lead';
  return u.lines.length === 1 && isHeadlineLike(t) ? 'heading' : 'body';
}

/**
 * A short line standing alone after a wider gap than the page's usual one is a photo caption
 * (the gap is where the photo was), unless a body paragraph follows it, or it reads as a
 * headline and a lead follows it.
 */
export function findCaptionsByGap(units: Named[]): void {
  const gaps = units
    .slice(1)
    .map((u) => u.gapBefore)
    .sort((a, b) => a - b);
  const usual = gaps.length ? gaps[gaps.length >> 1] : 0;
  for (let i = 1; i < units.length; i++) {
    const u = units[i];
    if (u.gapBefore < 2 || u.gapBefore <= usual || u.lines.length !== 1 || u.text.length > 60) continue;
    if ((u.kind !== 'heading' && u.kind !== 'body') || u.level !== undefined || u.heading) continue;
    const next = units[i + 1]?.kind;
    if (next === 'body') continue;
    if (next === 'lead' && u.kind === 'heading') continue;
    u.kind = 'caption';
  }
}

/** Joins paragraphs the page broke: a body unit that does not end a sentence runs on. */
export function joinBroken(units: Named[]): Named[] {
  const out: Named[] = [];
  const pending: Named[] = [];
  let open: Named | null = null;
  const flush = (): void => {
    out.push(...pending.splice(0));
  };
  for (const u of units) {
    const isBody = u.kind === 'body' || u.kind === 'lead';
    if (open && u.kind === 'caption') {
      pending.push(u); // A caption printed mid-paragraph: keep it, keep the paragraph open.
      continue;
    }
    if (open && u.kind === 'body' && !LIST_ITEM.test(u.text)) {
      open.text = joinText(open.text, u.text);
      open.lines.push(...u.lines);
      if (SENTENCE_END.test(open.text)) open = null;
      continue;
    }
    flush();
    out.push(u);
    open = isBody && (!SENTENCE_END.test(u.text) || isLeadOnly(u.text)) ? u : null;
  }
  flush();
  return out;
}

/** The level that starts an article on a markdown page: `##` on page 000, `#` on a page with one `#` title. */
export function articleLevel(units: Named[]): number {
  const tops: number[] = [];
  let inRun = false;
  for (const u of units) {
    if (u.level !== undefined) {
      if (!inRun) tops.push(u.level);
      else tops[tops.length - 1] = Math.min(tops[tops.length - 1], u.level);
      inRun = true;
    } else inRun = false;
  }
  if (tops.length === 0) return 0;
  const min = Math.min(...tops);
  const atMin = tops.filter((t) => t === min).length;
  if (atMin >= 2 || tops[0] === min) return min;
  return Math.min(...tops.filter((t) => t > min), 6);
}
