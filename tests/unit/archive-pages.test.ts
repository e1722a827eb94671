import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPageArticles } from '../../src/main/core/archive/page';
import { readPage, splitPage } from '../../src/main/core/archive/split';
import { PD1998_PAGES, SAMPLE_ARCHIVE } from './helpers/tmp';

const FIXTURES = path.resolve('tests/fixtures/archive');
const page = (dir: string, name: string): string => readFileSync(path.join(dir, name), 'utf8');
const spans = (text: string): [string, number, number][] =>
  splitPage(text).map((d) => [d.title, d.lineStart, d.lineEnd]);

/**
 * The sample pages as an editor reads them (titles and 1-based inclusive line spans). Hard calls:
 * - 000: `## 黄祖英…强调` over two `#` lines is one article: a kicker and a two-line title.
 * - 001 and 004 print their headline last; each page is one feature, its subheads are sections.
 *   004 could also be read as two pieces (1-42 on 绵阳, 46-284 on innovation) under the two
 *   trailing lines, but nothing on the page ties either line to either part, so it is one
 *   article titled by its longest headline line, the other being its subtitle.
 * - 002: 杨燕燕 (byline) closes the 九龙坡 feature; 西南铝生产的铝合金环件 after it is a photo
 *   caption of that feature, not the kicker of 江津's.
 * - 003: 绿水青山就是金山银山 is a slogan (page furniture); the 相关新闻 box is an article of its own.
 */
const SAMPLES: Record<string, [string, number, number][]> = {
  '000_b2b83c036f656240.txt': [
    ['科技创新为高质量发展赋能蓄力', 5, 55],
    ['以实干实绩 奋进新征程建功新时代', 57, 81],
    ['中央、市级媒体 聚焦我区生态人文工作', 83, 99],
    ['坚定信心 迎难而上 全力以赴稳住全区经济大盘', 101, 119],
    ['区政协召开十六届三次主席会议', 121, 135],
  ],
  '001_17601023d1635538.txt': [['奋力打造科技创新‘加强版’', 5, 117]],
  '002_075e0c53f7cb063c.txt': [
    ['强产业 壮主体 建平台 优生态 看九龙坡如何奏响科技创新“最强音”', 3, 88],
    ['江津 改善农村人居环境 擦亮美丽乡村底色', 90, 145],
  ],
  '003_7cdf4a5c27c15525.txt': [
    [
      '区委举行2023年第二次调研协商座谈会暨暑期谈心活动 发挥“智库”独特优势 提升议政建言质量 为推动北碚高质量发展凝聚智慧力量',
      5,
      23,
    ],
    ['发展再提速! 西部(重庆)科学城 北碚园区实现“弯道超车”', 27, 57],
    ['区十九届人大举行加快重大项目建设 实施产业升级行动情况专题审议会议', 59, 79],
    ['助力加快重大项目建设实施产业升级', 81, 125],
    ['党建引领产业发展 小米粒焕发新活力', 127, 141],
  ],
  '004_bb1e53e6b3332629.txt': [['突显科技教育融入成渝地区双城经济圈建设', 1, 288]],
};

