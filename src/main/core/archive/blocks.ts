/**
 * Pages with one paragraph per line and a blank line between articles (the People's Daily
 * corpus and most database exports). Every block is an article; its first line is the headline
 * when it reads as one (it may hold commas: 北国有寒趣，南疆闻花香), else the page printed the
 * article without a headline and the title is made from its first sentence.
 */
import { derivedTitle } from './headline';
import { TERMINAL_END, authorsOf, isByline } from './patterns';
import { isBlank, type Line } from './reflow';
import type { ArticleDraft } from './split';

const MAX_BLOCK_HEADLINE = 80;

function isBlockHeadline(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= MAX_BLOCK_HEADLINE && !TERMINAL_END.test(t) && !/[。]/u.test(t);
}

export function splitBlocks(lines: Line[]): ArticleDraft[] {
  const drafts: ArticleDraft[] = [];
  let block: Line[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    const texts = block.map((l) => l.text.trim());
    const titled = texts.length > 1 && isBlockHeadline(texts[0]);
    const paragraphs = titled ? texts.slice(1) : texts;
    const draft: ArticleDraft = {
      title: titled ? texts[0] : derivedTitle(texts[0]),
      paragraphs,
      lineStart: block[0].no,
      lineEnd: block[block.length - 1].no,
    };
    if (!titled) draft.untitled = true;
    // 本报记者 X on the line under the headline: name the authors, keep the line as printed.
    if (titled && isByline(paragraphs[0])) {
      draft.byline = paragraphs[0];
      const authors = authorsOf(paragraphs[0]);
      if (authors.length) draft.authors = authors;
    }
    drafts.push(draft);
    block = [];
  };
  for (const line of lines) {
    if (isBlank(line.text)) flush();
    else block.push(line);
  }
  flush();
  return drafts;
}
