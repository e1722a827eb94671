/**
 * Preload for the end-to-end bench (`node --import ./bench/rss.mjs …`): on exit, writes the
 * process's peak resident set size in bytes to the file named by NEWSSTACK_BENCH_RSS.
 * Worker threads share the process, so their memory is counted too.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.NEWSSTACK_BENCH_RSS;
if (file) {
  // Children of this process must not overwrite the figure.
  delete process.env.NEWSSTACK_BENCH_RSS;
  process.on('exit', () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
    } catch {
      // The bench falls back to what it saw in /proc.
    }
  });
}
