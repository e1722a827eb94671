/**
 * Figures made of a number and a unit (267家, 3512.5亿元, 20多套, 数十个), ranges of them
 * (-200°C至1000°C), people counted without a measure word (23万农民), 三大-style counts and 百分之三十.
 */
import { CONNECTOR, MULT, NUM, SIGN, isYearLike, type Candidate } from './candidate';
import { CN_NUMBER, numberValue } from './numerals';
import type { MetricKind } from './types';
import { UNIT_PATTERN, unitInfo } from './units';

/** Kinds whose label may follow the figure (288家市级科技型企业, 50余吨食品); never money (投入1.2亿元打造). */
const LABEL_AFTER = new Set<MetricKind>(['count', 'weight', 'area', 'length', 'volume']);
const CN_NUMERAL_CHAR = /[零〇○一二两三四五六七八九十百千万亿]/;

const FIGURE = new RegExp(
  `(?<sign>${SIGN})?(?:(?<approx>[数几])(?<anum>[十百千万亿]{1,3})|(?<num>${NUM}))` +
    `(?<q1>余|多|几)?(?<mult>${MULT})?(?<q2>余|多)?(?<unit>${UNIT_PATTERN})`,
  'g',
);
const RANGE = new RegExp(
  `(?<sign>${SIGN})?(?<a>${NUM})(?<ma>${MULT})?(?<ua>${UNIT_PATTERN})?(?:${CONNECTOR})` +
    `(?<sign2>${SIGN})?(?<b>${NUM})(?<mb>${MULT})?(?<ub>${UNIT_PATTERN})`,
  'g',
);
/** 23万农民, 23.7万贫困人口: people counted without a measure word (only with 万/亿, where it is clear). */
const PEOPLE = new RegExp(
  `(?<num>${NUM})(?<q1>余|多)?(?<mult>[万亿]{1,2})(?<q2>余|多)?` +
    '(?=(?<who>(?:贫困|城镇|农村|城市|下岗|外来|流动|困难|受灾|失业)?(?:农民|人口|群众|居民|职工|员工|工人|学生|儿童|游客|观众|干部|党员|青年|妇女|老人|市民|村民|农牧民|灾民|移民|考生|用户|网民|观众)))',
  'g',
);
const MAJOR = new RegExp(`(?<num>${CN_NUMBER})大(?=[\\u4e00-\\u9fff])`, 'g');
const PERCENT_WORDS = new RegExp(`百分之(?<num>${NUM})`, 'g');

/** Ordinals (第三次), session numbers (十六届三次) and lone 一 (一个缩影, 一件件) are not figures. */
function isOrdinalOrLoneOne(text: string, start: number, num: string, unit: string): boolean {
  const before = text[start - 1];
  if (before === '第') return true;
  if (before === '届' && unit === '次') return true;
  if (num === '一') return true;
  // 十一五, 九十年代: a numeral that starts inside a longer one is a leftover of a failed match
  return !/\d/.test(num) && before !== undefined && CN_NUMERAL_CHAR.test(before);
}

function figure(
  text: string,
  start: number,
  end: number,
  signed: boolean,
  num: string,
  mult: string,
  unitWritten: string,
  inner: string[],
): Candidate | null {
  const info = unitInfo(unitWritten);
  if (!info) return null;
  if (isOrdinalOrLoneOne(text, start, num, unitWritten)) return null;
  if (
    info.unit === '方' &&
    unitWritten === '方' &&
    mult === '' &&
    !/[万亿千百]/.test(num) &&
    !/\d/.test(num)
  ) {
    return null; // 三方 (three parties) is not a volume
  }
  if (info.unit === '年' && mult === '' && inner.length === 0 && isYearLike(text, start, num)) return null;
  const base = numberValue(num, mult);
  if (base === null) return null;
  const value = signed ? -base : base;
  const qualifiers = info.qualifier ? [...inner, info.qualifier] : inner;
  return {
    kind: info.kind,
    start,
    end,
    value,
    unit: info.unit,
    qualifiers,
    currency: info.currency,
    priority: 1,
  };
}

