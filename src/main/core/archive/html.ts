/**
 * HTML pages to page text, through a real parser (htmlparser2): text only, never scripts,
 * styles or anything remote. Headings become markdown headings so the page reader sees them;
 * block elements become paragraphs. Each output line remembers the lines of the HTML file it
 * came from, so articles still point at the original file. A saved article page (one story with
 * a site around it) is read by html-article.ts instead; this text is for every other page.
 */
import type { AnyNode, Document, Element, Text } from 'domhandler';
import { DomUtils, ElementType, Parser, parseDocument } from 'htmlparser2';
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

/** A charset name (gb2312, GBK, big5, utf-8 …) as one of ours; undefined when it is none of them. */
export function charsetOf(name: string | undefined): Encoding | undefined {
  const n = (name ?? '').trim().toLowerCase();
  if (/^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/u.test(n)) return 'gb18030';
  if (/^(?:big5|big5-hkscs|cp950)$/u.test(n)) return 'big5';
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  return undefined;
}

/** The charset an HTML file declares in its first bytes, as one of ours. */
export function declaredCharset(bytes: Uint8Array): Encoding | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/iu.exec(head);
  return m ? charsetOf(m[1]) : undefined;
}

/**
 * The charset to try first for an HTML file: what it declares (or `declared`, what its MHTML part
 * says), unless its bytes are UTF-8. Pages were re-saved as UTF-8 with their old `charset=gb2312`
 * left in; valid UTF-8 whose characters are mostly three-byte ones (Chinese) is never GBK text in
 * practice, so the bytes win.
 */
export function htmlCharset(bytes: Uint8Array, declared = declaredCharset(bytes)): Encoding | undefined {
  if (declared !== 'gb18030' && declared !== 'big5') return declared;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return declared;
  }
  let wide = 0;
  let narrow = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x800) wide++;
    else if (c >= 0x80) narrow++;
  }
  return wide > 0 && wide >= narrow ? 'utf-8' : declared;
}

