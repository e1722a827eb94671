/**
 * The newspaper's vocabulary, as patterns: what a lead, a byline, a caption, a box label, a slogan
 * or a line of page furniture looks like in Chinese papers. Pure, no state; the page reader
 * (reflow.ts, split.ts) decides what to do with a line once these have named it.
 */

/** Ends a sentence (or a quoted sentence): the paragraph may end here. */
export const SENTENCE_END = /[。！？!?…；;：:”’」』）)】》\]]$/u;
/** Ends a sentence for certain: used where a semicolon or colon must not end a paragraph (OCR). */
export const TERMINAL_END = /(?:[。！？!?…]|[。！？!?…][”’」』）)】]|……)$/u;
/** Punctuation that a headline never contains: headlines are phrases, not sentences. */
const SENTENCE_PUNCT = /[。，,；;]/u;
/** Punctuation a line ends with when it runs on. */
const RUN_ON_END = /[，,、；;：:（(《“‘—-]$/u;

/** Longest line still read as a headline (003 has one of 62 characters). */
export const MAX_HEADLINE = 72;

/** Markdown heading: `## text`. */
export const MD_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/u;

/** Lists: 1. / 1、/ （一）/ 一、/ bullets. A list item always starts its own paragraph. */
export const LIST_ITEM =
  /^(?:[0-9０-９]{1,2}[.．、)）](?![0-9０-９])|[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[●○■□◆◇★☆·•▲△▶►◎※-]\s*)/u;

/** Opening words of a news lead: 本报讯(记者 X)、本报北京1月1日电、新华社…电. */
export const LEAD =
  /^(?:本报讯|本报[^\s，。,]{0,14}(?:电|讯)|新华社[^\s，。,]{0,14}电|中新社[^\s，。,]{0,14}电|【[^】]{1,12}讯】)/u;
/** A lead with nothing after it, printed on its own line (000 line 87). */
export const LEAD_ONLY =
  /^(?:本报讯|本报[^\s，。,]{0,14}(?:电|讯)|新华社[^\s，。,]{0,14}电)\s*[（(][^）)]{1,40}[）)]\s*$/u;

/** Role words around reporters' names: 本报记者 黄虹 / 记者 张三 通讯员 李四 / 文/图 王五. */
const ROLE =
  /(?:本报|新华社|特约|见习|实习)?记者|通讯员|特约撰稿人?|撰文|作者|摄影|文[／/]图|文图|(?:^|\s)[文图摄](?=\s*[:：／/])|[:：／/]/gu;

/** Photo and picture credits: 图片由…提供, 摄/X, X 摄. */
const CREDIT = /(?:图片|照片|图表|资料图)由[^\s]{1,30}提供$/u;

/** Caption markers (摄/X, (资料图), 图片由…提供, 图为…). */
const CAPTION_MARK =
  /(?:摄\s*[／/]\s*\S|[／/]\s*摄|[（(]资料图片?[)）]|[（(]图片?[)）]$|^图为|^图[:：]|(?:本报|新华社)?记者\s*[\p{Script=Han}·]{2,4}\s*摄[)）]?。?$|\s摄[)）]?$|^[（(][^)）]{0,30}摄[)）]$)/u;

/** Box labels. `startsArticle`: a 相关新闻 box holds an article of its own. */
const BOX_LABELS = new Map<string, boolean>([
  ['相关新闻', true],
  ['相关链接', true],
  ['新闻链接', true],
  ['图片新闻', true],
  ['快讯', true],
  ['简讯', true],
  ['核心提示', false],
  ['编者按', false],
  ['编者的话', false],
  ['链接', false],
  ['数读', false],
  ['数说', false],
  ['小资料', false],
  ['资料', false],
  ['背景', false],
  ['背景资料', false],
  ['新闻背景', false],
  ['延伸阅读', false],
  ['记者手记', false],
  ['记者观察', false],
  ['短评', false],
  ['点评', false],
  ['专家点评', false],
  ['导读', false],
]);

/**
 * Slogans printed between articles (page furniture, never a kicker). A starter list of the
 * commonest; extend it when a new one shows up as a kicker.
 */
const SLOGANS = [
  /^绿水青山就是金山银山$/u,
  /^不忘初心\s*[，,、]?\s*牢记使命$/u,
  /^为人民服务$/u,
  /^空谈误国\s*[，,、]?\s*实干兴邦$/u,
  /^撸起袖子加油干$/u,
  /^(?:富强|民主|文明|和谐|自由|平等|公正|法治|爱国|敬业|诚信|友善)(?:\s*[、 ]\s*(?:富强|民主|文明|和谐|自由|平等|公正|法治|爱国|敬业|诚信|友善)){3,}$/u,
  /^(?:践行|培育和践行)?社会主义核心价值观$/u,
  /^(?:创建|争创|巩固)全国文明城[市区]$/u,
];

/** Page furniture: editors' credits, page headers and footers. */
const FURNITURE = [
  /^(?:责任编辑|责编|编辑|校对|美编|美术编辑|版式|版式设计|组版|值班编辑|本版编辑)\s*[:：]/u,
  /^第?\s*[0-9０-９]{1,3}\s*版(?:\s|$)/u,
  /^[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]/u,
  /^[\p{P}\p{S}\s]+$/u,
];

