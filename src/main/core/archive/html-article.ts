/**
 * Saved article pages (a news site's page for one story, as a browser saves it): finds the story
 * the way a reader does and makes one article of it, with the title, date, byline, publication and
 * page (版次) the page prints or declares. Navigation, link lists, share bars, comments, notices
 * and footers are left out. A page that is not one story (an index, a transcription of a printed
 * page with many headlines) is left to the page reader: readWebPage says so and why.
 *
 * How the story is found (the idea of GeneralNewsExtractor, in a simpler form): every paragraph of
 * prose (text outside links, with sentence punctuation) counts for the elements around it, every
 * link list, short label and piece of furniture against them; the element with the best sum holds
 * the story. Pure; offsets point into the HTML so that the caller can give line numbers.
 */
import type { Element } from 'domhandler';
import type { ArticleSection } from '../../../shared/types';
import { derivedTitle } from './headline';
import { readBlocks, type TextBlock } from './html';
import { isCaption, isHeadlineLike, LEAD } from './patterns';
import {
  addLine,
  BACK_LINK,
  cleanTitle,
  dateOfMeta,
  dateOfUrl,
  DECLARED_DATES,
  emptyMeta,
  END,
  firstDate,
  FURNITURE_LINE,
  ldArticle,
  leadAuthors,
  PAPER_NAME,
  pageOfText,
  personNames,
  readMetaLine,
  RELATED,
  savedFrom,
  type LineMeta,
} from './web-meta';

export interface WebParagraph {
  text: string;
  /** Offsets in the HTML of its first and last character. */
  start: number;
  end: number;
}

export interface WebArticle {
  title: string;
  untitled?: true;
  kicker?: string;
  subtitle?: string;
  paragraphs: WebParagraph[];
  sections: ArticleSection[];
  captions: string[];
  date?: string;
  byline?: string;
  authors?: string[];
  publication?: string;
  page?: string;
  /** Blocks inside the story's element left out as furniture (link lists, share bars, notices). */
  dropped: number;
  /** Offsets in the HTML where the article starts (its headline, when the page prints one) and ends. */
  start: number;
  end: number;
}

export type WebPageReading = { kind: 'article'; article: WebArticle } | { kind: 'page'; reason: string };

/** Sentence punctuation: prose has it, labels and link lists rarely do. */
const PUNCT = /[，。！？；、,.!?;]/gu;
const punctuation = (text: string): number => text.match(PUNCT)?.length ?? 0;
const own = (b: TextBlock): number => b.chars - b.linkChars;

function isProse(b: TextBlock): boolean {
  if (own(b) < 10 || b.linkChars > 0.3 * b.chars) return false;
  return punctuation(b.text) > 0 || own(b) >= 40;
}

const norm = (s: string): string => s.replace(/[\s\p{P}\p{S}]+/gu, '');

function classWords(el: Element): string {
  return `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`.toLowerCase();
}

/** The element whose prose, less the furniture and link lists inside it, is the largest. */
function storyElement(blocks: TextBlock[], furniture: boolean[], prose: boolean[]): Element | null {
  const score = new Map<Element, number>();
  const order: Element[] = [];
  blocks.forEach((b, i) => {
    const w = furniture[i] ? -b.chars : prose[i] ? own(b) : -(b.linkChars + 0.3 * own(b));
    for (let k = b.path.length - 1; k >= 0; k--) {
      const el = b.path[k];
      if (!score.has(el)) order.push(el);
      score.set(el, (score.get(el) ?? 0) + w);
    }
  });
  let best: Element | null = null;
  let top = 0;
  for (const el of order) {
    const s = score.get(el) ?? 0;
    if (s > top) {
      best = el;
      top = s;
    }
  }
  return best;
}

/** The block that prints the headline: the heading whose text the page's title names. */
function titleBlock(blocks: TextBlock[], furniture: boolean[], names: string[], before: number): number {
  const wanted = names.map(norm).filter((n) => n.length >= 4);
  let best = -1;
  let bestRank = 0;
  for (let i = 0; i < before; i++) {
    const b = blocks[i];
    const t = norm(b.text);
    if (furniture[i] || t.length < 4 || b.chars > 120) continue;
    const named = wanted.some((n) => n === t || (n.includes(t) && t.length >= 0.5 * n.length));
    if (!named) continue;
    const kind =
      b.heading === 1 ? 4 : b.heading ? 3 : b.path.some((el) => /title/u.test(classWords(el))) ? 2 : 1;
    // Nearer the story wins among equals (a site header may repeat the title).
    if (kind >= bestRank) {
      best = i;
      bestRank = kind;
    }
  }
  return best;
}

type Role = 'text' | 'section' | 'caption' | 'meta' | 'drop';