describe('the five sample pages, read as an editor would', () => {
  for (const [name, expected] of Object.entries(SAMPLES)) {
    it(`${name}: titles and line spans`, () => {
      expect(spans(page(SAMPLE_ARCHIVE, name))).toEqual(expected);
    });
  }

  it('000: kickers, subtitles, bylines, sections, captions; a paragraph continues across a caption', () => {
    const [science, cheers, media, economy] = splitPage(page(SAMPLE_ARCHIVE, '000_b2b83c036f656240.txt'));
    expect(science).toMatchObject({ subtitle: '抓执行 促落实', byline: '本报记者 黄虹', authors: ['黄虹'] });
    expect(science.sections?.map((s) => s.title)).toEqual([
      '实施智能化改造: 为企业赋能添动力',
      '引育创新平台: 促进科技成果转化',
      '优化科创环境: 集聚发展动力',
    ]);
    expect(science.captions).toEqual(['工业互联网产业生态园。(资料图)']);
    expect(science.paragraphs.find((p) => p.includes('电动空调压缩机'))).toContain('压缩机零部件数字化车间”');
    expect(cheers).toMatchObject({
      subtitle: '北碚各界党员干部群众热议市第六次党代会报告',
      authors: ['向金域', '齐宏', '熊辉', '秦廷富'],
    });
    // A lead printed alone on its line joins its paragraph; 建设人行步 / blank / 道。 is one word.
    expect(media.paragraphs[0]).toMatch(/^本报讯\(记者 彭浩杰\)5月27日/);
    expect(media.paragraphs.join('\n\n')).toContain('建设人行步道。');
    expect(economy.kicker).toBe('黄祖英在我区稳住经济大盘工作会议上强调');
  });

  it('001 and 002: headline after the body, section subheads, bylines and captions stay in their article', () => {
    const [feature] = splitPage(page(SAMPLE_ARCHIVE, '001_17601023d1635538.txt'));
    expect(feature).toMatchObject({
      kicker: '渝北',
      subtitle: '站稳重庆工业经济发展主阵地',
      authors: ['王彩艳', '杨敏'],
    });
    expect(feature.captions?.[0]).toMatch(/摄\/陈云元$/);
    expect(feature.sections?.map((s) => s.title)).toContain('数读');
    expect(feature.paragraphs).toContain(
      '2023年,渝北区规上工业总产值达3512.5亿元,总量连续15年保持全市第一。',
    );
    const [kowloon, jiangjin] = splitPage(page(SAMPLE_ARCHIVE, '002_075e0c53f7cb063c.txt'));
    expect(kowloon.sections?.[0]).toEqual({ title: '强产业 打造高质量发展新引擎', paragraph: 2 });
    expect(kowloon.captions).toEqual(['西部(重庆)科学城九龙坡片区 摄/周邦群', '西南铝生产的铝合金环件']);
    expect(jiangjin).toMatchObject({
      kicker: '入细入微 因村制宜 精心打造',
      authors: ['唐彬', '陈翔宇', '苏俊杰'],
    });
    expect(jiangjin.captions).toContain('环境宜人的先锋镇保坪村');
  });

  it('003: slogan is furniture, 相关新闻 is a box article, captions before the lead attach', () => {
    const reading = readPage(page(SAMPLE_ARCHIVE, '003_7cdf4a5c27c15525.txt'));
    expect(reading.furniture).toEqual([{ line: 25, text: '绿水青山就是金山银山', kind: 'slogan' }]);
    const [meeting, , , related, millet] = reading.articles;
    expect(meeting.subtitle).toBe('王俊讲话 黄祖英徐永德董伦出席');
    expect(related).toMatchObject({
      column: '相关新闻',
      kicker: '北碚区人大开展年中专题审议',
      byline: '本报记者 彭浩杰',
    });
    expect(related.sections?.map((s) => s.title)).toEqual([
      '深入调研“望闻问切”细“把脉”',
      '专题审议“抽丝剥茧”谋“良方”',
      '持续跟踪 多措并举促发展',
    ]);
    expect(millet.captions).toEqual(['8月22日,静观镇中华村党员志愿服务队帮民一道收割小米。']);
  });

  it('004: OCR columns reflow into paragraphs, across blank lines inserted mid-word, keeping subheads', () => {
    const reading = readPage(page(SAMPLE_ARCHIVE, '004_bb1e53e6b3332629.txt'));
    expect(reading.layout).toBe('wrapped');
    const [article] = reading.articles;
    expect(article.subtitle).toBe('创新驱动引领高质量发展北碚');
    expect(article.paragraphs[1]).toContain('中等职业学校6所');
    expect(article.paragraphs[1]).toMatch(/^绵阳是中国唯一科技城.*资源优势。$/);
    expect(article.sections?.map((s) => s.title)).toEqual([
      '大数据智能化引领工业转型升级',
      '工业互联网和传感器基地提升产业新动能',
      '政策服务和科技引领推动民营经济高质量发展',
      '环西南大学创新生态圈支持创新创业',
    ]);
    expect(article.paragraphs).toContain(
      '“用大数据智能化推动传统工业转型升级，这是我们通过创新驱动引领高质量发展的一个大手笔。”北碚区相关负责人说。',
    );
    expect(article.captions).toEqual(['重庆材料研究院 摄/吴祥鸿']);
  });

  it('a short article added after a headline printed last is an article of its own', () => {
    const text = `${page(SAMPLE_ARCHIVE, '004_bb1e53e6b3332629.txt')}\n\n新增的报道\n\n今年全市第一个智慧园区建成投用。\n`;
    expect(spans(text).map(([t]) => t)).toEqual(['突显科技教育融入成渝地区双城经济圈建设', '新增的报道']);
  });
});

