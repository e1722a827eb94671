/**
 * What a saved web page says about its article besides the text: dates (meta tags, JSON-LD, the
 * address, printed datelines), the headline without the site's name, bylines, sources, editors
 * and 版次; and the lines sites print around every story (share, print, related, the editor).
 * Pure string work: html-article.ts decides where on the page to look.
 */
import { normalPage, parseDate } from './metadata';
import { isChineseName } from './patterns';

export const DATE =
  /(?<!\d)((?:19|20)\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([-/.])\s*(\d{1,2})\s*\4\s*(\d{1,2})(?!\d)|\s+(\d{1,2})\/(\d{1,2})(?!\d))/gu;

/** The first real date in text: 2005-03-21 11:21, 2005/03/21, 2005.3.21, 2005年3月21日. */
export function firstDate(text: string): string | undefined {
  for (const m of text.normalize('NFKC').matchAll(DATE)) {
    const date = parseDate(`${m[1]}-${m[2] ?? m[5] ?? m[7]}-${m[3] ?? m[6] ?? m[8]}`);
    if (date) return date;
  }
  return undefined;
}

/**
 * A date a page declares (meta tag, JSON-LD). A timestamp with a zone is read in China's time
 * (UTC+8): 2021-06-21T18:00:00Z is the paper of 22 June.
 */
export function dateOfMeta(value: string): string | undefined {
  const v = value.normalize('NFKC').trim();
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$/u.test(v)) {
    const at = Date.parse(v);
    if (!Number.isNaN(at)) return new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
  }
  return firstDate(v) ?? (/^\d{8}(?!\d)/u.test(v) ? parseDate(v.slice(0, 8)) : undefined);
}

