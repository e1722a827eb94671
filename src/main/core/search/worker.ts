/**
 * Builds an index in a worker thread so that the window (or the browser-mode server) never
 * blocks: progress comes back as events, and aborting the signal terminates the worker.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Article } from '../../../shared/types';
import { ArticleIndex } from './index';
import type { BuildProgress } from './types';

export interface WorkerBuildOptions {
  onProgress?: (progress: BuildProgress) => void;
  signal?: AbortSignal;
  /** The built worker script (hosts pass their bundle's index-worker.js); defaults to the one beside this module. */
  workerFile?: string;
}

/**
 * The worker script next to this module: build-worker.js in a build, build-worker.ts when run
 * from the sources (tsx, Vitest), where the worker loads tsx to run TypeScript.
 */
function startWorker(articles: Article[], workerFile?: string): Worker {
  if (workerFile) return new Worker(workerFile, { workerData: { articles } });
  const js = new URL('./build-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData: { articles } });
  const ts = new URL('./build-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData: { articles } });
}

export function buildIndexInWorker(
  articles: Article[],
  options: WorkerBuildOptions = {},
): Promise<ArticleIndex> {
  const { signal, onProgress } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = startWorker(articles, options.workerFile);
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      void worker.terminate();
      finish(() => reject(signal?.reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on(
      'message',
      (message: { type: string; progress?: BuildProgress; data?: Uint8Array; message?: string }) => {
        if (message.type === 'progress' && message.progress) onProgress?.(message.progress);
        else if (message.type === 'done' && message.data) {
          const data = message.data;
          void worker.terminate();
          finish(() => {
            try {
              resolve(ArticleIndex.fromBinary(data, articles));
            } catch (error) {
              reject(error);
            }
          });
        } else if (message.type === 'error') finish(() => reject(new Error(message.message)));
      },
    );
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`index worker stopped (exit code ${code})`))));
  });
}
