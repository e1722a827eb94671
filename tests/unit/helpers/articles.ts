import type { Article } from '../../../src/shared/types';

/** A hand-made article for index tests: paragraphs are the text's blank-line-separated parts. */
export function article(id: string, title: string, text: string, extra: Partial<Article> = {}): Article {
  return {
    id,
    title,
    paragraphs: text.split('\n\n'),
    text,
    source: { file: `${id}.txt`, lineStart: 1, lineEnd: 1 },
    ...extra,
  };
}
