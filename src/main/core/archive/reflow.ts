/**
 * From the lines of a page to units: paragraphs or single lines with the span of original lines
 * they came from. Decides the page's layout first, because a blank line means different things:
 * an article break (one paragraph per line, as in the People's Daily corpus), a paragraph break
 * (most exports), or nothing at all (OCR columns, where blanks fall at column and box breaks,
 * even mid-word: 中等职业学 / blank / 校6所).
 */
import {
  LIST_ITEM,
  MD_HEADING,
  TERMINAL_END,
  displayWidth,
  isCaption,
  isHeadlineLike,
  isLead,
} from './patterns';

export interface Line {
  /** 1-based line number in the page text. */
  no: number;
  text: string;
}

/**
 * - markdown: `#` headings mark headlines and sections.
 * - blocks: one paragraph per line, a blank line between articles.
 * - spaced: a blank line between paragraphs.
 * - wrapped: OCR column text hard-wrapped at a fixed width.
 */
export type Layout = 'markdown' | 'blocks' | 'spaced' | 'wrapped';

export interface Unit {
  text: string;
  /** Line numbers (1-based) of the non-blank lines this unit was made of. */
  lines: number[];
  /** Blank lines between this unit and the previous non-blank line (0 at the top of the page counts all). */
  gapBefore: number;
  /** Markdown heading level (1–6). */
  level?: number;
  /** Set by the OCR reflow, which sees the column: this line is a subhead or headline. */
  heading?: boolean;
}

const BLANK = /^[\s\u00a0\u3000\ufeff]*$/u;

export function splitLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .map((t, i) => ({ no: i + 1, text: t }));
}

export function isBlank(text: string): boolean {
  return BLANK.test(text);
}

function content(lines: Line[]): Line[] {
  return lines.filter((l) => !isBlank(l.text));
}