/** What a block of the story's element is: text, a subhead, a caption, a byline or date, or furniture. */
function roleOf(b: TextBlock, prose: boolean, line: LineMeta | null): Role {
  const { text } = b;
  if (b.linkChars > 0.5 * b.chars && (punctuation(text) === 0 || b.linkChars > 0.8 * b.chars)) return 'drop';
  if (text.length <= 60 && FURNITURE_LINE.test(text)) return line?.meta ? 'meta' : 'drop';
  if (!/\p{L}/u.test(text) && b.chars <= 4) return 'drop';
  if (b.heading > 0 && isHeadlineLike(text)) return 'section';
  if (line?.strong) return 'meta';
  const shortAfterImage = b.afterImage && text.length <= 40 && !/[。！？!?”」]$/u.test(text);
  if (b.caption || isCaption(text) || shortAfterImage) return 'caption';
  return b.bold && !prose && isHeadlineLike(text) ? 'section' : 'text';
}

/** The page's blocks, judged: which are prose, which are furniture, and the story's blocks. */
interface Story {
  blocks: TextBlock[];
  prose: boolean[];
  furniture: boolean[];
  /** Characters of prose on the whole page (furniture aside). */
  total: number;
  /** Indexes of the blocks of the story's element, furniture aside. */
  body: number[];
}

function findStory(blocks: TextBlock[]): Story | string {
  const prose = blocks.map(isProse);
  const total = blocks.reduce((n, b, i) => n + (prose[i] && !b.furniture ? own(b) : 0), 0);
  if (total === 0) return 'no prose';
  // A weak mark (a class name, display:none) around most of the page's prose wraps the story.
  const proseIn = new Map<Element, number>();
  blocks.forEach((b, i) => {
    if (prose[i]) for (const el of b.marks) proseIn.set(el, (proseIn.get(el) ?? 0) + own(b));
  });
  const furniture = blocks.map(
    (b) => b.furniture || b.marks.some((el) => (proseIn.get(el) ?? 0) < 0.5 * total),
  );
  const story = storyElement(blocks, furniture, prose);
  const body = story
    ? blocks.map((_, i) => i).filter((i) => !furniture[i] && blocks[i].path.includes(story))
    : [];
  return body.length ? { blocks, prose, furniture, total, body } : 'no story element';
}

/** Indexes of the headline block (-1: none printed), the kicker and subtitle beside it. */
interface Headline {
  /** The block the page's <title>, og:title or JSON-LD names (-1: none). */
  named: number;
  title: number;
  kicker: number;
  subtitle: number;
}

function findHeadline({ blocks, furniture, prose, body }: Story, names: string[]): Headline {
  const first = body[0];
  const last = body[body.length - 1];
  const named = titleBlock(blocks, furniture, names, last);
  // Unnamed (an e-paper's <title> is the paper's): the one h1 at or just before the story.
  const near = blocks
    .map((_, i) => i)
    .filter((i) => blocks[i].heading === 1 && !furniture[i] && i >= first - 15 && i <= last);
  // Else a heading standing just before the story's text (a CMS that prints its headline in an h5).
  let before = -1;
  const opening = body.find((i) => prose[i] && !blocks[i].heading) ?? first;
  for (let i = opening - 1; i >= Math.max(0, first - 6) && before < 0; i--) {
    const b = blocks[i];
    const titled = b.heading > 0 || b.path.slice(0, 2).some((el) => /title/u.test(classWords(el)));
    if (titled && !furniture[i] && b.chars >= 6 && b.linkChars === 0 && isHeadlineLike(b.text, 80))
      before = i;
  }
  const title = named >= 0 ? named : near.length === 1 ? near[0] : before;
  const level = title >= 0 ? blocks[title].heading || 7 : 7;
  // 引题 and 副题: smaller headings right above and below it, in the same element.
  const beside = (j: number): boolean =>
    title >= 0 &&
    j >= 0 &&
    j < blocks.length &&
    blocks[j].heading > level &&
    !furniture[j] &&
    blocks[j].path[1] === blocks[title].path[1] &&
    isHeadlineLike(blocks[j].text, 60);
  return {
    named,
    title,
    kicker: beside(title - 1) ? title - 1 : -1,
    subtitle: beside(title + 1) ? title + 1 : -1,
  };
}

/** The story's text, subheads and captions, and what its first and last lines say about it. */
interface Assembly {
  article: WebArticle;
  found: LineMeta;
  /** Characters of the story's prose, and its prose paragraphs. */
  storyProse: number;
  proseParagraphs: number;
  /** Links standing alone between its paragraphs. */
  listed: number;
}

