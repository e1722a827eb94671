import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPageArticles } from '../../src/main/core/archive/page';
import { extractMetrics, type Metric } from '../../src/main/core/metrics';
import { buildView, type MetricView } from '../../src/main/core/metrics/view';
import { PD1998_PAGES } from './helpers/tmp';

/**
 * Labels come from the structure of the sentence: a run of whole words (by the segmenter) of one
 * clause, never a window of characters cut inside a word, and never only function words.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const QUOTE = '[“”‘’"\'「」『』《》〈〉]';
const CLAUSE_BREAK = /[，,、；;。！!？?：:\n\r\t …|/·]/u;

/** Words that say nothing about what is measured, by themselves (checked independently of the extractor's lists). */
const FUNCTION_WORDS = new Set(
  `的 了 着 过 在 从 对 向 由 于 以 把 被 将 给 为 与 和 同 跟 及 并 而 或 但 就 都 还 又 再 才 已 已经
  曾 曾经 也 很 更 最 太 这 那 这些 那些 其 该 此 他 她 它 他们 我们 自己 其中 包括 等 以及 并且 而且
  或者 但是 因为 所以 如果 虽然 即使 一些 有的 有些 这个 那个 这里 那里 原来 今后 目前 现在 如今
  今年 去年 当时 同时 此外 另外 达 达到 为 是 有 约 近 超 逾 共 均 各 每 分别 连续 累计 共有 就有
  短短 提前 为期 一度 一直 不断 逐步 首次 再次 仍 仍然 只 仅 仅仅 大约 将近 超过 突破 降到 增加
  减少 增长 下降 提高 之 所 地 得 中 里 内 上 下 前 后 多 余 几 个 些 似乎 好像 可能 应该 必须`.split(/\s+/u),
);
/** Particles, prepositions and adverbs a label can neither start nor end with. */
const EDGE_WORDS = new Set(
  '的 了 着 过 在 从 对 向 把 被 和 与 及 并 而 或 但 就 都 还 又 再 才 已 也 将 给'.split(' '),
);

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Segment boundaries of a paragraph, segmented in pieces as long text is (at punctuation). */
function boundaries(paragraph: string): Set<number> {
  const out = new Set<number>([0, paragraph.length]);
  for (let from = 0; from < paragraph.length;) {
    let to = Math.min(paragraph.length, from + 2000);
    if (to < paragraph.length) {
      for (let at = to; at > from + 1000; at--) {
        if (/[\p{P}\s]/u.test(paragraph[at - 1])) {
          to = at;
          break;
        }
      }
    }
    for (const s of segmenter.segment(paragraph.slice(from, to))) {
      out.add(from + s.index);
      out.add(from + s.index + s.segment.length);
    }
    from = to;
  }
  return out;
}

/** The offset in the view of an offset in the original text. */
function viewOffset(view: MetricView, original: number): number {
  let lo = 0;
  let hi = view.origin.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.origin[mid] < original) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Problem {
  label: string;
  figure: string;
  why: string;
  context: string;
}

/**
 * What is wrong with a figure's label, or null: its nearest occurrence in the paragraph (the text
 * the extractor reads: the metric view, where quotes inside a label may be left out) must start
 * and end where the segmenter puts a word boundary and stay inside one clause, and the label must
 * not be function words only nor start or end with a particle.
 */
function labelProblem(view: MetricView, m: Metric): Problem | null {
  const label = m.label;
  if (label === null) return null;
  const at = viewOffset(view, m.start);
  const paraStart = view.text.lastIndexOf('\n', at) + 1;
  const nextBreak = view.text.indexOf('\n', at);
  const paragraph = view.text.slice(paraStart, nextBreak < 0 ? view.text.length : nextBreak);
  const figure = at - paraStart;
  const context = paragraph.slice(Math.max(0, figure - 30), figure + 15);
  const problem = (why: string): Problem => ({ label, figure: m.text, why, context });
  const words = [...segmenter.segment(label)].filter((s) => s.isWordLike).map((s) => s.segment);
  if (words.length === 0 || words.every((w) => FUNCTION_WORDS.has(w))) return problem('function words only');
  if (EDGE_WORDS.has(words[0]) || EDGE_WORDS.has(words[words.length - 1])) {
    return problem('starts or ends with a particle');
  }
  const pattern = new RegExp([...label].map(escape).join(`${QUOTE}*`), 'gu');
  let nearest: { start: number; end: number } | null = null;
  for (const found of paragraph.matchAll(pattern)) {
    const here = { start: found.index, end: found.index + found[0].length };
    if (!nearest || Math.abs(here.start - figure) < Math.abs(nearest.start - figure)) nearest = here;
  }
  if (!nearest) return problem('not in its paragraph');
  if (CLAUSE_BREAK.test(paragraph.slice(nearest.start, nearest.end))) return problem('runs across clauses');
  const cuts = boundaries(paragraph);
  if (!cuts.has(nearest.start)) return problem('starts inside a word');
  if (!cuts.has(nearest.end)) return problem('ends inside a word');
  return null;
}

