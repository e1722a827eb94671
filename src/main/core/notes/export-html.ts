/**
 * A printable HTML page of notes. Everything from the archive or the user is escaped; the page
 * has no scripts and a CSP that forbids them, so it is safe to open from any folder.
 */
import { citeArticle } from './citation';
import { COLOR_NAMES_ZH, groupByArticle, savedSearches, type Selection } from './collect';
import type { Annotation, ArticleMeta } from './types';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Paragraph breaks stay paragraphs; single line breaks become <br>. */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/u)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
  line-height: 1.8; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
.citation { color: #444; font-size: 0.95em; }
blockquote { margin: 1em 0; padding: 0.2em 1em; border-left: 4px solid #bbb; }
blockquote.yellow { border-color: #e6c200; background: #fff8d6; }
blockquote.green { border-color: #3fa34d; background: #e6f6e8; }
blockquote.blue { border-color: #3b7dd8; background: #e5effc; }
blockquote.pink { border-color: #d8578d; background: #fde8f1; }
blockquote.purple { border-color: #8a5cd1; background: #f0e9fb; }
.note { margin-left: 1em; } .meta { color: #666; font-size: 0.85em; }
.orphaned { color: #a33; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } blockquote { break-inside: avoid; } }
`;

function annotationHtml(a: Annotation): string {
  const meta = [`${COLOR_NAMES_ZH[a.color] ?? a.color}色标注`, ...a.tags.map((t) => `#${t}`)];
  const orphan =
    a.anchor.status === 'orphaned'
      ? '<p class="meta orphaned">原文已改动，未能重新定位；以上为保存时的引文</p>'
      : '';
  return [
    `<blockquote class="${escapeHtml(a.color)}">${paragraphs(a.selector.quote.exact)}</blockquote>`,
    orphan,
    a.note ? `<div class="note">${paragraphs(a.note)}</div>` : '',
    `<p class="meta">${escapeHtml(meta.join(' · '))}</p>`,
  ].join('\n');
}

export interface HtmlOptions {
  fresh?: ReadonlyMap<string, ArticleMeta>;
  exportedAt?: string;
  title?: string;
}

export function toHtml(selection: Selection, options: HtmlOptions = {}): string {
  const title = options.title ?? 'Newsstack 笔记';
  const body: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  if (options.exportedAt)
    body.push(`<p class="meta">导出于 ${escapeHtml(options.exportedAt.slice(0, 10))}</p>`);
  for (const group of groupByArticle(selection, options.fresh)) {
    body.push(`<section>`, `<h2>${escapeHtml(group.article.title || group.article.id)}</h2>`);
    body.push(`<p class="citation">${escapeHtml(citeArticle(group.article))}</p>`);
    const b = group.bookmark;
    if (b?.tags.length) body.push(`<p class="meta">${escapeHtml(b.tags.map((t) => `#${t}`).join(' '))}</p>`);
    if (b?.note) body.push(`<div class="note">${paragraphs(b.note)}</div>`);
    for (const a of group.annotations) body.push(annotationHtml(a));
    body.push(`</section>`);
  }
  const searches = savedSearches(selection);
  if (searches.length) {
    body.push('<section>', '<h2>保存的搜索</h2>', '<ul>');
    for (const s of searches) {
      const extra = s.title !== s.search.query ? ` — ${escapeHtml(s.title)}` : '';
      body.push(
        `<li>检索「${escapeHtml(s.search.query)}」${extra}${s.note ? `：${escapeHtml(s.note)}` : ''}</li>`,
      );
    }
    body.push('</ul>', '</section>');
  }
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