function assemble({ blocks, prose, body }: Story, h: Headline): Assembly {
  const first = body[0];
  const last = body[body.length - 1];
  // Lines between the headline and the story: date, source, byline.
  const found = emptyMeta();
  const start = h.title >= 0 && h.title < first ? Math.max(h.title, h.subtitle) + 1 : first - 6;
  for (let i = Math.max(0, start, first - 20); i < first; i++) addLine(found, readMetaLine(blocks[i].text));
  const inBody = body.filter((i) => i > (body.includes(h.title) ? Math.max(h.title, h.subtitle) : -1));
  const lines = inBody.map((i) =>
    blocks[i].text.length <= 80 && !/。/u.test(blocks[i].text) ? readMetaLine(blocks[i].text) : null,
  );
  const roles = inBody.map((i, k) => roleOf(blocks[i], prose[i], lines[k]));
  const isText = (k: number): boolean => roles[k] === 'text' && prose[inBody[k]];
  const storyProse = inBody.reduce((n, i, k) => n + (isText(k) ? own(blocks[i]) : 0), 0);
  // Where the story ends: past half its prose, a related list, a counter, a share bar, the editor.
  let end = roles.length;
  for (let k = 0, seen = 0; k < roles.length; k++) {
    const text = blocks[inBody[k]].text;
    if (seen > Math.min(0.5 * storyProse, 300) && (RELATED.test(text) || END.test(text))) {
      end = k;
      break;
    }
    if (isText(k)) seen += own(blocks[inBody[k]]);
  }
  let firstText = -1;
  let lastText = -1;
  for (let k = 0; k < end; k++) {
    if (!isText(k)) continue;
    if (firstText < 0) firstText = k;
    lastText = k;
  }
  let listed = 0;
  for (let k = 0; k < end; k++) {
    const b = blocks[inBody[k]];
    const role = roles[k];
    // Before the first paragraph and after the last: bylines, datelines, labels.
    if ((role === 'text' || role === 'section') && (k < firstText || k > lastText)) {
      if (lines[k]?.meta) roles[k] = 'meta';
      else if (k < firstText && b.chars <= 4) roles[k] = 'drop';
    }
    // A caption printed on two lines.
    const prev = k > 0 ? blocks[inBody[k - 1]] : null;
    if (
      (roles[k] === 'text' || roles[k] === 'section') &&
      roles[k - 1] === 'caption' &&
      prev &&
      prev.path[0].name === b.path[0].name &&
      prev.bold === b.bold &&
      !/[。！？!?）)摄图]$/u.test(prev.text) &&
      b.text.length <= 40 &&
      !/[。！？!?：:]$/u.test(b.text)
    )
      roles[k] = 'caption';
    if (role === 'drop' && k > firstText && k < lastText && b.linkChars > 0.5 * b.chars && b.chars >= 6)
      listed++;
  }

  const article: WebArticle = {
    title: '',
    paragraphs: [],
    sections: [],
    captions: [],
    dropped: 0,
    start: 0,
    end: 0,
  };
  roles.forEach((role, k) => {
    const b = blocks[inBody[k]];
    const line = lines[k];
    if (role === 'meta' && line) addLine(found, k < end || line.strong ? line : emptyMeta());
    if (k >= end) return;
    if (role === 'drop') article.dropped++;
    else if (role === 'caption') article.captions.push(b.text);
    else if (role === 'section') {
      const prev = article.sections[article.sections.length - 1];
      // A subhead printed on two lines is one subhead.
      if (prev?.paragraph === article.paragraphs.length) prev.title += ` ${b.text}`;
      else article.sections.push({ title: b.text, paragraph: article.paragraphs.length });
    } else if (role === 'text') {
      article.paragraphs.push({ text: b.text.replace(BACK_LINK, ''), start: b.start, end: b.end });
    }
  });
  // Editor and source lines just after the story's element (责任编辑 often stands outside it).
  for (let i = last + 1; i < Math.min(blocks.length, last + 10); i++) {
    const line = blocks[i].text.length <= 80 ? readMetaLine(blocks[i].text) : null;
    if (line?.strong) addLine(found, line.dateLabelled ? line : { ...line, date: undefined });
  }
  const { sections, paragraphs } = article;
  while (sections.length && sections[sections.length - 1].paragraph >= paragraphs.length) sections.pop();
  const proseParagraphs = roles.filter((_, k) => isText(k) && k < end).length;
  return { article, found, storyProse, proseParagraphs, listed };
}