describe('hand-made pages', () => {
  it('an OCR column with a subhead glued to its paragraph and a headline printed last', () => {
    const [article] = splitPage(page(FIXTURES, 'ocr-column.txt'));
    expect(article).toMatchObject({ title: '携手共建科技创新走廊', lineStart: 1, lineEnd: 18 });
    expect(article.sections).toEqual([{ title: '校地合作持续深化', paragraph: 2 }]);
    expect(article.paragraphs[1]).toBe(
      '北碚有西南大学等高等院校4所，中等职业学校6所，还有国家大学科技园1个。绵阳有西南科技大学等高等院校14所，有国家级科研院所多家。',
    );
  });

  it('a headline block after the byline titles the article above it', () => {
    const [article] = splitPage(page(FIXTURES, 'headline-last.txt'));
    expect(article).toMatchObject({
      title: '奋力打造科技创新“加强版”',
      kicker: '渝北',
      subtitle: '站稳重庆工业经济发展主阵地',
      lineStart: 1,
      lineEnd: 11,
    });
    expect(article.paragraphs).toHaveLength(2);
  });

  it('a page of captions only has no article; its captions are furniture', () => {
    const reading = readPage(page(FIXTURES, 'captions-only.txt'));
    expect(reading.articles).toEqual([]);
    expect(reading.furniture.map((f) => f.kind)).toEqual(['caption', 'caption', 'caption']);
  });

  it('slogans, leads, section subheads, closing bylines, 相关新闻 boxes and list items', () => {
    const reading = readPage(page(FIXTURES, 'features.txt'));
    expect(reading.furniture.map((f) => f.text)).toEqual(['绿水青山就是金山银山']);
    const [park, box] = reading.articles;
    expect(park).toMatchObject({
      title: '科学城北碚园区实现“弯道超车”',
      authors: ['向金城', '王五', '李四'],
      lineStart: 3,
      lineEnd: 11,
    });
    expect(park.sections).toEqual([{ title: '破除进口依赖 打造新一代温度传感器', paragraph: 1 }]);
    expect(box).toMatchObject({
      title: '北碚区人大开展年中专题审议',
      column: '相关新闻',
      lineStart: 13,
      lineEnd: 22,
    });
    expect(box.paragraphs.slice(1)).toEqual(['1. 深入调研,精准聚焦问题;', '2. 专题审议,形成监督闭环。']);
  });

  it('one paragraph per line with a blank line between articles: titles may hold commas', () => {
    const text = [
      '北国有寒趣，南疆闻花香',
      '各地群众喜庆元旦。',
      '',
      '江泽民会见法国外长',
      '新华社北京1月23日电，国家主席江泽民今天会见法国外长。',
      '双方交换了意见。',
      '',
      '中国政府向马达加斯加政府赠送药品的交接仪式30日举行。',
    ].join('\n');
    const drafts = splitPage(text);
    expect(drafts.map((d) => [d.title, d.lineStart, d.lineEnd, d.paragraphs.length])).toEqual([
      ['北国有寒趣，南疆闻花香', 1, 2, 1],
      ['江泽民会见法国外长', 4, 6, 2],
      ['中国政府向马达加斯加政府赠送药品的交接仪式30日举行', 8, 8, 1],
    ]);
    expect(drafts[2].untitled).toBe(true);
  });
});

