import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMetrics, type Metric } from '../../src/main/core/metrics';

interface Expected {
  kind: string;
  text: string;
  value: number | null;
  valueTo?: number | null;
  unit: string;
  qualifier: string | null;
  label: string | null;
  currency?: string;
}

interface Fixture {
  name: string;
  source: { file: string | null; lines: [number, number][] };
  text: string;
  metrics: Expected[];
}

const FIXTURES = join(__dirname, '../fixtures/metrics');
const ROOT = join(__dirname, '../..');
const fixtures: [string, Fixture][] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Fixture]);

/** What the fixtures assert exactly: everything but the label (a heuristic, scored separately). */
function essentials(m: Metric | Expected) {
  const out: Record<string, unknown> = {
    kind: m.kind,
    text: m.text,
    value: m.value,
    unit: m.unit,
    qualifier: m.qualifier,
  };
  if (m.valueTo !== undefined) out.valueTo = m.valueTo;
  if (m.currency !== undefined) out.currency = m.currency;
  return out;
}

function key(m: Metric | Expected): string {
  return JSON.stringify([m.kind, m.text, m.value, m.unit]);
}

describe('extractMetrics on articles read by hand', () => {
  it.each(fixtures)('%s: the fixture text is still the archive text it was read from', (_, f) => {
    if (!f.source.file) return;
    const lines = readFileSync(join(ROOT, f.source.file), 'utf8').split('\n');
    const text = f.source.lines.map(([a, b]) => lines.slice(a - 1, b).join('\n')).join('\n\n');
    expect(text).toBe(f.text);
  });

  it.each(fixtures)('%s: finds exactly the expected figures', (_, f) => {
    const found = extractMetrics(f.text);
    expect(found.map(essentials)).toEqual(f.metrics.map(essentials));
    for (const m of found) expect(f.text.slice(m.start, m.end)).toBe(m.text);
  });

  it('reports precision, recall and label agreement over all fixtures', () => {
    let truePositives = 0;
    let foundTotal = 0;
    let expectedTotal = 0;
    let labelsAgreed = 0;
    let labelsJudged = 0;
    const lines: string[] = [];
    for (const [name, f] of fixtures) {
      const found = extractMetrics(f.text);
      const pool = new Map<string, Expected[]>();
      for (const e of f.metrics) pool.set(key(e), [...(pool.get(key(e)) ?? []), e]);
      let tp = 0;
      for (const m of found) {
        const e = pool.get(key(m))?.shift();
        if (!e) continue;
        tp++;
        labelsJudged++;
        if (e.label === m.label) labelsAgreed++;
        else lines.push(`  label ${name} ${m.text}: expected ${e.label}, got ${m.label}`);
      }
      truePositives += tp;
      foundTotal += found.length;
      expectedTotal += f.metrics.length;
      lines.push(
        `${name}: ${tp}/${found.length} found are right, ${tp}/${f.metrics.length} expected are found`,
      );
    }
    const precision = truePositives / foundTotal;
    const recall = truePositives / expectedTotal;
    const labels = labelsAgreed / labelsJudged;
    console.log(
      [
        ...lines,
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} over ${expectedTotal} expected figures;` +
          ` labels agree on ${labelsAgreed}/${labelsJudged} (${labels.toFixed(3)})`,
      ].join('\n'),
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(labels).toBeGreaterThanOrEqual(0.85);
  });
});

describe('extractMetrics', () => {
  const one = (text: string) => {
    const found = extractMetrics(text);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('normalises money to base units with its currency', () => {
    expect(one('规上工业总产值3512.5亿元')).toMatchObject({
      kind: 'money',
      value: 351250000000,
      unit: '元',
      currency: 'CNY',
      label: '规上工业总产值',
    });
    expect(one('贷款4.46亿元').value).toBe(446000000);
    expect(one('出口额18.6亿美元')).toMatchObject({ value: 1860000000, unit: '美元', currency: 'USD' });
    expect(one('价值5000万余元')).toMatchObject({ text: '5000万余元', value: 50000000, qualifier: '余' });
    expect(one('财政资金1000余万元')).toMatchObject({ value: 10000000, qualifier: '余' });
    expect(one('投资3至5万元')).toMatchObject({ value: 30000, valueTo: 50000, unit: '元' });
  });

  it('keeps a bold figure the same metric as a plain one, with the range on the figure', () => {
    const bold = '人才资源总量超**4.7万人**。';
    const plain = '人才资源总量超4.7万人。';
    const b = one(bold);
    const p = one(plain);
    expect(b.text).toBe('4.7万人');
    expect(bold.slice(b.start, b.end)).toBe('4.7万人');
    const { start: _s, end: _e, ...bRest } = b;
    const { start: _ps, end: _pe, ...pRest } = p;
    expect(bRest).toEqual(pRest);
    expect(one('全市**第3**')).toMatchObject({ kind: 'rank', text: '第3', value: 3, unit: '全市' });
    expect(one('增长**15.8%**')).toMatchObject({ kind: 'growth', text: '15.8%', value: 15.8 });
  });

  it('reads Chinese numerals, qualifiers and multipliers', () => {
    expect(one('两万人')).toMatchObject({ kind: 'count', value: 20000, unit: '人' });
    expect(one('十余家企业')).toMatchObject({ value: 10, qualifier: '余', label: '企业' });
    expect(one('二十多家主机厂')).toMatchObject({ value: 20, qualifier: '多', label: '主机厂' });
    expect(one('三千五百万元')).toMatchObject({ kind: 'money', value: 35000000 });
    expect(one('近300家企业')).toMatchObject({ value: 300, qualifier: '近' });
    expect(one('约100家')).toMatchObject({ value: 100, qualifier: '约' });
    expect(one('逾1000人')).toMatchObject({ value: 1000, qualifier: '逾' });
    expect(one('提高10%以上')).toMatchObject({ kind: 'growth', value: 10, qualifier: '以上' });
    expect(one('30人左右')).toMatchObject({ value: 30, qualifier: '左右' });
    expect(one('微波光子组件三大产品板块')).toMatchObject({ value: 3, unit: '大', label: '产品板块' });
  });

  it('knows growth and decline, percentages and percentage points', () => {
    expect(one('增长15.8%')).toMatchObject({ kind: 'growth', value: 15.8, unit: '%' });
    expect(one('下降3.5%')).toMatchObject({ kind: 'growth', value: -3.5 });
    expect(one('同比减少2个百分点')).toMatchObject({ kind: 'growth', value: -2, unit: '个百分点' });
    expect(one('高于全市7.8个百分点')).toMatchObject({ kind: 'percentage-point', value: 7.8 });
    expect(one('占比33%')).toMatchObject({ kind: 'percent', value: 33 });
    // 提高到 gives a level, not a change
    expect(extractMetrics('就业率由35%提高到45%').map((m) => m.kind)).toEqual(['percent', 'percent']);
  });

  it('finds ranks and tells them from ordinals', () => {
    expect(one('名列全市第2')).toMatchObject({ kind: 'rank', text: '全市第2', value: 2, unit: '全市' });
    expect(one('名列全国第13位')).toMatchObject({ text: '全国第13位', value: 13, unit: '全国' });
    expect(one('排名第3')).toMatchObject({ text: '第3', value: 3, unit: '' });
    expect(one('创建数量居全市前列')).toMatchObject({ value: null, qualifier: '前列', label: '创建数量' });
    expect(one('居全国前十')).toMatchObject({ value: 10, qualifier: '前' });
    expect(extractMetrics('把科技作为第一生产力')).toEqual([]);
    expect(extractMetrics('召开了第十五次全国代表大会')).toEqual([]);
    expect(extractMetrics('区政协召开十六届三次主席会议')).toEqual([]);
    expect(extractMetrics('全国第一批试点')).toEqual([]);
  });

  it('gives dates and years their own kind', () => {
    expect(one('2023年')).toMatchObject({ kind: 'date', value: 2023, unit: '年' });
    expect(one('8月24日')).toMatchObject({ kind: 'date', value: 824, unit: '月日' });
    expect(one('１９９８年１月５日')).toMatchObject({ value: 19980105, unit: '年月日' });
    expect(one('一九九八年')).toMatchObject({ kind: 'date', value: 1998 });
    expect(one('二○○三年')).toMatchObject({ kind: 'date', value: 2003 });
    expect(one('2019年至今')).toMatchObject({ value: 2019, valueTo: null, qualifier: '至今' });
    expect(one('2019—2021年')).toMatchObject({ value: 2019, valueTo: 2021 });
    expect(one('2019年至2021年')).toMatchObject({ value: 2019, valueTo: 2021 });
    expect(one('连续15年')).toMatchObject({ kind: 'duration', value: 15, qualifier: '连续' });
    expect(one('近2000年')).toMatchObject({ kind: 'duration', value: 2000, qualifier: '近' });
    expect(one('3个月')).toMatchObject({ kind: 'duration', value: 3, unit: '个月' });
    expect(extractMetrics('上世纪90年代')).toEqual([]);
  });

  it('measures areas, lengths, volumes, weights and temperatures', () => {
    expect(one('孵化面积30万平方米')).toMatchObject({ kind: 'area', value: 300000, unit: '平方米' });
    expect(one('283平方公里')).toMatchObject({ kind: 'area', value: 283, unit: '平方公里' });
    expect(one('103亩')).toMatchObject({ kind: 'area', value: 103, unit: '亩' });
    expect(one('15公里')).toMatchObject({ kind: 'length', value: 15 });
    expect(one('400米')).toMatchObject({ kind: 'length', unit: '米' });
    expect(one('5万方产业楼宇')).toMatchObject({ kind: 'volume', value: 50000, unit: '方' });
    expect(one('3万余斤')).toMatchObject({ kind: 'weight', value: 30000, unit: '斤', qualifier: '余' });
    expect(one('350万吨')).toMatchObject({ kind: 'weight', value: 3500000, unit: '吨' });
    expect(one('-200°C至1000°C')).toMatchObject({
      kind: 'temperature',
      value: -200,
      valueTo: 1000,
      unit: '°C',
    });
    expect(one('零下15℃')).toMatchObject({ kind: 'temperature', value: -15 });
    expect(extractMetrics('双方开展三方合作')).toEqual([]);
  });

  it('leaves out lone 一, slogans, party congresses and codes', () => {
    expect(extractMetrics('只是一个缩影,一件件产品,一批龙头企业')).toEqual([]);
    expect(extractMetrics('坚定拥护“两个确立”,做到“两个维护”')).toEqual([]);
    expect(extractMetrics('迎接党的二十大胜利召开')).toEqual([]);
    expect(extractMetrics('成功装配C919,基于5G通信')).toEqual([]);
    expect(extractMetrics('“十四五”规划,零部件')).toEqual([]);
  });

  it('joins figures broken across OCR lines and keeps the line break inside the range', () => {
    const text = '新增民营企业4911户，增\n长33.3%，较上年提高了8个百\n分点。';
    const found = extractMetrics(text);
    expect(found.map((m) => [m.kind, m.text, m.value])).toEqual([
      ['count', '4911户', 4911],
      ['growth', '增\n长33.3%', 33.3],
      ['growth', '提高了8个百\n分点', 8],
    ]);
  });

  it('labels figures with the noun phrase that comes before or, for counts, after them', () => {
    const text =
      '拥有国家高新技术企业267家、市级科技型企业超2400家;累计帮助288家市级科技型企业获得知识价值信用贷款4.46亿元';
    expect(extractMetrics(text).map((m) => m.label)).toEqual([
      '国家高新技术企业',
      '市级科技型企业',
      '市级科技型企业',
      '知识价值信用贷款',
    ]);
    expect(one('渝北区规上工业总产值3512.5亿元').label).toBe('规上工业总产值');
    expect(one('2023年').label).toBeNull();
  });

  it('returns nothing for empty or figure-free text', () => {
    expect(extractMetrics('')).toEqual([]);
    expect(extractMetrics('科技引领发展，创新决胜未来。')).toEqual([]);
  });
});

describe('extractMetrics on the bundled archive', () => {
  const dir = join(ROOT, 'archive');
  it.runIf(existsSync(dir))('finds figures on every page, with exact ranges', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      const found = extractMetrics(text);
      expect(found.length, file).toBeGreaterThan(5);
      for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
    }
  });
});
