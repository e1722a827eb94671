/**
 * Catches the on-disk index up with the catalogue in a worker thread, so that building segments
 * and merging them never blocks the window or the browser-mode server: the worker opens its own
 * connection to the database, writes each segment in a transaction, and reports progress; the
 * engine on the service thread then reloads. Cancel by aborting the signal (what was written
 * stays, the rest is built next time).
 *
 * Start it with syncInWorker(workerFile, …), where workerFile is this module built to JavaScript
 * (an electron-vite entry); given the .ts source (CLI under tsx, tests) it loads tsx first.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runWorker } from '../../worker-thread';
import { Catalog } from '../../catalog';
import type { BuildProgress } from '../types';
import { DiskEngine } from './engine';

interface SyncJob {
  newsstackSync: true;
  dataDir: string;
}

type SyncMessage =
  | { type: 'progress'; progress: BuildProgress }
  | { type: 'done'; added: number }
  | { type: 'error'; message: string };

if (!isMainThread && parentPort && (workerData as SyncJob | undefined)?.newsstackSync) {
  const port = parentPort;
  const { dataDir } = workerData as SyncJob;
  const controller = new AbortController();
  port.on('message', (m: { type?: string }) => {
    if (m?.type === 'cancel') controller.abort(new Error('cancelled'));
  });
  let catalog: Catalog | null = null;
  try {
    catalog = Catalog.open(dataDir);
    let last = 0;
    const engine = DiskEngine.open(catalog, { sync: false });
    const added = engine.sync({
      signal: controller.signal,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - last < 100 && progress.done < progress.total) return;
        last = now;
        port.postMessage({ type: 'progress', progress } satisfies SyncMessage);
      },
    });
    port.postMessage({ type: 'done', added } satisfies SyncMessage);
  } catch (error) {
    port.postMessage({ type: 'error', message: (error as Error).message } satisfies SyncMessage);
  } finally {
    catalog?.close();
    port.close();
  }
}

export function syncInWorker(
  workerFile: string,
  dataDir: string,
  options: { onProgress?: (p: BuildProgress) => void; signal?: AbortSignal } = {},
): Promise<number> {
  return runWorker<number, SyncMessage>(workerFile, { newsstackSync: true, dataDir } satisfies SyncJob, {
    name: 'index',
    signal: options.signal,
    onMessage: (m) => {
      if (m.type === 'progress') options.onProgress?.(m.progress);
      else if (m.type === 'done') return { value: m.added };
      else return { error: new Error(m.message) };
      return undefined;
    },
  });
}