/** Why the page is not one story, or null when it is. */
function notOneStory(a: Assembly, s: Story, h: Headline, declared: boolean): string | null {
  const { article } = a;
  const strong = declared || h.named >= 0;
  const kept = article.paragraphs.reduce(
    (n, p) => n + (punctuation(p.text) || p.text.length >= 40 ? p.text.length : 0),
    0,
  );
  if (kept < (strong ? 50 : 100)) return 'too little prose';
  const heads = article.sections;
  const lede = heads.length
    ? article.paragraphs.slice(0, heads[0].paragraph).reduce((n, p) => n + p.text.length, 0)
    : 0;
  // Subheads before any text are headlines of several stories, unless the page named its headline.
  if (heads.length >= 2 && lede < 60 && !(h.named >= 0 && h.named < s.body[0])) return 'several headlines';
  if (a.listed >= 3 && a.listed >= a.proseParagraphs / 2) return 'a list of links';
  if (article.paragraphs.filter((p) => LEAD.test(p.text)).length >= 2) return 'several datelines';
  const share = a.storyProse / s.total;
  if (share < 0.4 && !strong) return `the story holds ${Math.round(share * 100)}% of the prose`;
  return null;
}

/** Reads a saved web page: one article, or the reason it is not an article page. */
export function readWebPage(html: string, pageUrl?: string): WebPageReading {
  const { blocks, head } = readBlocks(html);
  const story = findStory(blocks);
  if (typeof story === 'string') return { kind: 'page', reason: story };
  const ld = ldArticle(head.jsonLd);
  const meta = (key: string): string | undefined => head.metas.get(key)?.[0];
  const pageTitle = cleanTitle(head.title ?? '');
  const names = [ld?.headline, meta('og:title'), head.title].filter((n): n is string => !!n);
  const h = findHeadline(story, names);
  const assembly = assemble(story, h);
  const { article, found } = assembly;
  const declared =
    /^(?:article|news)$/iu.test(meta('og:type') ?? '') || !!meta('article:published_time') || !!ld;
  const reason = notOneStory(assembly, story, h, declared);
  if (reason) return { kind: 'page', reason };

  const { paragraphs } = article;
  const t = h.title;
  article.title = t >= 0 ? blocks[t].text : (ld?.headline ?? meta('og:title') ?? pageTitle.title);
  if (!article.title) {
    article.title = derivedTitle(paragraphs[0].text);
    article.untitled = true;
  }
  article.start = Math.min(
    paragraphs[0].start,
    t >= 0 ? blocks[h.kicker >= 0 ? h.kicker : t].start : Infinity,
  );
  article.end = paragraphs[paragraphs.length - 1].end;
  if (h.kicker >= 0) article.kicker = blocks[h.kicker].text;
  if (h.subtitle >= 0) article.subtitle = blocks[h.subtitle].text;

  // Date: what the page declares as published, then what it prints near the headline, then its
  // address; a date printed above the headline (an e-paper's page header) last.
  const published = DECLARED_DATES.map(meta).find((v) => v !== undefined && dateOfMeta(v) !== undefined);
  const top = t >= 0 ? t : story.body[0];
  const above = blocks.slice(Math.max(0, top - 40), top).filter((b) => b.linkChars < b.chars / 2);
  const date =
    (published && dateOfMeta(published)) ||
    (ld?.date && dateOfMeta(ld.date)) ||
    found.date ||
    [meta('dc.date'), meta('date'), meta('time')].map((v) => (v ? dateOfMeta(v) : undefined)).find(Boolean) ||
    dateOfUrl(head.url ?? pageUrl ?? savedFrom(html)) ||
    firstDate(above.map((b) => b.text).join('\n'));
  if (date) article.date = date;
  // 版次: printed near the headline or above it (not in the links of a page list), or in <title>.
  const page =
    found.page ?? above.map((b) => pageOfText(b.text)).find(Boolean) ?? pageOfText(head.title ?? '');
  if (page) article.page = page;

  // Byline: printed near the story, else in its lead (本报讯（记者 X）), else declared.
  const lead =
    paragraphs
      .slice(0, 3)
      .map((p) => leadAuthors(p.text))
      .find(Boolean) ?? leadAuthors(paragraphs[paragraphs.length - 1].text, true);
  const declaredAuthors = [
    ...(ld?.authors ?? []).flatMap(personNames),
    ...personNames(meta('author') ?? meta('article:author') ?? ''),
  ];
  const authors = found.authors.length ? found.authors : (lead?.authors ?? declaredAuthors);
  if (authors.length) article.authors = [...new Set(authors)];
  const bylines = found.bylines.length ? [...found.bylines] : lead ? [lead.byline] : [];
  if (!bylines.length && article.authors) bylines.push(article.authors.join(' '));
  if (found.editors.length) bylines.push(`责任编辑：${found.editors.join(' ')}`);
  if (bylines.length) article.byline = bylines.join(' ');
  const publication =
    found.publication ??
    found.source ??
    readMetaLine(`来源：${meta('source') ?? meta('contentsource') ?? ''}`).source ??
    ld?.publisher ??
    meta('og:site_name') ??
    above.map((b) => PAPER_NAME.exec(b.text)?.[1]).find(Boolean) ??
    pageTitle.site;
  if (publication) article.publication = publication;
  return { kind: 'article', article };
}
