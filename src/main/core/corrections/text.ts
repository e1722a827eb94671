/**
 * Corrections of an article's text (OCR errors, transcription slips). The text as printed stays
 * in the catalogue untouched; the user's edits are a history of revisions kept with the other
 * corrections of the article. The reader shows the latest revision, and the search index sees
 * both forms: the corrected text, followed by the passages of the printed text that differ from
 * it (with some context either side), so that a search for the printed form still finds the
 * article and a snippet shows the passage as printed.
 */
import { textChanges } from '../../../shared/text-diff';
import type { Article, TextRevision } from '../../../shared/types';

/** Characters of the printed text kept either side of a corrected passage in the index. */
export const VARIANT_CONTEXT = 24;
/** The longest text a correction may have (characters): a few times the longest printed article. */
export const MAX_CORRECTED_TEXT = 2_000_000;
export const MAX_REVISION_NOTE = 2000;

/** Line endings and spaces at paragraph edges as the reader stores text: paragraphs split by a blank line. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/gu, '\n')
    .split(/\n[ \t\u3000]*\n+/u)
    .map((p) => p.replace(/^\n+|\s+$/gu, ''))
    .filter((p) => p.trim().length > 0);
}

/** The text as the reader keeps it: paragraphs joined by one blank line. */
export function canonicalText(text: string): string {
  return paragraphsOf(text).join('\n\n');
}

/** The text the latest revision gives, or null when there is none or it went back to the printed text. */
export function currentText(history: readonly TextRevision[] | undefined): string | null {
  const last = history?.at(-1);
  return last ? last.text : null;
}

/**
 * The passages of `original` that `corrected` changed, each with VARIANT_CONTEXT characters of
 * the printed text either side, overlapping passages merged, one per line.
 */
export function printedVariants(original: string, corrected: string, context = VARIANT_CONTEXT): string {
  // An insertion changes the printed text between two characters: the context around it is kept.
  const spans = textChanges(original, corrected).map((c) => [c.at, c.at + c.removed.length] as const);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const from = Math.max(0, start - context);
    const to = Math.min(original.length, end + context);
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged.map(([from, to]) => original.slice(from, to).replace(/\s*\n\s*/gu, ' ')).join('\n');
}

/**
 * The text an index holds for an article: its text, then (for a corrected text) the printed
 * passages that differ, after a paragraph break. Snippets and highlights of the text the reader
 * shows come from the first part.
 */
export function indexedText(article: Pick<Article, 'text' | 'originalText'>): string {
  if (article.originalText === undefined || article.originalText === article.text) return article.text;
  const variants = printedVariants(article.originalText, article.text);
  return variants ? `${article.text}\n\n${variants}` : article.text;
}

export type RevisionOutcome =
  | { kind: 'changed'; history: TextRevision[] }
  | { kind: 'unchanged' }
  | { kind: 'refused'; code: 'empty-text' | 'text-too-long'; message: string };

/**
 * Adds a revision: `text` is the whole new text, or null to go back to the printed text. A text
 * equal to the printed one is stored as null; a text equal to the current one adds nothing.
 */
export function addRevision(
  history: readonly TextRevision[] | undefined,
  printed: string,
  text: string | null,
  note: string | undefined,
  now: Date,
): RevisionOutcome {
  let next: string | null = null;
  if (text !== null) {
    if (text.length > MAX_CORRECTED_TEXT)
      return {
        kind: 'refused',
        code: 'text-too-long',
        message: `a corrected text may have at most ${MAX_CORRECTED_TEXT} characters`,
      };
    const clean = canonicalText(text);
    if (!clean)
      return {
        kind: 'refused',
        code: 'empty-text',
        message: 'the corrected text is empty; to go back to the printed text, restore the original',
      };
    next = clean === printed ? null : clean;
  }
  const current = currentText(history);
  if (next === current) return { kind: 'unchanged' };
  const revision: TextRevision = { text: next, at: now.toISOString() };
  const cleanNote = note?.trim().slice(0, MAX_REVISION_NOTE);
  if (cleanNote) revision.note = cleanNote;
  return { kind: 'changed', history: [...(history ?? []), revision] };
}

/**
 * The article with its corrected text: `text` and `paragraphs` from the latest revision, the
 * printed text in `originalText`. Sections keep their place only while the paragraphs do.
 */
export function withCorrectedText(article: Article, history: readonly TextRevision[] | undefined): Article {
  const text = currentText(history);
  if (text === null || text === article.text) return article;
  const paragraphs = paragraphsOf(text);
  const next: Article = { ...article, text, paragraphs, originalText: article.text };
  if (article.sections && paragraphs.length !== article.paragraphs.length) {
    const sections = article.sections.filter((s) => s.paragraph < paragraphs.length);
    if (sections.length) next.sections = sections;
    else delete next.sections;
  }
  return next;
}
