/**
 * Worker-thread entry: builds an index from the articles it is sent and posts back its binary
 * form (transferred, not copied), with progress messages on the way. See worker.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../../../shared/types';
import { ArticleIndex } from './index';

const port = parentPort;
if (port) {
  try {
    const { articles } = workerData as { articles: Article[] };
    let last = 0;
    const index = ArticleIndex.build(articles, {
      onProgress: (progress) => {
        const now = Date.now();
        if (now - last < 100 && progress.done < progress.total) return;
        last = now;
        port.postMessage({ type: 'progress', progress });
      },
    });
    port.postMessage({ type: 'progress', progress: { phase: 'serialise', done: 0, total: 1 } });
    const data = index.toBinary();
    port.postMessage({ type: 'done', data }, [data.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ type: 'error', message: (error as Error).message });
  }
}
