/**
 * Anchoring annotations to article text with W3C Web Annotation selectors, and finding the
 * passage again after the text changed. The strategy follows Hypothesis: trust the position if
 * the quote is still there, else look for the exact quote nearest the old position, else search
 * approximately and score candidates by quote, context and position.
 */
import approxSearch from 'approx-string-match';
import type { ArticleText, TextPositionSelector, TextQuoteSelector } from './types';

/** Characters of context kept either side of a quote. */
export const CONTEXT_LENGTH = 32;

export interface AnnotationSelector {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export interface AnchorMatch {
  start: number;
  end: number;
  method: 'position' | 'exact' | 'normalized' | 'fuzzy';
  /** 0..1, how well quote and context agree (1 for an exact match with its context). */
  score: number;
}

/** The selectors for [start, end) of `text`. */
export function describeRange(
  text: string,
  start: number,
  end: number,
  context = CONTEXT_LENGTH,
): AnnotationSelector {
  if (!(start >= 0 && end > start && end <= text.length)) {
    throw new RangeError(`range [${start}, ${end}) is not inside a text of ${text.length} characters`);
  }
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - context), start),
      suffix: text.slice(end, end + context),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/**
 * Folds full-width forms to half-width (，→ ,) one code point at a time, keeping the length of
 * every code point so that offsets in the folded text are offsets in the original.
 */
