/** Units a figure can end in, with the kind they make and the base unit they are reported in. */
import type { Currency, MetricKind } from './types';

export interface UnitInfo {
  kind: MetricKind;
  /** The unit reported on the metric (the written unit, or its base form). */
  unit: string;
  /** Power of ten the written unit carries (亿元 is handled as multiplier + 元, so this is rare). */
  exponent?: number;
  currency?: Currency;
  /** A qualifier written inside the unit (个多月 → 多). */
  qualifier?: string;
}

const COUNT_WORDS = [
  '家',
  '个',
  '项',
  '人次',
  '人',
  '名',
  '户',
  '台套',
  '套',
  '台',
  '辆',
  '座',
  '条',
  '款',
  '所',
  '件',
  '只',
  '头',
  '株',
  '棵',
  '支',
  '批',
  '次',
  '场',
  '本',
  '部',
  '篇',
  '份',
  '架',
  '艘',
  '间',
  '处',
  '栋',
  '幢',
  '层',
  '张',
  '位',
  '例',
  '宗',
  '种',
  '类',
  '门',
  '枚',
  '颗',
  '根',
  '块',
  '对',
  '吨次',
  '床',
  '顶',
  '箱',
  '眼',
  '袋',
  '瓶',
  '盒',
  '桶',
  '匹',
  '列',
  '趟',
  '架次',
  '艘次',
];

const TABLE: Record<string, UnitInfo> = {};
for (const w of COUNT_WORDS) TABLE[w] = { kind: 'count', unit: w };

const CURRENCIES: [string, Currency][] = [
  ['元人民币', 'CNY'],
  ['元', 'CNY'],
  ['人民币', 'CNY'],
  ['美元', 'USD'],
  ['欧元', 'EUR'],
  ['日元', 'JPY'],
  ['港元', 'HKD'],
  ['港币', 'HKD'],
  ['英镑', 'GBP'],
];
for (const [w, currency] of CURRENCIES) {
  TABLE[w] = { kind: 'money', unit: w === '元人民币' || w === '人民币' ? '元' : w, currency };
}

Object.assign(TABLE, {
  '%': { kind: 'percent', unit: '%' },
  个百分点: { kind: 'percentage-point', unit: '个百分点' },
  百分点: { kind: 'percentage-point', unit: '个百分点' },
  倍: { kind: 'multiple', unit: '倍' },
  平方公里: { kind: 'area', unit: '平方公里' },
  平方千米: { kind: 'area', unit: '平方公里' },
  平方米: { kind: 'area', unit: '平方米' },
  平米: { kind: 'area', unit: '平方米' },
  亩: { kind: 'area', unit: '亩' },
  公顷: { kind: 'area', unit: '公顷' },
  公里: { kind: 'length', unit: '公里' },
  千米: { kind: 'length', unit: '公里' },
  厘米: { kind: 'length', unit: '厘米' },
  毫米: { kind: 'length', unit: '毫米' },
  米: { kind: 'length', unit: '米' },
  海里: { kind: 'length', unit: '海里' },
  立方米: { kind: 'volume', unit: '立方米' },
  方: { kind: 'volume', unit: '方' },
  吨: { kind: 'weight', unit: '吨' },
  公斤: { kind: 'weight', unit: '公斤' },
  千克: { kind: 'weight', unit: '公斤' },
  克: { kind: 'weight', unit: '克' },
  斤: { kind: 'weight', unit: '斤' },
  '°C': { kind: 'temperature', unit: '°C' },
  '℃': { kind: 'temperature', unit: '°C' },
  摄氏度: { kind: 'temperature', unit: '°C' },
  岁: { kind: 'age', unit: '岁' },
  周岁: { kind: 'age', unit: '岁' },
  年: { kind: 'duration', unit: '年' },
  周年: { kind: 'duration', unit: '周年' },
  个月: { kind: 'duration', unit: '个月' },
  个多月: { kind: 'duration', unit: '个月', qualifier: '多' },
  天: { kind: 'duration', unit: '天' },
  个小时: { kind: 'duration', unit: '小时' },
  个多小时: { kind: 'duration', unit: '小时', qualifier: '多' },
  小时: { kind: 'duration', unit: '小时' },
  分钟: { kind: 'duration', unit: '分钟' },
  秒钟: { kind: 'duration', unit: '秒' },
  秒: { kind: 'duration', unit: '秒' },
  周: { kind: 'duration', unit: '周' },
  个星期: { kind: 'duration', unit: '周' },
  星期: { kind: 'duration', unit: '周' },
} satisfies Record<string, UnitInfo>);

export function unitInfo(written: string): UnitInfo | undefined {
  return TABLE[written];
}

/** Every way a unit is written (元, 元人民币, 人民币 for 元; 公斤, 千克 for 公斤), longest first. */
export function writtenForms(unit: string, currency?: Currency): string[] {
  return Object.keys(TABLE)
    .filter((w) => TABLE[w].unit === unit && TABLE[w].currency === currency && !TABLE[w].qualifier)
    .sort((a, b) => b.length - a.length);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&');
}

/**
 * Regex source matching any unit, longest first so 个百分点 wins over 个 and 平方公里 over 公里.
 * Some units refuse a following character that would make them part of another word (台湾, 年代).
 */
export const UNIT_PATTERN = (() => {
  const guards: Record<string, string> = {
    年: '(?![代级])',
    台: '(?!湾)',
    位: '(?!数)',
    名: '(?![列次单])',
    个: '(?![月小])',
    次: '(?!数)',
    门: '(?!户)',
    部: '(?![门委])',
    类: '(?!型)',
    克: '(?![服隆])',
    米: '(?!饭)',
    支: '(?!队)',
    列: '(?![车入为举])',
    眼: '(?![前光睛镜])',
    箱: '(?!子)',
    周: '(?![边围])',
  };
  return Object.keys(TABLE)
    .sort((a, b) => b.length - a.length)
    .map((u) => escape(u) + (guards[u] ?? ''))
    .join('|');
})();