export function detectLayout(lines: Line[]): Layout {
  const nonBlank = content(lines);
  if (nonBlank.length === 0) return 'spaced';
  if (nonBlank.some((l) => /^#{1,6}\s+\S/u.test(l.text.trim()))) return 'markdown';
  // Runs of consecutive non-blank lines.
  const runs: Line[][] = [];
  let run: Line[] = [];
  for (const line of lines) {
    if (isBlank(line.text)) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(line);
  }
  if (run.length) runs.push(run);
  const adjacent = (nonBlank.length - runs.length) / nonBlank.length;
  if (adjacent < 0.25) return 'spaced';
  // Inside runs, away from their first line (a headline), hard-wrapped text runs on; one
  // paragraph per line ends its sentences.
  // Hard-wrapped lines also share one width (verse, which runs on too, does not).
  let samples = 0;
  const runOn: number[] = [];
  for (const r of runs) {
    for (let i = 1; i < r.length - 1; i++) {
      samples++;
      const t = r[i].text.trim();
      if (!TERMINAL_END.test(t) && !/[：:；;]$/u.test(t)) runOn.push(displayWidth(t));
    }
    if (r.length === 2 && !TERMINAL_END.test(r[0].text.trim()) && !isHeadlineLike(r[0].text)) {
      samples++;
      runOn.push(displayWidth(r[0].text.trim()));
    }
  }
  if (samples === 0 || runOn.length / samples < 0.5) return 'blocks';
  const column = columnWidth(runOn);
  const atColumn = runOn.filter((w) => w >= column - 4 && w <= column + 2).length;
  // And no paragraph is much wider than the column (tables and verse inside a page of long
  // paragraphs are not OCR columns).
  const wide = nonBlank.filter((l) => displayWidth(l.text.trim()) > column + 6).length;
  return column >= 16 && atColumn / runOn.length >= 0.5 && wide / nonBlank.length < 0.1
    ? 'wrapped'
    : 'blocks';
}

function unitOf(line: Line, gapBefore: number): Unit {
  const t = line.text.trim();
  const md = MD_HEADING.exec(t);
  if (md) return { text: md[2], lines: [line.no], gapBefore, level: md[1].length };
  return { text: t, lines: [line.no], gapBefore };
}

/** One unit per non-blank line (markdown, blocks and spaced pages). */
export function lineUnits(lines: Line[]): Unit[] {
  const units: Unit[] = [];
  let gap = 0;
  for (const line of lines) {
    if (isBlank(line.text)) {
      gap++;
      continue;
    }
    units.push(unitOf(line, gap));
    gap = 0;
  }
  return units;
}

/**
 * The column width of an OCR page: the width most run-on lines are wrapped at. Lines with digits
 * or Latin letters come out a cell or two narrower, so a line counts as full from width - 3.
 */
export function columnWidth(widths: number[]): number {
  const counts = new Map<number, number>();
  for (const w of widths) if (w >= 12) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [w, c] of counts) {
    if (c > bestCount || (c === bestCount && w > best)) {
      best = w;
      bestCount = c;
    }
  }
  return best || Math.max(0, ...widths);
}

/** Joins two pieces of a wrapped line: CJK runs on directly, Latin words keep a space. */
export function joinText(a: string, b: string): string {
  return /[A-Za-z0-9]$/u.test(a) && /^[A-Za-z0-9]/u.test(b) ? `${a} ${b}` : a + b;
}

/**
 * Reflows an OCR page. A line runs on into the next non-blank line, across blank lines too,
 * unless it ends a sentence, the next line starts a list item, a lead or a caption, or it is a
 * subhead. A subhead is a line with no punctuation that starts a paragraph and is followed by
 * the first line of a paragraph, which is narrower than the column (its indent was lost), or by
 * nothing; a line wider than the column with no punctuation is a subhead too.
 */
export function reflowWrapped(lines: Line[]): Unit[] {
  const nonBlank = content(lines);
  const widths = nonBlank.map((l) => displayWidth(l.text.trim()));
  const runOnWidths = nonBlank
    .filter((l) => !TERMINAL_END.test(l.text.trim()))
    .map((l) => displayWidth(l.text.trim()));
  const column = columnWidth(runOnWidths.length >= 3 ? runOnWidths : widths);
  const full = (w: number): boolean => w >= column - 3;
  const gaps = new Map<number, number>();
  let gap = 0;
  for (const line of lines) {
    if (isBlank(line.text)) gap++;
    else {
      gaps.set(line.no, gap);
      gap = 0;
    }
  }
  const units: Unit[] = [];
  let current: Unit | null = null;
  for (let i = 0; i < nonBlank.length; i++) {
    const line = nonBlank[i];
    const t = line.text.trim();
    const next = nonBlank[i + 1];
    const nextText = next?.text.trim() ?? '';
    if (!current) current = { text: t, lines: [line.no], gapBefore: gaps.get(line.no) ?? 0 };
    else {
      current.text = joinText(current.text, t);
      current.lines.push(line.no);
    }
    const startsParagraph = current.lines.length === 1;
    const strictHeadline = isHeadlineLike(t) && !/[、：:！!？?（(]/u.test(t);
    const nextStartsParagraph = !next || (!full(displayWidth(nextText)) && !TERMINAL_END.test(nextText));
    // Every line of a paragraph but its last is about as wide as the column (the first one
    // less its indent); a much shorter line that runs on ends its unit all the same.
    const short = widths[i] < column - 7;
    const heading =
      startsParagraph && strictHeadline && (nextStartsParagraph || short || widths[i] > column + 2);
    const indented = next !== undefined && /^(?:\u3000|\s{2,})/u.test(next.text);
    const ends =
      !next ||
      heading ||
      short ||
      TERMINAL_END.test(t) ||
      isCaption(t) ||
      isCaption(nextText) ||
      LIST_ITEM.test(nextText) ||
      isLead(nextText) ||
      /^#{1,6}\s/u.test(nextText) ||
      (indented && !full(widths[i]));
    if (ends) {
      if (heading) current.heading = true;
      units.push(current);
      current = null;
    }
  }
  if (current) units.push(current);
  return units;
}
