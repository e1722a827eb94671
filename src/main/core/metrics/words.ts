/**
 * Words of a clause, for finding labels (label.ts): Intl.Segmenter ('zh', ICU's dictionary), run
 * on one clause at a time. ICU segments each run of ideographs on its own, so a clause cut at
 * punctuation segments exactly as it would inside its paragraph; its cost grows faster than the
 * length of a run, so a clause is never longer than MAX_CLAUSE (newspaper clauses are far shorter).
 */

export interface Word {
  text: string;
  start: number;
  end: number;
  /** Ideographs, letters or digits (not punctuation, spaces or symbols). */
  wordLike: boolean;
}

/** Longest text segmented at once, either side of a figure. */
export const MAX_CLAUSE = 256;

let segmenter: Intl.Segmenter | null = null;

/** The words of text.slice(start, end), with offsets into `text`. */
export function segmentWords(text: string, start: number, end: number): Word[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: Word[] = [];
  for (const s of segmenter.segment(text.slice(start, end))) {
    const at = start + s.index;
    out.push({ text: s.segment, start: at, end: at + s.segment.length, wordLike: s.isWordLike === true });
  }
  return out;
}