/** A date in a page's address: /2019-11-25/, /20200911/, /2020-03/21/. */
export function dateOfUrl(url: string): string | undefined {
  const path = url.replace(/^[a-z]+:\/\/[^/]*/iu, '').replace(/[?#].*$/u, '');
  for (const m of path.matchAll(/(?<!\d)((?:19|20)\d\d)[-/_]?(\d\d)[-/_]?(\d\d)(?!\d)/gu)) {
    const date = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
    if (date) return date;
  }
  return undefined;
}

const SITE = /(?:网|新闻|频道|在线|中心|首页|官网|报|社|客户端|资讯|网站|门户|时报|晚报|日报)$/u;

/**
 * A <title> without the site's name after it: 标题_网易新闻, 标题-新华网, 标题|公园_新浪新闻,
 * 标题--文化--人民网. The last site-like part is the site.
 */
export function cleanTitle(raw: string): { title: string; site?: string } {
  const text = raw.replace(/\s+/gu, ' ').trim();
  const cuts = [...text.matchAll(/\s*(?:[_|｜]|--|\s[-–—]\s|(?<=\P{ASCII})-|-(?=\P{ASCII}))\s*/gu)];
  let end = text.length;
  let site: string | undefined;
  for (let k = cuts.length - 1; k >= 0; k--) {
    const cut = cuts[k];
    const part = text.slice(cut.index + cut[0].length, end).trim();
    const first = text.slice(0, cut.index).trim();
    if (first.length < 6) break;
    const siteLike = SITE.test(part) || /^\p{ASCII}+$/u.test(part);
    if (!siteLike && part.length > 8) break;
    if (!site && SITE.test(part) && /\p{Script=Han}/u.test(part)) site = part;
    end = cut.index;
  }
  return site ? { title: text.slice(0, end).trim(), site } : { title: text.slice(0, end).trim() };
}

export interface LdArticle {
  headline?: string;
  date?: string;
  authors: string[];
  publisher?: string;
}

const nameOf = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v.trim() || undefined
    : v && typeof v === 'object' && 'name' in v
      ? nameOf(v.name)
      : undefined;

/** The first article a page describes in JSON-LD (NewsArticle, Article, BlogPosting …), if any. */
export function ldArticle(scripts: string[]): LdArticle | undefined {
  const queue: unknown[] = [];
  for (const script of scripts) {
    try {
      queue.push(JSON.parse(script.replace(/^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$/gu, '')));
    } catch {
      // A page's broken JSON-LD is no reason not to read the page.
    }
  }
  for (let n = 0; n < queue.length && n < 500; n++) {
    const item = queue[n];
    if (Array.isArray(item)) queue.push(...item);
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const o = item as Record<string, unknown>;
    if (o['@graph']) queue.push(o['@graph']);
    const type = [o['@type']].flat().join(' ');
    if (!/Article|BlogPosting|Report/u.test(type)) continue;
    const authors = [o.author]
      .flat()
      .map(nameOf)
      .filter((a): a is string => !!a && a.length <= 40);
    const ld: LdArticle = { authors };
    const headline = nameOf(o.headline) ?? nameOf(o.name);
    if (headline) ld.headline = headline;
    if (typeof o.datePublished === 'string') ld.date = o.datePublished;
    const publisher = nameOf(o.publisher);
    if (publisher) ld.publisher = publisher;
    return ld;
  }
  return undefined;
}

/** What a line printed around a story says: its date, source, page, authors and editors. */
export interface LineMeta {
  date?: string;
  source?: string;
  page?: string;
  publication?: string;
  authors: string[];
  editors: string[];
  bylines: string[];
  /** The line says something (it is a dateline, byline or source line, not text of the story). */
  meta?: boolean;
  /** It says so with a label (来源：, 作者：, 责任编辑：): meta wherever it stands. */
  strong?: boolean;
  /** The date has a label (发布日期：, 时间：): the page's date even below the story. */
  dateLabelled?: boolean;
}

const TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/gu;

const PAGE =
  /第\s*([A-Za-z]?\s*\d{1,3})\s*版|(?<![\dA-Za-z])([A-Za-z]?\d{1,3})\s*版\s*[:：]|版\s*[次面]\s*[:：]\s*([A-Za-z]?\d{1,3})(?!\d)/u;

/** 版次 printed in text: 第A03版, 03版：要闻, 版次：A3 → A3, 3. */
export function pageOfText(text: string): string | undefined {
  const m = PAGE.exec(text.normalize('NFKC'));
  const raw = m ? (m[1] ?? m[2] ?? m[3]).replace(/\s+/gu, '').toUpperCase() : '';
  return raw ? normalPage(raw.replace(/^([A-Z])0+(?=\d)/u, '$1')) : undefined;
}

/** Names in an author field: 马娟, 张三、李四, Jane Doe; nothing when it is a site or a number. */
export function personNames(value: string): string[] {
  const tokens = value
    .split(/[,，、;；/|]+|\s{2,}/u)
    .map((t) => t.trim())
    .filter(Boolean);
  const person = (t: string): boolean => isChineseName(t) || /^[A-Z][a-z]+(?: [A-Z][a-z.'-]+){1,3}$/u.test(t);
  return tokens.length && tokens.every(person) ? tokens : [];
}

const OUTLET = /^[\p{Script=Han}A-Za-z0-9]{2,14}?(?:网|报|社|新闻|消息|刊|台|杂志|周刊|客户端|通讯|在线)$/u;
const SOURCE = /(?:来\s*源|稿\s*源|出\s*处)(?:于)?\s*[:：]\s*([^\s|｜,，;；()（）【】[\]]+)/u;
const AUTHOR =
  /((?:[\p{Script=Han}]{0,8}?(?:特约|见习|实习)?记者|作\s*者|撰\s*[文稿]|执\s*笔|采\s*写|通讯员)\s*[:：/／]?\s*|(?<![\p{Script=Han}])(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文)\s*[:：/／]\s*)((?:[\p{Script=Han}·]{2,4}(?:[\s、，,&和]+|$)){1,6})/u;
/** Words that stand where a name would and are not one: labels that follow, "unknown", "the web". */
const NOT_NAME =
  /^(?:人气|阅读|评论|点击|浏览|分享|收藏|举报|字号|来源|时间|日期|作者|编辑|责编|记者|未知|佚名|匿名|网络|网络整理|本站|综合|管理员|系统管理)$/u;
const named = (n: string): boolean =>
  n.length >= 2 && n.length <= 4 && !NOT_NAME.test(n) && !/(?:记者|通讯员|编辑)$/u.test(n);
const EDITOR =
  /(?:责任编辑|责编|编\s*辑|编审|值班编辑)\s*[:：]\s*((?:[\p{Script=Han}·]{2,4}[_A-Za-z0-9]*[\s、，,]*){1,4})/u;
const NAME_SLASH_OUTLET = /^([\p{Script=Han}·]{2,4})\s*[/／]\s*([\p{Script=Han}]{2,14})$/u;
const PAPER = /《\s*([^》]{2,12}?)\s*》\s*[（(]\s*(?:19|20)\d\d\s*年/u;

/** Reads a line printed around a story (a dateline, byline, source or editor line). */
export function readMetaLine(line: string): LineMeta {
  const text = line.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  const out: LineMeta = { authors: [], editors: [], bylines: [] };
  if (!text || text.length > 120) return out;
  const date = firstDate(text);
  if (date) out.date = date;
  if (date && /(?:时间|日期|发布于|发表于)\s*[:：]?\s*(?:19|20)\d\d/u.test(text)) out.dateLabelled = true;
  const page = pageOfText(text);
  if (page) out.page = page;
  const paper = PAPER.exec(text);
  if (paper) out.publication = paper[1];
  const source = SOURCE.exec(text);
  const from = source?.[1].split(/[-—_·]|作者|记者|编辑|责编|时间|日期|发布|原标题/u)[0];
  if (from && !NOT_NAME.test(from) && from !== '互联网') out.source = from;
  const editor = EDITOR.exec(text);
  if (editor)
    out.editors = editor[1]
      .split(/[\s、，,]+/u)
      .map((n) => n.replace(/[_A-Za-z0-9]+$/u, ''))
      .filter(named);
  const slash = NAME_SLASH_OUTLET.exec(text);
  const author = AUTHOR.exec(
    editor ? text.slice(0, editor.index) + text.slice(editor.index + editor[0].length) : text,
  );
  if (slash && OUTLET.test(slash[2])) {
    out.authors = [slash[1]];
    out.source ??= slash[2];
    out.bylines.push(text);
  } else if (author && !/编$/u.test(author[1].trim())) {
    const names = author[2].split(/[\s、，,&和]+/u).filter(named);
    if (names.length) {
      out.authors = names;
      const label = author[1].replace(/\s+/gu, '').replace(/:/u, '：');
      out.bylines.push(`${label}${/[：/／]$/u.test(label) ? '' : ' '}${names.join(' ')}`);
    }
  }
  // An outlet standing alone or after the date and time: 2019-09-26 10:56:28 证券时报网.
  const rest = text
    .replace(DATE, ' ')
    .replace(TIME, ' ')
    .replace(/(?:星期|周)[一二三四五六日天]/gu, ' ')
    .trim();
  if (!out.source && OUTLET.test(rest)) out.source = rest;
  out.strong = !!(source || editor || (author && /[:：/／]/u.test(author[1])) || paper || out.dateLabelled);
  out.meta = out.strong || !!(date || out.source || out.authors.length || page);
  if (out.meta && !out.strong && /[。！？]/u.test(text)) out.meta = false;
  return out;
}

/** Meta tags that name when the article was published, the most specific first. */
export const DECLARED_DATES = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'published_time',
  'og:release_date',
  'og:time',
  'pubdate',
  'publishdate',
  'publish_date',
  'publishtime',
  'pubtime',
  'apub:time',
  'firstpublishedtime',
  'itemprop:datepublished',
  'datepublished',
  'dc.date.issued',
  'dcterms.issued',
  'dcterms.created',
  'article.published',
  'sailthru.date',
  'parsely-pub-date',
  'weibo:article:create_at',
];

/** Adds what one line says to what the lines before it said (the first of each field wins). */
export function addLine(into: LineMeta, from: LineMeta): void {
  into.date ??= from.date;
  into.source ??= from.source;
  into.page ??= from.page;
  into.publication ??= from.publication;
  for (const a of from.authors) if (!into.authors.includes(a)) into.authors.push(a);
  for (const e of from.editors) if (!into.editors.includes(e)) into.editors.push(e);
  for (const b of from.bylines) if (!into.bylines.includes(b)) into.bylines.push(b);
}

export const emptyMeta = (): LineMeta => ({ authors: [], editors: [], bylines: [] });

/** A paper's name in an e-paper's page header, alone or before the date: 北碚日报 2005年3月21日. */
export const PAPER_NAME =
  /^(\p{Script=Han}{2,8}(?:日报|晚报|早报|时报|周报|商报|报))(?:$|\s+(?:19|20)\d\d\s*年)/u;

/** A lead's byline: 长江网10月4日讯（记者陈智 整合）, 新华社巴黎12月9日电（记者唐霁）. */
const LEAD_BYLINE = /^[^（(。，]{0,24}?(?:讯|电)\s*[（(]([^）)]{2,40})[）)]/u;
/** A byline closing the last paragraph: …需要。（文/图 刘玺东 易赛楠）, …举行。（张巨峰）. */
const TAIL_BYLINE = /[。！？”][（(]([^（()）]{2,30})[)）]$/u;

/** Reporters named in a story's lead, or (`tail`) at the end of its last paragraph. */
export function leadAuthors(paragraph: string, tail = false): { byline: string; authors: string[] } | null {
  const m = (tail ? TAIL_BYLINE : LEAD_BYLINE).exec(paragraph);
  if (!m) return null;
  const labelled = readMetaLine(m[1]);
  if (tail && labelled.authors.length) return { byline: m[1].trim(), authors: labelled.authors };
  const authors = m[1]
    .replace(/(?:特约|见习|实习)?记者|通讯员|实习生|摄影?|报道/gu, ' ')
    .split(/[\s、，,]+/u)
    .filter(isChineseName);
  return authors.length ? { byline: m[1].trim(), authors } : null;
}

/** The address a browser notes atop a page it saves: <!-- saved from url=(0049)https://… -->. */
export function savedFrom(html: string): string {
  return /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/iu.exec(html.slice(0, 4096))?.[1] ?? '';
}

/** Lines sites print around every story: share, print, app, disclaimers. */
export const FURNITURE_LINE =
  /^[【[（(]?\s*(?:分享到|分享至|分享|扫一扫|扫描二维码|用微信扫|关注我们|返回顶部|返回.{0,8}首页|打印|关闭窗口|字号|上一篇|下一篇|点击进入|点击查看|阅读原文|阅读全文|展开全文|查看全文|举报|收藏|免责声明|版权声明|版权所有|copyright|©|网站地图|联系我们|纠错|调整字体|正文已结束)|下载.{0,16}(?:app|客户端)|更多原创资讯|仅供参考.{0,20}(?:投资建议|风险自担)/iu;
/** The label of a related-stories list: what follows is other stories. */
export const RELATED =
  /^[【[]?\s*(?:相关(?:阅读|新闻|文章|报道|链接|推荐)|推荐阅读|延伸阅读|热门推荐|热点推荐|猜你喜欢|你可能(?:也)?(?:会)?喜欢|更多(?:精彩|新闻|阅读|报道)|友情链接)\s*[】\]]?\s*[:：]?$/u;
/** Where the story ends on portals: a view counter, the share bar, the related list, the editor. */
export const END =
  /^(?:[(（【[]?\s*(?:阅读|浏览|点击)(?:数|量|次数)?\s*[(（:：]?\s*\d|不感兴趣|举报|投诉|分享到|分享至|打印|关闭窗口|返回顶部|上一篇|下一篇|[(（【[]?\s*(?:责任编辑|责编))/u;
/** A portal's "back to the front page" link at the end of the last paragraph. */
export const BACK_LINK = /\s*返回[^\s，。]{0,10}首页\s*>*$/u;