describe('the People’s Daily corpus', () => {
  it.skipIf(!existsSync(PD1998_PAGES))(
    'finds its 3,148 articles with their headlines (corpus at ../shared)',
    () => {
      const truth = readFileSync(path.join(PD1998_PAGES, '..', 'articles.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { file: string; title: string });
      let count = 0;
      let sameTitle = 0;
      for (const name of readdirSync(PD1998_PAGES).sort()) {
        const { articles } = readPageArticles(name, page(PD1998_PAGES, name));
        const expected = truth.filter((t) => t.file === name);
        count += articles.length;
        articles.forEach((a, i) => {
          if (a.title === expected[i]?.title) sameTitle++;
        });
      }
      expect(count).toBe(3148);
      // Every article PFR gives a headline-like first line keeps it as its title.
      expect(sameTitle).toBeGreaterThan(2700);
    },
  );
});

describe('properties of the page reader', () => {
  const line = fc.oneof(
    fc.constant(''),
    fc.constant('   '),
    fc.constantFrom(
      '## 标题',
      '# 主标题',
      '### 小标题',
      '本报讯(记者 熊辉)',
      '本报讯(记者 熊辉)8月24日,会议举行。',
      '本报记者 黄虹',
      '王彩艳 杨敏 图片由渝北区委宣传部提供',
      '这是一个句子。',
      '没有标点的短行',
      '中等职业学',
      '校6所，有国家大学科技园1个。',
      '科技资源雄厚的地区，在成渝地区双城',
      '摄/某人',
      '相关新闻',
      '核心提示',
      '绿水青山就是金山银山',
      '——副题',
      '1. 列表项',
      '续行没有结束',
    ),
    fc.string({ maxLength: 30 }),
  );

  it('never throws; spans are ordered, inside the page, disjoint (each line in at most one article); titles are never empty', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 50 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        const total = text.split(/\r\n|\r|\n/).length;
        const { articles } = readPageArticles('p.txt', text);
        let last = 0;
        for (const a of articles) {
          expect(a.source.lineStart).toBeGreaterThan(last);
          expect(a.source.lineEnd).toBeGreaterThanOrEqual(a.source.lineStart);
          expect(a.source.lineEnd).toBeLessThanOrEqual(total);
          expect(a.title.trim().length).toBeGreaterThan(0);
          expect(a.text).toBe(a.paragraphs.join('\n\n'));
          expect(a.paragraphs.length).toBeGreaterThan(0);
          last = a.source.lineEnd;
        }
        expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
      }),
      { numRuns: 300 },
    );
  });

  it('reading loses no text: every character of the page is in an article or in the furniture', () => {
    const piece = fc.constantFrom(
      '科技资源雄厚的地区，',
      '在成渝地区双城',
      '经济圈建设中携手合作。',
      '中等职业学',
      '校6所。',
      '',
      '摄/张三',
      '本报记者 黄虹',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\n\n'),
        (pieces, eol) => {
          const text = `标题\n\n${pieces.join(eol)}`;
          const reading = readPage(text);
          const kept = [
            ...reading.articles.flatMap((d) => [
              d.kicker ?? '',
              d.untitled ? '' : d.title,
              d.subtitle ?? '',
              d.byline ?? '',
              ...(d.sections ?? []).map((s) => s.title),
              ...(d.captions ?? []),
              ...d.paragraphs,
            ]),
            ...reading.furniture.map((f) => f.text),
          ];
          const counts = (s: string): Map<string, number> => {
            const m = new Map<string, number>();
            for (const c of s.replace(/\s/g, '')) m.set(c, (m.get(c) ?? 0) + 1);
            return m;
          };
          // Every character of the page is kept; the only ones kept twice are of a byline, which
          // may be both the start of the first paragraph and the article's byline field.
          const have = counts(kept.join(''));
          const bylines = counts(reading.articles.map((d) => d.byline ?? '').join(''));
          for (const [c, n] of counts(text)) {
            expect(have.get(c) ?? 0, c).toBeGreaterThanOrEqual(n);
            expect(have.get(c) ?? 0, c).toBeLessThanOrEqual(n + (bylines.get(c) ?? 0));
          }
          for (const c of have.keys()) expect(counts(text).has(c), c).toBe(true);
        },
      ),
      // Found by this property: a byline line that repeats the first paragraph's opening byline.
      {
        examples: [[['本报记者 黄虹', '科技资源雄厚的地区，', '校6所。', '本报记者 黄虹', '摄/张三'], '\n']],
      },
    );
  });
});