describe('labels come from the structure of the sentence', () => {
  const one = (text: string, figure: string) => {
    const m = extractMetrics(text).find((x) => x.text === figure);
    expect(m, figure).toBeDefined();
    return m as Metric;
  };

  it('label the noun phrase the number measures, after the verb and without scope or place', () => {
    expect(one('全区累计拥有国家高新技术企业267家。', '267家').label).toBe('国家高新技术企业');
    expect(one('2023年,渝北区规上工业总产值3512.5亿元。', '3512.5亿元').label).toBe('规上工业总产值');
    expect(one('国家高新技术企业总量达到506家,排名全市第3。', '506家').label).toBe('国家高新技术企业');
    expect(one('累计帮助288家市级科技型企业获得知识价值信用贷款4.46亿元。', '4.46亿元').label).toBe(
      '知识价值信用贷款',
    );
  });

  it('rank what the clause is about, stepping over 连续五年 rather than taking 连续', () => {
    const text = '全社会研发投入强度连续五年全市第一。';
    expect(one(text, '全市第一').label).toBe('全社会研发投入强度');
    expect(one(text, '五年').label).not.toBe('连续');
    // A clause without a subject continues the one before it.
    const after = '规上工业总产值3512.5亿元,连续五年全市第一。';
    expect(one(after, '全市第一').label).toBe('规上工业总产值');
  });

  it('prefer no label to a verb, an adverb or a broken word (review findings from pd1998)', () => {
    // Was 美国证券策略师预 (cut inside 预测).
    expect(one('路透社调查的１１位美国证券策略师预测，', '１１位').label).toBe('证券策略师');
    expect(one('路透社调查的１１位美国证券策略师预测，', '１１位').abroad).toBe(true);
    // Was 似乎风马牛不相: an adverb follows the figure, and 感触到 is a verb before it.
    expect(one('偶然感触到两个似乎风马牛不相及的东西。', '两个').label).toBeNull();
    // Was 市政府通过多种渠道筹集: the money is the object of 筹集.
    expect(one('市政府通过多种渠道筹集１０００多万元解困金和慰问金。', '１０００多万元').label).toBeNull();
    // Was 女学生来 and 无家可归者今年元.
    expect(one('图为北京市东直门中学的两位女学生来到东直门敬老院。', '两位').label).toBe('女学生');
    expect(one('因而１２０名无家可归者今年元旦有了住处。', '１２０名').label).toBe('无家可归者');
  });

  it('keep the words as the segmenter cuts them on any text (property)', () => {
    const piece = fc.constantFrom(
      '全区',
      '渝北区',
      '累计',
      '拥有',
      '国家',
      '高新技术企业',
      '规上工业总产值',
      '总量',
      '达到',
      '达',
      '为',
      '是',
      '有',
      '完成',
      '实现',
      '增长',
      '新增',
      '连续',
      '五年',
      '全市第一',
      '267家',
      '3512.5亿元',
      '15.8%',
      '的',
      '了',
      '和',
      '似乎',
      '“',
      '”',
      '，',
      '、',
      '。',
      '(',
      ')',
      '人均',
      '可支配收入',
      '美国',
      '证券策略师',
      '预测',
    );
    const text = fc.oneof(
      fc.array(piece, { maxLength: 24 }).map((p) => p.join('')),
      fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 16 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const view = buildView(t);
        for (const m of extractMetrics(t)) {
          const problem = labelProblem(view, m);
          expect(problem, JSON.stringify(problem)).toBeNull();
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe.skipIf(!existsSync(PD1998_PAGES))("labels on the People's Daily pages (corpus at ../shared)", () => {
  it('never start or end inside a word, never span clauses, and are never function words only', () => {
    const pages = readdirSync(PD1998_PAGES)
      .sort()
      .filter((_, i) => i % 3 === 0); // a third of the pages, spread over the month
    let figures = 0;
    let labelled = 0;
    const problems: Problem[] = [];
    for (const name of pages) {
      const { articles } = readPageArticles(name, readFileSync(path.join(PD1998_PAGES, name), 'utf8'));
      for (const article of articles) {
        const view = buildView(article.text);
        for (const m of extractMetrics(article.text)) {
          if (m.kind === 'date') continue;
          figures++;
          if (m.label === null) continue;
          labelled++;
          const problem = labelProblem(view, m);
          if (problem) problems.push(problem);
        }
      }
    }
    console.log(
      `pd1998 labels: ${labelled}/${figures} figures labelled, ${problems.length} broken\n` +
        problems
          .slice(0, 40)
          .map((p) => `  ${p.label}\t${p.why}\t${p.figure}\t${p.context}`)
          .join('\n'),
    );
    expect(figures).toBeGreaterThan(3000);
    expect(problems.slice(0, 20)).toEqual([]);
    // Not by labelling nothing: most figures still say what they measure.
    expect(labelled / figures).toBeGreaterThan(0.6);
  });
});
