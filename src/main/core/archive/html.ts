/**
 * HTML pages to page text, through a real parser (htmlparser2): text only, never scripts,
 * styles or anything remote. Headings become markdown headings so the page reader sees them;
 * block elements become paragraphs. Each output line remembers the lines of the HTML file it
 * came from, so articles still point at the original file.
 */
import { Parser } from 'htmlparser2';
import type { Encoding } from './decode';

export interface HtmlText {
  text: string;
  /** For output line i + 1: first and last line of the HTML file it came from. */
  lineMap: [number, number][];
}

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'select',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'main',
  'blockquote',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'figure',
  'figcaption',
  'pre',
  'hr',
  'address',
  'center',
  'body',
  'nav',
]);
const HEADING = /^h([1-6])$/u;

/** The charset an HTML file declares in its first bytes, as one of ours. */
export function declaredCharset(bytes: Uint8Array): Encoding | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/iu.exec(head);
  if (!m) return undefined;
  const name = m[1].toLowerCase();
  if (/^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/u.test(name)) return 'gb18030';
  if (/^(?:big5|big5-hkscs|cp950)$/u.test(name)) return 'big5';
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  return undefined;
}

export function htmlToText(html: string): HtmlText {
  const lineStarts = [0];
  for (let i = 0; i < html.length; i++) if (html.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const lines: { text: string; from: number; to: number }[] = [];
  let current = { text: '', from: 0, to: 0 };
  let skipDepth = 0;
  let pre = 0;
  const endLine = (blankAfter: boolean): void => {
    const text = current.text.replace(/[ \t]+/gu, ' ').trim();
    if (text && text !== '#'.repeat(text.length)) lines.push({ ...current, text });
    if (blankAfter && lines.length && lines[lines.length - 1].text !== '')
      lines.push({ text: '', from: 0, to: 0 });
    current = { text: '', from: 0, to: 0 };
  };
  const parser: Parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        if (skipDepth) return;
        if (name === 'pre') pre++;
        const heading = HEADING.exec(name);
        if (heading || BLOCK.has(name)) endLine(true);
        if (heading) current.text = `${'#'.repeat(Number(heading[1]))} `;
        if (name === 'br') endLine(false);
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth) return;
        if (name === 'pre') pre = Math.max(0, pre - 1);
        if (HEADING.test(name) || BLOCK.has(name)) endLine(true);
      },
      ontext(data) {
        if (skipDepth) return;
        const from = lineAt(parser.startIndex);
        const to = lineAt(Math.max(parser.startIndex, parser.endIndex));
        const pieces = pre ? data.split(/\r\n|\r|\n/u) : [data.replace(/\s+/gu, ' ')];
        pieces.forEach((piece, i) => {
          if (i > 0) endLine(false);
          if (!piece.trim() && !current.text) return;
          if (!current.from) current.from = from + (pre ? i : 0);
          current.to = pre ? from + i : to;
          current.text += piece;
        });
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  endLine(false);
  while (lines.length && lines[lines.length - 1].text === '') lines.pop();
  const lineMap: [number, number][] = [];
  let last = 1;
  for (const l of lines) {
    // Blank separators take the line of what came before, so spans stay in order.
    if (l.text === '') lineMap.push([last, last]);
    else {
      lineMap.push([l.from || last, Math.max(l.to, l.from || last)]);
      last = Math.max(l.to, l.from || last);
    }
  }
  return { text: lines.map((l) => l.text).join('\n'), lineMap };
}