/**
 * Slogans (“两个确立”, “五项机制”, “六大工程”) name a programme rather than measure something: a
 * Chinese numeral opening a short quotation is not a figure.
 */
function isSlogan(text: string, start: number, end: number, num: string): boolean {
  if (/\d/.test(num) || !/[“"‘「]/.test(text[start - 1] ?? '')) return false;
  const close = text.slice(end, end + 6).search(/[”"’」]/);
  return close >= 0;
}

/** 党的二十大, 十九大精神: party congresses, not counts. */
const CONGRESS =
  /^(?:精神|报告|以来|以后|之后|后|召开|胜利|代表|会议|开幕|闭幕|期间|提出|强调|作出|部署|确立|文件|路线|与|和|的|上)/;

export function* figures(text: string): Generator<Candidate> {
  for (const m of text.matchAll(FIGURE)) {
    const g = m.groups as Record<string, string | undefined>;
    // 数十个, 几百名: tens, hundreds (the value is the round number, 数/几 the qualifier)
    const inner = [g.approx, g.q1, g.q2].filter((q): q is string => !!q);
    const num = g.num ?? g.anum ?? '';
    const c = figure(text, m.index, m.index + m[0].length, !!g.sign, num, g.mult ?? '', g.unit ?? '', inner);
    if (!c || isSlogan(text, c.start, c.end, num)) continue;
    if (LABEL_AFTER.has(c.kind) && !g.sign) c.labelAfter = true;
    yield c;
  }
  for (const m of text.matchAll(RANGE)) {
    const g = m.groups as Record<string, string | undefined>;
    const ub = unitInfo(g.ub ?? '');
    const ua = g.ua ? unitInfo(g.ua) : ub;
    if (!ub || !ua || ua.kind !== ub.kind || ua.unit !== ub.unit) continue;
    if (g.ub === '年' && isYearLike(text, m.index, g.b ?? '')) continue; // year ranges are dates
    const start = m.index;
    const end = start + m[0].length;
    // 3至5万元 is 30000 to 50000 元: a multiplier written once applies to both ends
    const lo = figure(text, start, end, !!g.sign, g.a ?? '', g.ma ?? g.mb ?? '', g.ua ?? g.ub ?? '', []);
    const hi = figure(text, start, end, !!g.sign2, g.b ?? '', g.mb ?? '', g.ub ?? '', []);
    if (!lo || !hi) continue;
    yield { ...lo, valueTo: hi.value, priority: 1 };
  }
  for (const m of text.matchAll(PEOPLE)) {
    const g = m.groups as Record<string, string | undefined>;
    const value = numberValue(g.num ?? '', g.mult ?? '');
    if (value === null || text[m.index - 1] === '第') continue;
    const qualifiers = [g.q1, g.q2].filter((q): q is string => !!q);
    const end = m.index + m[0].length;
    yield { kind: 'count', start: m.index, end, value, unit: '人', qualifiers, priority: 1, label: g.who };
  }
  for (const m of text.matchAll(MAJOR)) {
    const num = m.groups?.num ?? '';
    const end = m.index + m[0].length;
    if (num === '一' || text[m.index - 1] === '第' || isSlogan(text, m.index, end, num)) continue;
    const party = /[党共]$|党的$/.test(text.slice(Math.max(0, m.index - 2), m.index));
    if (party || CONGRESS.test(text.slice(end, end + 2))) continue;
    const value = numberValue(num);
    if (value === null) continue;
    yield {
      kind: 'count',
      start: m.index,
      end,
      value,
      unit: '大',
      qualifiers: [],
      priority: 1,
      labelAfter: true,
    };
  }
  for (const m of text.matchAll(PERCENT_WORDS)) {
    const value = numberValue(m.groups?.num ?? '');
    if (value === null) continue;
    yield {
      kind: 'percent',
      start: m.index,
      end: m.index + m[0].length,
      value,
      unit: '%',
      qualifiers: [],
      priority: 1,
    };
  }
}
