/** Word segmentation for autocomplete and ranking (Intl.Segmenter, created once). */
let segmenter: Intl.Segmenter | null = null;

/**
 * Longest piece of text segmented at once. ICU's dictionary segmentation of Chinese costs far
 * more than linear time in the length of a run without breaks (a 350,000-character article
 * without a paragraph break took over two minutes), so longer text is cut first, at the last
 * punctuation or space of the piece where there is one.
 */
export const MAX_SEGMENT_PIECE = 2000;

/** Where to end the piece that starts at `from`: after its last non-word character when it has one. */
function pieceEnd(text: string, from: number): number {
  const limit = from + MAX_SEGMENT_PIECE;
  if (limit >= text.length) return text.length;
  for (let at = limit; at > from + MAX_SEGMENT_PIECE / 2; at--) {
    if (/[\s\p{P}\p{S}]/u.test(text[at - 1])) return at;
  }
  return limit;
}

/** Word-like segments of normalised text (Chinese words, Latin words, numbers). */
export function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (let from = 0; from < text.length;) {
    const to = pieceEnd(text, from);
    const piece = from === 0 && to === text.length ? text : text.slice(from, to);
    for (const s of segmenter.segment(piece)) if (s.isWordLike) out.push(s.segment);
    from = to;
  }
  return out;
}

/** Whether some word of the title (by words()) starts with the prefix. */
export function startsAWord(title: string, prefix: string): boolean {
  let at = 0;
  for (const w of words(title)) {
    const i = title.indexOf(w, at);
    if (i === -1) continue;
    at = i;
    if (title.startsWith(prefix, i)) return true;
  }
  return false;
}
