/**
 * Profiling helper: tsx bench/profile.ts <dataset> build|query <file>
 * build: builds and saves the index; query: cold-loads it and times the bench query set per query.
 * Run under `node --cpu-prof --import tsx` to see where the time goes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ArticleIndex } from '../src/main/core/search/index';
import { normalize } from '../src/main/core/text/normalize';
import { dataset } from './corpus';

const [name, phase, file] = process.argv.slice(2);
const articles = dataset(name);
const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MB`;
const mem = (label: string): void => {
  const m = process.memoryUsage();
  console.log(
    `${label}: rss ${mb(m.rss)} heap ${mb(m.heapUsed)} ext ${mb(m.external)} ab ${mb(m.arrayBuffers)} maxrss ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
};
mem('articles');
if (phase === 'build') {
  const t = performance.now();
  const index = ArticleIndex.build(articles);
  console.log(`build ${(performance.now() - t).toFixed(0)} ms`);
  mem('built');
  writeFileSync(file, index.toBinary());
  mem('saved');
} else {
  let t = performance.now();
  const index = ArticleIndex.fromBinary(readFileSync(file), articles);
  console.log(`load ${(performance.now() - t).toFixed(0)} ms`);
  mem('loaded');
  const qs = [
    '发展',
    '经济',
    '中国',
    '工作',
    '建设',
    '改革开放',
    '社会主义市场经济',
    '科技创新',
    '高新技術企業',
  ];
  qs.push('经济 发展', '中国 人民 政府', '企业 科技', '5G', 'C919', '3512.5亿元', '碚');
  let seed = 42;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let k = 0; k < 6; k++) {
    const text = normalize(articles[next() % articles.length].text);
    const at = next() % Math.max(1, text.length - 5);
    const q = text.slice(at, at + 5).replace(/["“”-]/gu, '');
    if (q) qs.push(q);
  }
  for (const q of qs) index.search(q, 20);
  const reps = Number(process.env.REPS ?? 5);
  for (const q of qs) {
    const times: number[] = [];
    let total = 0;
    for (let r = 0; r < reps; r++) {
      t = performance.now();
      total = index.search(q, 20).total;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${q.padEnd(12)} total ${String(total).padStart(6)}  min ${times[0].toFixed(2)}  max ${times[times.length - 1].toFixed(2)} ms`,
    );
  }
  mem('queried');
}
