/**
 * Markdown export, grouped by article, for Obsidian and Typora as is. Archive text and notes are
 * escaped so that nothing in them turns into markup (a '#' in a note is not a heading, a '<'
 * in the OCR text is not HTML); only the structure written here is Markdown.
 */
import { citeArticle } from './citation';
import { COLOR_NAMES_ZH, groupByArticle, savedSearches, type Selection } from './collect';
import type { Annotation, ArticleMeta } from './types';

/** Backslash-escapes Markdown (and Obsidian's ==, $, #tag) syntax in plain text, line by line. */
export function escapeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^[ \t]+/u, '') // leading spaces would make an indented code block
        .replace(/[\\`*_[\]<>#+!|~$=&]/gu, '\\$&')
        .replace(/^(\d+)([.)])/u, '$1\\$2')
        .replace(/^-/u, '\\-'),
    )
    .join('\n');
}

/** Text as a blockquote; blank lines stay inside the quote. */
function blockquote(text: string): string {
  return escapeMarkdown(text.replace(/\r\n?/gu, '\n'))
    .split('\n')
    .map((line) => (line.trim() ? `> ${line}` : '>'))
    .join('\n');
}

/** A tag as Obsidian accepts it: no spaces or punctuation other than _ - /. */
export function obsidianTag(tag: string): string {
  return `#${tag.trim().replace(/[^\p{L}\p{N}_\-/]+/gu, '_')}`;
}

function annotationBlock(a: Annotation): string {
  const lines = [blockquote(a.selector.quote.exact)];
  const meta: string[] = [`${COLOR_NAMES_ZH[a.color] ?? a.color}色标注`];
  if (a.anchor.status === 'orphaned') meta.push('原文已改动，未能重新定位；以上为保存时的引文');
  if (a.tags.length) meta.push(a.tags.map(obsidianTag).join(' '));
  if (a.note) lines.push('', escapeMarkdown(a.note));
  lines.push('', `— ${meta.join(' · ')}`);
  return lines.join('\n');
}

export interface MarkdownOptions {
  fresh?: ReadonlyMap<string, ArticleMeta>;
  /** ISO time shown in the heading; omitted when not given (keeps output reproducible). */
  exportedAt?: string;
  title?: string;
}

export function toMarkdown(selection: Selection, options: MarkdownOptions = {}): string {
  const groups = groupByArticle(selection, options.fresh);
  const out: string[] = [`# ${escapeMarkdown(options.title ?? 'Newsstack 笔记')}`, ''];
  const count = selection.annotations.length;
  out.push(
    `${options.exportedAt ? `导出于 ${options.exportedAt.slice(0, 10)} · ` : ''}${groups.length} 篇文章 · ${count} 条标注`,
    '',
  );
  for (const group of groups) {
    out.push(`## ${escapeMarkdown(group.article.title || group.article.id)}`, '');
    out.push(citeArticle(group.article, escapeMarkdown), '');
    const bookmark = group.bookmark;
    if (bookmark?.tags.length) out.push(`标签：${bookmark.tags.map(obsidianTag).join(' ')}`, '');
    if (bookmark?.note) out.push(escapeMarkdown(bookmark.note), '');
    for (const a of group.annotations) out.push(annotationBlock(a), '');
    out.push('---', '');
  }
  const searches = savedSearches(selection);
  if (searches.length) {
    out.push('## 保存的搜索', '');
    for (const s of searches) {
      const label = s.title && s.title !== s.search.query ? ` — ${escapeMarkdown(s.title)}` : '';
      const note = s.note ? `：${escapeMarkdown(s.note)}` : '';
      out.push(`- 检索「${escapeMarkdown(s.search.query)}」${label}${note}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
