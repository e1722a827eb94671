/**
 * Long work in a worker thread, as the import and the index catch-up run it: the worker is the
 * built script, or its TypeScript source loaded through tsx (CLI under tsx, tests); it reports
 * by messages, is cancelled by a 'cancel' message when the signal aborts, and the promise settles
 * once, on the worker's answer, its error or its exit.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What a message means: go on (undefined), or the worker's answer or failure. */
export type MessageOutcome<T> = undefined | { value: T } | { error: Error };

/** Starts a worker: the built script, or a TypeScript source through tsx. */
export function spawnWorker(workerFile: string | URL, workerData: unknown, execArgv?: string[]): Worker {
  const file = String(workerFile);
  if (!/\.ts$/u.test(file)) return new Worker(workerFile, { workerData, execArgv });
  return new Worker(
    `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(
      file.startsWith('file:') ? file : pathToFileURL(file).href,
    )}); });`,
    { eval: true, workerData },
  );
}

export function runWorker<T, M>(
  workerFile: string | URL,
  workerData: unknown,
  options: {
    /** Named in the error when the worker stops without answering. */
    name: string;
    signal?: AbortSignal;
    execArgv?: string[];
    onMessage: (message: M) => MessageOutcome<T>;
  },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(workerFile, workerData, options.execArgv);
    let settled = false;
    const cancel = (): void => worker.postMessage({ type: 'cancel' });
    options.signal?.addEventListener('abort', cancel, { once: true });
    const settle = (outcome: { value: T } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      if ('error' in outcome) {
        void worker.terminate();
        reject(outcome.error);
      } else resolve(outcome.value);
    };
    worker.on('message', (m: M) => {
      let outcome: MessageOutcome<T>;
      try {
        outcome = options.onMessage(m);
      } catch (error) {
        // A message the caller cannot take (say, a batch it cannot store) ends the work.
        outcome = { error: error as Error };
      }
      if (outcome) settle(outcome);
    });
    worker.on('error', (error) => settle({ error }));
    worker.on('exit', (code) => {
      options.signal?.removeEventListener('abort', cancel);
      settle({ error: new Error(`${options.name} worker stopped (exit code ${code})`) });
    });
  });
}