/** Line (1-based) of each offset of `text`: a binary search over the line starts. */
export function lineLocator(text: string): (offset: number) => number {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

export function htmlToText(html: string): HtmlText {
  const lineAt = lineLocator(html);
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

/** A paragraph, line or heading as the page shows it, with what the article reader needs to judge it. */
export interface TextBlock {
  text: string;
  /** Characters that are not spaces, and how many of them are inside links. */
  chars: number;
  linkChars: number;
  /** Offsets in the HTML of the block's first and last text. */
  start: number;
  end: number;
  /** The elements around the block, innermost first. */
  path: Element[];
  /** 1–6 inside h1–h6, else 0. */
  heading: number;
  /** All its text is bold (b, strong): a subhead on pages that use no headings. */
  bold: boolean;
  /** Elements around it that look like site furniture (navigation, share bar, comments, hidden …). */
  marks: Element[];
  /** Marked by something no article sits in (nav, footer, aside, comments, hidden): never body text. */
  furniture: boolean;
  /** Inside a figcaption or a caption box, or the first text after a picture. */
  caption: boolean;
  afterImage: boolean;
}

/** What the page says about itself outside its text. Meta keys are lower case, without spaces. */
export interface PageHead {
  title?: string;
  metas: Map<string, string[]>;
  jsonLd: string[];
  url?: string;
}

const NOT_TEXT = new Set([
  ...SKIP,
  'title',
  'button',
  'input',
  'textarea',
  'option',
  'audio',
  'video',
  'map',
  'embed',
]);
const BLOCKS = new Set([
  ...BLOCK,
  'td',
  'th',
  'caption',
  'form',
  'fieldset',
  'details',
  'summary',
  'menu',
  'figcaption',
]);
const STRONG_TAGS = new Set(['nav', 'footer', 'aside', 'menu', 'dialog']);
const ROLES = /^(?:navigation|contentinfo|complementary|search|banner|menu|menubar|toolbar|dialog)$/u;
/** Words in ids and classes that name site furniture, never the story. */
const FURNITURE_WORDS = new Set(
  (
    'nav navi navbar menu menus breadcrumb breadcrumbs crumb crumbs footer foot copyright share shares sharebar ' +
    'social related relate recommend recommended recom sidebar side aside advert advertisement ad ads adv banner ' +
    'sponsor toolbar tool tools login signin subscribe hot hotnews rank ranking popular tag tags keyword keywords ' +
    'pager pagination search weixin wechat qrcode ewm erweima gotop backtop totop logo widget promo popup modal ' +
    'feedback report zan like likes collect favor favorite dashang reward xgyd xgxw tuijian rmtj disclaimer ' +
    'statement player'
  ).split(' '),
);
const COMMENT_WORDS = new Set(['comment', 'comments', 'cmt', 'reply', 'replies', 'pinglun', 'gentie']);
const CAPTION_WORDS = new Set(['caption', 'pictext', 'imgtext', 'imgtxt', 'pictxt', 'figcaption']);

function words(el: Element): string[] {
  return `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`
    .replace(/([a-z])([A-Z])/gu, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter(Boolean);
}

/** 'strong': never the story's; 'weak': furniture unless it wraps most of the page's text. */
function furnitureOf(el: Element): 'strong' | 'weak' | null {
  const a = el.attribs;
  if (STRONG_TAGS.has(el.name) || 'hidden' in a || a['aria-hidden'] === 'true') return 'strong';
  if (a.role && ROLES.test(a.role)) return 'strong';
  const w = words(el);
  if (w.some((x) => COMMENT_WORDS.has(x))) return 'strong';
  if (/display\s*:\s*none|visibility\s*:\s*hidden/iu.test(a.style ?? '')) return 'weak';
  return w.some((x) => FURNITURE_WORDS.has(x)) ? 'weak' : null;
}

const isElement = (node: AnyNode): node is Element => ElementType.isTag(node);
const nonSpace = (s: string): number => s.replace(/\s+/gu, '').length;

function headOf(doc: Document): PageHead {
  const metas = new Map<string, string[]>();
  const add = (key: string, value: string | undefined): void => {
    const v = value?.replace(/\s+/gu, ' ').trim();
    if (!v) return;
    const k = key.replace(/\s+/gu, '').toLowerCase();
    metas.set(k, [...(metas.get(k) ?? []), v]);
  };
  const head: PageHead = { metas, jsonLd: [] };
  for (const el of DomUtils.findAll(() => true, doc.children)) {
    const a = el.attribs;
    if (el.name === 'title' && head.title === undefined) head.title = DomUtils.textContent(el).trim();
    else if (el.name === 'meta') add(a.name ?? a.property ?? a.itemprop ?? '', a.content);
    else if (el.name === 'script' && /ld\+json/iu.test(a.type ?? ''))
      head.jsonLd.push(DomUtils.textContent(el));
    else if (el.name === 'link' && /\bcanonical\b/iu.test(a.rel ?? '')) head.url ??= a.href;
    else if (el.name === 'time' && a.datetime) add('time', a.datetime);
    if (a.itemprop && el.name !== 'meta')
      add(`itemprop:${a.itemprop}`, a.content ?? a.datetime ?? DomUtils.textContent(el));
  }
  head.url ??= metas.get('og:url')?.[0];
  return head;
}

/**
 * The page as blocks of text in reading order, with their place in the document, and its head.
 * Walks the tree with a stack: a page nested thousands of elements deep must not overflow.
 */
export function readBlocks(html: string): { blocks: TextBlock[]; head: PageHead } {
  const doc = parseDocument(html, {
    withStartIndices: true,
    withEndIndices: true,
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  const blocks: TextBlock[] = [];
  const path: Element[] = [];
  const marks: Element[] = [];
  let strong = 0;
  let links = 0;
  let bold = 0;
  let captions = 0;
  let headings: number[] = [];
  let image = false;
  let imageNext = false;
  let cur = { text: '', chars: 0, linkChars: 0, boldChars: 0, start: -1, end: -1 };
  const flush = (): void => {
    const text = cur.text.replace(/\s+/gu, ' ').trim();
    if (text && cur.chars > 0) {
      blocks.push({
        text,
        chars: cur.chars,
        linkChars: cur.linkChars,
        start: cur.start,
        end: cur.end,
        path: [...path].reverse(),
        heading: headings.length ? headings[headings.length - 1] : 0,
        bold: cur.boldChars === cur.chars,
        marks: [...marks],
        furniture: strong > 0,
        caption: captions > 0,
        afterImage: image,
      });
      image = imageNext;
      imageNext = false;
    }
    cur = { text: '', chars: 0, linkChars: 0, boldChars: 0, start: -1, end: -1 };
  };
  type Step = { node: AnyNode; exit: boolean };
  const stack: Step[] = [...doc.children].reverse().map((node) => ({ node, exit: false }));
  while (stack.length) {
    const { node, exit } = stack.pop() as Step;
    if (node.type === 'text') {
      const data = (node as Text).data.replace(/[\u00a0\u3000]/gu, ' ');
      const n = nonSpace(data);
      if (n && cur.start < 0) cur.start = node.startIndex ?? 0;
      if (n) cur.end = node.endIndex ?? cur.start;
      cur.text += data;
      cur.chars += n;
      if (links) cur.linkChars += n;
      if (bold) cur.boldChars += n;
      continue;
    }
    if (!isElement(node)) continue;
    const el = node;
    const name = el.name;
    const level = /^h([1-6])$/u.exec(name);
    const isBlock = BLOCKS.has(name) || level !== null;
    if (!exit) {
      if (NOT_TEXT.has(name)) continue;
      // A picture after the text of a block is before the next one (its caption).
      if (name === 'img' && cur.chars) imageNext = true;
      else if (name === 'img') image = true;
      // A headline broken over two lines (<h1>甲<br>乙</h1>) is still one headline.
      if (name === 'br' && headings.length) cur.text += ' ';
      else if (name === 'br' || isBlock) flush();
      if (name === 'br' || name === 'img') continue;
      const kind = furnitureOf(el);
      path.push(el);
      if (kind) marks.push(el);
      if (kind === 'strong') strong++;
      if (name === 'a' && el.attribs.href !== undefined) links++;
      if (name === 'b' || name === 'strong') bold++;
      if (name === 'figcaption' || words(el).some((w) => CAPTION_WORDS.has(w))) captions++;
      if (level) headings = [...headings, Number(level[1])];
      stack.push({ node, exit: true });
      for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i], exit: false });
      continue;
    }
    if (isBlock) flush();
    path.pop();
    const kind = furnitureOf(el);
    if (kind) marks.pop();
    if (kind === 'strong') strong--;
    if (name === 'a' && el.attribs.href !== undefined) links--;
    if (name === 'b' || name === 'strong') bold--;
    if (name === 'figcaption' || words(el).some((w) => CAPTION_WORDS.has(w))) captions--;
    if (level) headings = headings.slice(0, -1);
  }
  flush();
  return { blocks, head: headOf(doc) };
}