/** The 150 commonest Chinese surnames, for telling a list of names from a headline. */
const SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
  ),
);
const COMPOUND_SURNAMES = /^(?:欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|长孙|宇文|司徒|夏侯|端木)/u;

export function isChineseName(token: string): boolean {
  if (!/^[\p{Script=Han}·]+$/u.test(token)) return false;
  if (COMPOUND_SURNAMES.test(token)) return token.length >= 3 && token.length <= 4;
  return token.length >= 2 && token.length <= 3 && SURNAMES.has(token[0]);
}

export function isSentenceEnd(text: string): boolean {
  return SENTENCE_END.test(text);
}

export function endsRunOn(text: string): boolean {
  return RUN_ON_END.test(text);
}

export function isLead(text: string): boolean {
  return LEAD.test(text);
}

export function isLeadOnly(text: string): boolean {
  return LEAD_ONLY.test(text.trim());
}

export function isCaption(text: string): boolean {
  const t = text.trim();
  return t.length <= 120 && (CAPTION_MARK.test(t) || (CREDIT.test(t) && !isByline(t)));
}

export function isCredit(text: string): boolean {
  return CREDIT.test(text.trim());
}

/**
 * A byline standing on its own line: 本报记者 X, 记者 X 通讯员 Y, 文/图 X, or a list of names
 * (王彩艳 杨敏), optionally followed by a picture credit. One bare name is not enough (渝北 is
 * a district, not a person), and every remaining word must look like a Chinese name.
 */
/** An author that is an office, not a person: 本报评论员, 新华社评论员, 本报编辑部, 本报特约评论员. */
const INSTITUTIONAL =
  /^(?:本报|本刊|新华社|人民日报|光明日报|经济日报|求是|中新社)?(?:特约|本台)?(?:评论员|编辑部|评论部|观察员|记者|通讯员)$/u;

export function isInstitutionalByline(text: string): boolean {
  return INSTITUTIONAL.test(text.trim().replace(/\s+/gu, ''));
}

export function isByline(text: string): boolean {
  const t = text.trim();
  if (t.length > 60 || !t) return false;
  if (isInstitutionalByline(t)) return true;
  const credit = /\s*(?:(?:图片|照片)由\S{1,30}提供|摄)\s*$/u.exec(t);
  const head = credit ? t.slice(0, credit.index) : t;
  const withoutRoles = head.replace(ROLE, ' ');
  const hasRole = withoutRoles !== head;
  const names = withoutRoles.split(/[\s、，,]+/u).filter(Boolean);
  if (names.length === 0 || names.length > 6 || !names.every(isChineseName)) return false;
  return hasRole || credit !== null || names.length >= 2;
}

/** Names in a byline or a lead: 本报讯(记者 向金域 齐宏) → [向金域, 齐宏]. */
export function authorsOf(text: string): string[] {
  const t = text.trim();
  const inLead = /^[^（(]{0,20}[（(]([^）)]{1,60})[）)]/u.exec(t);
  const source = inLead && LEAD.test(t) ? inLead[1] : t;
  const cleaned = source.replace(/(?:图片|照片)由\S{1,30}提供/gu, ' ').replace(ROLE, ' ');
  // Inside a lead the words are names for sure; elsewhere they must look like names.
  const isName = source === t ? isChineseName : (n: string) => /^[\p{Script=Han}·]{2,4}$/u.test(n);
  return cleaned.split(/[\s、，,]+/u).filter(isName);
}

export function boxLabel(text: string): { label: string; startsArticle: boolean } | null {
  const label = text.trim().replace(/[:：]$/u, '');
  const startsArticle = BOX_LABELS.get(label);
  return startsArticle === undefined ? null : { label, startsArticle };
}

export function isSlogan(text: string): boolean {
  const t = text.trim();
  return SLOGANS.some((re) => re.test(t));
}

export function isFurniture(text: string): boolean {
  const t = text.trim();
  return FURNITURE.some((re) => re.test(t));
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** A line that reads as a headline: a short phrase, no sentence punctuation, not a credit. */
export function isHeadlineLike(text: string, maxLength = MAX_HEADLINE): boolean {
  const t = text.trim();
  if (!t || t.length > maxLength) return false;
  if (SENTENCE_PUNCT.test(t) || RUN_ON_END.test(t) || /[。]/u.test(t)) return false;
  if (LIST_ITEM.test(t) && !/^[·•]/u.test(t)) return false;
  if (isCaption(t) || isByline(t) || LEAD.test(t)) return false;
  // A quotation left open runs on into the next line: “项目推进情况如何?”“项目推进
  if (count(t, '“') !== count(t, '”') || count(t, '‘') !== count(t, '’')) return false;
  if (count(t, '（') + count(t, '(') !== count(t, '）') + count(t, ')')) return false;
  // Headlines are words: at least one letter or Han character.
  return /[\p{L}]/u.test(t);
}

/**
 * Display width of a line in a printed column: CJK characters and full-width forms take two
 * cells, ASCII one. OCR column width is measured in these cells.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    width +=
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      cp >= 0x20000 ||
      cp === 0x2014 ||
      cp === 0x2026 ||
      (cp >= 0x2018 && cp <= 0x201d)
        ? 2
        : 1;
  }
  return width;
}
