/** Word segmentation for autocomplete and ranking (Intl.Segmenter, created once). */
let segmenter: Intl.Segmenter | null = null;

/** Word-like segments of normalised text (Chinese words, Latin words, numbers). */
export function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}
