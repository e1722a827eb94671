/** One engine on one dataset in its own process, so that peak RSS is the engine's own. */
import { readFileSync, statSync } from 'node:fs';
import { dataset } from './corpus';
import { ENGINES } from './engines';

const [engineName, datasetName, phase, file, queriesFile] = process.argv.slice(2);
const articles = dataset(datasetName);
const engine = ENGINES[engineName]();
const rss = (): number => process.resourceUsage().maxRSS * 1024;
const out: Record<string, unknown> = { baseRss: process.memoryUsage().rss };
if (phase === 'build') {
  let t = performance.now();
  await engine.build(articles, file);
  out.buildMs = performance.now() - t;
  t = performance.now();
  await engine.save(file);
  out.saveMs = performance.now() - t;
  out.bytes = engine.bytes ? await engine.bytes(file) : statSync(file).size;
  out.peakRss = rss();
} else {
  let t = performance.now();
  await engine.load(file, articles);
  out.loadMs = performance.now() - t;
  // The generated archive is not the engine's: let it go, so that the collector does not walk
  // hundreds of megabytes of it while the queries are timed.
  articles.length = 0;
  (globalThis as { gc?: () => void }).gc?.();
  const { queries } = JSON.parse(readFileSync(queriesFile, 'utf8')) as {
    queries: { q: string; kind: string }[];
  };
  for (const { q } of queries) await engine.page(q); // warm-up
  const times: Record<string, number[]> = {};
  for (let rep = 0; rep < 5; rep++) {
    for (const { q, kind } of queries) {
      t = performance.now();
      await engine.page(q);
      (times[kind] ??= []).push(performance.now() - t);
    }
  }
  out.times = times;
  out.peakRss = rss();
  const { truth } = JSON.parse(readFileSync(queriesFile, 'utf8')) as { truth: string[][] };
  let found = 0;
  let expected = 0;
  let returned = 0;
  let correct = 0;
  for (const [k, { q }] of queries.entries()) {
    const want = new Set(truth[k]);
    const got = new Set(await engine.ids(q));
    expected += want.size;
    returned += got.size;
    for (const id of got) if (want.has(id)) correct++;
    found += [...want].filter((id) => got.has(id)).length;
  }
  out.recall = expected ? found / expected : 1;
  out.precision = returned ? correct / returned : 1;
}
await engine.close?.();
process.stdout.write(`\n${JSON.stringify(out)}\n`);
