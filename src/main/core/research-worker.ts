/**
 * Research calls in a worker thread that stays up: it opens its own connection to the catalogue
 * and the index on disk, and answers one call after another, so that a concordance of a frequent
 * term over a large archive never holds up searches, the reader or the window.
 *
 * Start it with new ResearchWorker(workerFile, researchJob(dataDir)), where workerFile is this
 * module built to JavaScript (an electron-vite entry) or its .ts source (tests, loaded through
 * tsx). The newsroom server's worker (server/research-worker.ts) takes the same client, with
 * its own module and job.
 */
import { isMainThread, parentPort, workerData, type Worker } from 'node:worker_threads';
import { Catalog } from './catalog';
import { research, type ResearchAnswer, type ResearchCall } from './research';
import { DiskEngine } from './search/disk/engine';
import { spawnWorker } from './worker-thread';

interface ResearchJob {
  newsstackResearch: true;
  dataDir: string;
}

/** What the desktop's worker opens: the catalogue and index in this data folder. */
export function researchJob(dataDir: string): ResearchJob {
  return { newsstackResearch: true, dataDir };
}

export type ResearchRequest = { id: number; call: ResearchCall };
export type ResearchReply = { id: number; value: unknown } | { id: number; error: string };
type Request = ResearchRequest;
type Reply = ResearchReply;

if (!isMainThread && parentPort && (workerData as ResearchJob | undefined)?.newsstackResearch) {
  const port = parentPort;
  const { dataDir } = workerData as ResearchJob;
  let opened: { catalog: Catalog; engine: DiskEngine } | null = null;
  // One call at a time, in the order they came.
  let queue = Promise.resolve();
  port.on('message', (request: Request) => {
    queue = queue.then(async () => {
      try {
        opened ??= (() => {
          const catalog = Catalog.openExisting(dataDir);
          return { catalog, engine: DiskEngine.open(catalog, { sync: false }) };
        })();
        const { catalog, engine } = opened;
        // The app wrote since the last call (an import, a correction): see it.
        catalog.refresh();
        if (engine.stale()) engine.reload();
        // The app catches the index up before it asks; still behind means it is being rebuilt.
        if (engine.stale()) throw new Error('the index is behind the archive');
        const value = await research(catalog, engine, request.call);
        port.postMessage({ id: request.id, value } satisfies Reply);
      } catch (error) {
        port.postMessage({ id: request.id, error: (error as Error).message } satisfies Reply);
      }
    });
  });
}

/**
 * The caller's side: sends calls to the worker (started with `job` as its data), starting it
 * (again) when needed.
 */
export class ResearchWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private next = 1;

  constructor(
    private readonly workerFile: string,
    private readonly job: object,
  ) {}

  run<C extends ResearchCall>(call: C): Promise<ResearchAnswer<C>> {
    const worker = this.start();
    const id = this.next++;
    // Kept alive while it has work; an idle worker never keeps the process alive.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, call } satisfies Request);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker(this.workerFile, this.job);
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.value);
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`research worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
