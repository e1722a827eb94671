/** Figures that are phrases: growth and decline (增长15.8%), ranks (名列全市第2) and dates. */
import { CONNECTOR, NUM, isYearLike, readNumber, type Candidate } from './candidate';
import { numberValue } from './numerals';

const DECLINE = '下降|减少|降低|下跌|下滑|回落|缩减|节约|节省|降幅为?|降|减|跌';
const GROWTH = new RegExp(
  `(?:同比|环比)?(?<verb>(?:增长|增加|提高|提升|上升|上涨|增幅为?|涨幅为?|增速为?|${DECLINE}|增|涨)了?)` +
    `(?<pq>超过|近|约|超|逾|达)?(?:(?<num>${NUM})(?<q1>余|多)?(?<unit>%|个百分点|百分点|倍)|百分之(?<pnum>${NUM}))`,
  'dg',
);
const IS_DECLINE = new RegExp(`^(?:${DECLINE})`);

/** Where a rank holds (全市, 全国同行业 …): the rank's `unit`. */
export const SCOPE =
  '(?:全(?:国|市|省|区|县|镇|乡|球|世界|行业)(?:区|同类城市|同行业|同类)?|世界|国内|省内|市内|区内|' +
  '同行业|行业内?|同类城市|中西部|西部地区|西部|西南地区|主城区|主城)';
const RANK_VERB = '(?:排名|名列|位居|位列|居于|稳居|跃居|跻身|排在|排|居|列|保持|荣获|获得|夺得)';
const RANK = new RegExp(
  `(?<verb>${RANK_VERB})?(?:(?<scope>${SCOPE})的?)?(?<ord>第(?<n>${NUM})(?:位|名)?|前(?<top>${NUM})(?:位|名|强)?|` +
    `(?<word>首位|榜首|前列|前茅|末位))(?![批次届期轮个家年天号代季章条款项部集回场级大0-9零〇○一二两三四五六七八九十百千万亿])`,
  'dg',
);

const YEAR = '(?:(?<![0-9A-Za-z.])(?:1\\d{3}|2[01]\\d{2})|[〇○零一二三四五六七八九]{4})';
const MONTH = '(?:(?<![0-9A-Za-z.])(?:1[0-2]|0?[1-9])|十[一二]?|[一二三四五六七八九])';
const DAY =
  '(?:(?<![0-9A-Za-z.])(?:3[01]|[12]\\d|0?[1-9])|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])';
const DATE = new RegExp(
  `(?<y>${YEAR})年(?![代级])(?:(?<m>${MONTH})月份?(?:(?<d>${DAY})[日号])?|(?:${CONNECTOR})(?<y2>${YEAR})年|(?<open>至今|以来))?` +
    `|(?<y3>${YEAR})(?:${CONNECTOR})(?<y4>${YEAR})年(?![代级])` +
    `|(?<m3>${MONTH})月?(?:${CONNECTOR})(?<m4>${MONTH})月` +
    `|(?<m2>${MONTH})月份?(?:(?<d2>${DAY})[日号])?` +
    `|(?<![0-9A-Za-z.])(?<d3>3[01]|[12]\\d|0?[1-9])日`,
  'g',
);

export function* growths(text: string): Generator<Candidate> {
  for (const m of text.matchAll(GROWTH)) {
    const g = m.groups as Record<string, string | undefined>;
    const value = numberValue(g.num ?? g.pnum ?? '');
    if (value === null || (g.num === '一' && g.unit !== '倍')) continue;
    const start = m.indices?.groups?.verb?.[0] ?? m.index;
    const unit = g.unit === undefined ? '%' : g.unit === '百分点' ? '个百分点' : g.unit;
    const sign = IS_DECLINE.test(g.verb ?? '') ? -1 : 1;
    const qualifiers = [g.pq, g.q1].filter((q): q is string => !!q);
    yield {
      kind: 'growth',
      start,
      end: m.index + m[0].length,
      value: sign * value,
      unit,
      qualifiers,
      priority: 3,
    };
  }
}

export function* ranks(text: string): Generator<Candidate> {
  for (const m of text.matchAll(RANK)) {
    const g = m.groups as Record<string, string | undefined>;
    if (!g.verb && !g.scope) continue; // 第一生产力, 第3届: ordinals, not ranks
    const idx = m.indices?.groups;
    const start = (g.scope ? idx?.scope?.[0] : idx?.ord?.[0]) ?? m.index; // 全国同行业的前列 keeps its 的
    let value: number | null = null;
    const qualifiers: string[] = [];
    if (g.n) value = numberValue(g.n);
    else if (g.top) {
      value = numberValue(g.top);
      qualifiers.push('前');
    } else if (g.word === '首位' || g.word === '榜首') value = 1;
    else qualifiers.push(g.word ?? '');
    if ((g.n || g.top) && value === null) continue;
    const end = m.index + m[0].length;
    yield { kind: 'rank', start, end, value, unit: g.scope ?? '', qualifiers, priority: 4 };
  }
}

export function* dates(text: string): Generator<Candidate> {
  for (const m of text.matchAll(DATE)) {
    const g = m.groups as Record<string, string | undefined>;
    const start = m.index;
    const end = start + m[0].length;
    const y = g.y ?? g.y3;
    if (y !== undefined && !isYearLike(text, start, y)) continue;
    const year = y === undefined ? null : readNumber(y);
    const month = g.m ?? g.m2 ?? g.m3;
    const day = g.d ?? g.d2 ?? g.d3;
    const mo = month === undefined ? null : numberValue(month);
    const da = day === undefined ? null : numberValue(day);
    if ((month !== undefined && mo === null) || (day !== undefined && da === null)) continue;
    if (mo !== null && (mo < 1 || mo > 12)) continue;
    if (da !== null && (da < 1 || da > 31)) continue;
    let unit = '';
    let value = 0;
    if (year !== null) {
      unit += '年';
      value = year;
    }
    if (mo !== null) {
      unit += '月';
      value = value * 100 + mo;
    }
    if (da !== null) {
      unit += '日';
      value = value * 100 + da;
    }
    const c: Candidate = { kind: 'date', start, end, value, unit, qualifiers: [], priority: 2 };
    const upper = g.y2 ?? g.y4;
    if (g.m4 !== undefined) {
      const to = numberValue(g.m4);
      if (to === null || to < 1 || to > 12) continue;
      c.valueTo = to;
    } else if (upper !== undefined) {
      const to = readNumber(upper);
      if (to === null || !isYearLike(text, start, upper)) continue;
      c.valueTo = to;
    } else if (g.open) {
      c.valueTo = null;
      c.qualifiers.push(g.open);
    }
    yield c;
  }
}