export function foldWidth(text: string): string {
  let out = '';
  for (const cp of text) {
    const folded = cp.normalize('NFKC');
    out += folded.length === cp.length ? folded : cp;
  }
  return out;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Similarity of two strings from their edit distance: 1 when equal, 0 when nothing agrees. */
function similarity(expected: string, actual: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  const matches = approxSearch(actual, expected, expected.length);
  const errors = matches.length ? Math.min(...matches.map((m) => m.errors)) : expected.length;
  return Math.max(0, 1 - errors / expected.length);
}

/** How well the text around [start, end) agrees with the stored context, 0..1. */
function contextScore(
  text: string,
  start: number,
  end: number,
  quote: TextQuoteSelector,
  fuzzy: boolean,
): number {
  const before = text.slice(Math.max(0, start - quote.prefix.length), start);
  const after = text.slice(end, end + quote.suffix.length);
  const total = quote.prefix.length + quote.suffix.length;
  if (total === 0) return 1;
  if (fuzzy) {
    return (
      (similarity(quote.prefix, before) * quote.prefix.length +
        similarity(quote.suffix, after) * quote.suffix.length) /
      total
    );
  }
  return (commonSuffixLength(quote.prefix, before) + commonPrefixLength(quote.suffix, after)) / total;
}

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** Among exact occurrences, the one whose context agrees best, then the one nearest the hint. */
function bestOccurrence(
  text: string,
  haystack: string,
  needle: string,
  quote: TextQuoteSelector,
  hint: number | null,
): { start: number; score: number } | null {
  let best: { start: number; score: number; distance: number } | null = null;
  for (const start of occurrences(haystack, needle)) {
    const score = contextScore(text, start, start + needle.length, quote, false);
    const distance = hint === null ? 0 : Math.abs(start - hint);
    if (
      !best ||
      score > best.score + 1e-9 ||
      (Math.abs(score - best.score) <= 1e-9 && distance < best.distance)
    ) {
      best = { start, score, distance };
    }
  }
  return best && { start: best.start, score: 0.5 + 0.5 * best.score };
}

/** Approximate search, scored like Hypothesis (quote 50, prefix 20, suffix 20, position 2). */
function fuzzyMatch(text: string, quote: TextQuoteSelector, hint: number | null): AnchorMatch | null {
  const exact = quote.exact;
  const maxErrors = Math.min(256, Math.floor(exact.length / 2));
  if (maxErrors === 0 || text.length === 0) return null;
  let best: AnchorMatch | null = null;
  let bestQuote = 0;
  let bestContext = 0;
  for (const m of approxSearch(text, exact, maxErrors)) {
    const quoteScore = 1 - m.errors / exact.length;
    const ctx = contextScore(text, m.start, m.end, quote, true);
    const posScore = hint === null ? 1 : 1 - Math.abs(m.start - hint) / Math.max(1, text.length);
    const score = (50 * quoteScore + 40 * ctx + 2 * posScore) / 92;
    if (!best || score > best.score) {
      best = { start: m.start, end: m.end, method: 'fuzzy', score };
      bestQuote = quoteScore;
      bestContext = ctx;
    }
  }
  if (!best) return null;
  // A poor quote match is only believed when the context around it agrees too; otherwise a
  // deleted passage would "re-anchor" onto some unrelated sentence.
  const hasContext = quote.prefix.length + quote.suffix.length > 0;
  const accepted = bestQuote >= 0.75 || (hasContext && bestQuote >= 0.5 && bestContext >= 0.6);
  return accepted ? best : null;
}

export interface AnchorOptions {
  /** Whether the old position means anything in this text (false for another article). */
  usePosition?: boolean;
  /** Whether to fall back to approximate matching. */
  fuzzy?: boolean;
}

/** Finds the passage a selector describes in `text`, or null when it is not there. */
export function anchorSelector(
  text: string,
  selector: AnnotationSelector,
  options: AnchorOptions = {},
): AnchorMatch | null {
  const { quote, position } = selector;
  const usePosition = options.usePosition ?? true;
  const hint = usePosition ? position.start : null;
  if (usePosition && text.slice(position.start, position.end) === quote.exact) {
    return { start: position.start, end: position.end, method: 'position', score: 1 };
  }
  const exact = bestOccurrence(text, text, quote.exact, quote, hint);
  if (exact)
    return { start: exact.start, end: exact.start + quote.exact.length, method: 'exact', score: exact.score };

  const foldedQuote = foldWidth(quote.exact);
  const folded = bestOccurrence(text, foldWidth(text), foldedQuote, quote, hint);
  if (folded) {
    return {
      start: folded.start,
      end: folded.start + foldedQuote.length,
      method: 'normalized',
      score: folded.score * 0.95,
    };
  }
  return options.fuzzy === false ? null : fuzzyMatch(text, quote, hint);
}

export interface CrossArticleMatch extends AnchorMatch {
  article: ArticleText;
  moved: boolean;
}

/**
 * Finds the passage in its own article first, then in the candidates (articles a re-split may
 * have moved it to: same page file, same date). Exact matches anywhere beat fuzzy ones.
 */
export function anchorAcross(
  selector: AnnotationSelector,
  articleId: string,
  candidates: readonly ArticleText[],
): CrossArticleMatch | null {
  const own = candidates.find((a) => a.id === articleId);
  if (own) {
    const match = anchorSelector(own.text, selector, { fuzzy: false });
    if (match) return { ...match, article: own, moved: false };
  }
  const others = candidates.filter((a) => a.id !== articleId);
  const exactElsewhere: CrossArticleMatch[] = [];
  for (const article of others) {
    const match = anchorSelector(article.text, selector, { usePosition: false, fuzzy: false });
    if (match) exactElsewhere.push({ ...match, article, moved: true });
  }
  exactElsewhere.sort((a, b) => b.score - a.score);
  // The quote with most of its context elsewhere: the passage moved (a re-split).
  if (exactElsewhere[0] && exactElsewhere[0].score >= 0.8) return exactElsewhere[0];
  if (own) {
    const match = anchorSelector(own.text, selector);
    if (match) return { ...match, article: own, moved: false };
  }
  if (exactElsewhere[0]) return exactElsewhere[0];
  let best: CrossArticleMatch | null = null;
  for (const article of others) {
    const match = fuzzyMatch(article.text, selector.quote, null);
    if (match && (!best || match.score > best.score)) best = { ...match, article, moved: true };
  }
  return best;
}
