/**
 * Splits the text of one newspaper page into articles. A first version of the editor's reading
 * of a page: markdown headings, headline lines standing alone after a finished sentence, and
 * OCR hard wraps joined back into paragraphs. Pure: text in, drafts out.
 */

export interface ArticleDraft {
  title: string;
  paragraphs: string[];
  /** 1-based inclusive lines of the page that the article covers. */
  lineStart: number;
  lineEnd: number;
}

const SENTENCE_END = /[。！？!?…；;：:”’」』）)】》\]]$/u;
const INNER_PUNCT = /[。，,、；;！？!?：]/u;
const CAPTION = /(摄\s*\/|\/\s*摄|（资料图）|\(资料图\)|图片由.*提供|^图为)/u;
const MD_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/u;
const MAX_HEADLINE = 64;

interface Line {
  no: number;
  text: string;
}

function isHeadlineLike(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > MAX_HEADLINE) return false;
  if (CAPTION.test(t)) return false;
  return !INNER_PUNCT.test(t.replace(/[“”"‘’]/gu, ''));
}

/** Joins OCR hard-wrapped lines: a line that does not end a sentence continues on the next. */
function toParagraphs(lines: Line[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  // A lone headline-like line after a blank is a subhead: it never runs on into the next line.
  let currentIsSubhead = false;
  let previousBlank = true;
  for (const line of lines) {
    const t = line.text.trim();
    if (!t) {
      previousBlank = true;
      continue;
    }
    const continues =
      current !== '' && !SENTENCE_END.test(current) && !currentIsSubhead && !MD_HEADING.test(t);
    if (continues) {
      current += /[A-Za-z0-9]$/u.test(current) && /^[A-Za-z0-9]/u.test(t) ? ` ${t}` : t;
      currentIsSubhead = false;
    } else {
      if (current) paragraphs.push(current);
      current = t;
      currentIsSubhead = (previousBlank && isHeadlineLike(t)) || MD_HEADING.test(t);
    }
    previousBlank = false;
  }
  if (current) paragraphs.push(current);
  return paragraphs.map((p) => p.replace(MD_HEADING, '$2'));
}

/** Builds a draft from its lines; the first `headline.length` non-blank lines are the headline. */
function draftFrom(lines: Line[], headline: string[]): ArticleDraft | null {
  const content = lines.filter((l) => l.text.trim());
  if (content.length === 0) return null;
  let skip = headline.length;
  const bodyLines = lines.filter((l) => {
    if (skip > 0 && l.text.trim()) {
      skip--;
      return false;
    }
    return true;
  });
  const paragraphs = toParagraphs(bodyLines);
  const title =
    headline.length > 0
      ? headline.reduce((a, b) => (b.length > a.length ? b : a))
      : (paragraphs[0] ?? '').slice(0, 40);
  return {
    title,
    paragraphs,
    lineStart: content[0].no,
    lineEnd: content[content.length - 1].no,
  };
}

function splitMarkdown(lines: Line[]): ArticleDraft[] {
  const drafts: ArticleDraft[] = [];
  let chunk: Line[] = [];
  let headline: string[] = [];
  const flush = (): void => {
    const hasBody = chunk.some((l) => l.text.trim() && !MD_HEADING.test(l.text.trim()));
    const draft = hasBody || headline.length ? draftFrom(chunk, headline) : null;
    if (draft && draft.paragraphs.length > 0) drafts.push(draft);
    else if (draft && drafts.length > 0) drafts[drafts.length - 1].lineEnd = draft.lineEnd;
  };
  for (const line of lines) {
    const m = MD_HEADING.exec(line.text.trim());
    if (m && m[1].length <= 2) {
      flush();
      chunk = [line];
      headline = [m[2]];
    } else {
      chunk.push(line);
    }
  }
  flush();
  return drafts;
}

function splitPlain(lines: Line[]): ArticleDraft[] {
  const drafts: ArticleDraft[] = [];
  let chunk: Line[] = [];
  let headline: string[] = [];
  let lastContent = '';
  let blankBefore = true;
  let inHeadline = false;
  const flush = (): void => {
    const draft = draftFrom(chunk, headline);
    if (!draft) return;
    if (draft.paragraphs.length > 0) drafts.push(draft);
    else if (drafts.length > 0) drafts[drafts.length - 1].lineEnd = draft.lineEnd;
    else drafts.push({ ...draft, paragraphs: [draft.title] });
  };
  for (const line of lines) {
    const t = line.text.trim();
    if (!t) {
      blankBefore = true;
      chunk.push(line);
      continue;
    }
    const afterSentence = lastContent === '' || SENTENCE_END.test(lastContent);
    if (inHeadline && isHeadlineLike(t) && headline.length < 4) {
      headline.push(t);
      chunk.push(line);
    } else if (blankBefore && afterSentence && isHeadlineLike(t)) {
      flush();
      chunk = [line];
      headline = [t];
      inHeadline = true;
    } else {
      inHeadline = false;
      chunk.push(line);
    }
    lastContent = t;
    blankBefore = false;
  }
  flush();
  return drafts;
}

/** Splits a page into article drafts, in reading order. */
export function splitPage(text: string): ArticleDraft[] {
  const lines: Line[] = text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .map((t, i) => ({ no: i + 1, text: t }));
  const markdown = lines.some((l) => /^#{1,2}\s+\S/u.test(l.text.trim()));
  return markdown ? splitMarkdown(lines) : splitPlain(lines);
}
