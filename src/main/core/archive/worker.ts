/**
 * Runs importArchives in a worker thread: plain data in (folders, previous state), progress
 * events and the result out, cancel by message. Start it with runImportInWorker(workerFile, …)
 * where workerFile is this module built to JavaScript (an electron-vite entry). Given the .ts
 * source (CLI under tsx, tests), it loads it through tsx's API inside the worker.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runWorker as runThread } from '../worker-thread';
import type { ImportProgress } from '../../../shared/types';
import {
  importArchives,
  importFolder,
  type FolderImport,
  type ImportResult,
  type ImportState,
} from './import';
import type { FileRecord } from './read';

export interface ImportJob {
  newsstackImport: true;
  dirs: string[];
  previous?: ImportState;
  maxFileBytes?: number;
  /** Set to read one folder against lite records (importFolder) instead of importArchives. */
  folder?: { parser: number; files: FileRecord[] } | null;
}

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'result'; result: ImportResult }
  | { type: 'folder'; result: FolderImport }
  | { type: 'batch'; records: FileRecord[] }
  | { type: 'error'; message: string };

if (!isMainThread && parentPort && (workerData as ImportJob | undefined)?.newsstackImport) {
  const job = workerData as ImportJob;
  const port = parentPort;
  const controller = new AbortController();
  port.on('message', (m: { type?: string }) => {
    if (m?.type === 'cancel') controller.abort();
  });
  const common = {
    maxFileBytes: job.maxFileBytes,
    signal: controller.signal,
    onProgress: (progress: ImportProgress) =>
      port.postMessage({ type: 'progress', progress } satisfies WorkerMessage),
  };
  const work: Promise<WorkerMessage> =
    job.folder !== undefined
      ? importFolder(job.dirs[0], job.folder ?? undefined, {
          ...common,
          onBatch: (records) => port.postMessage({ type: 'batch', records } satisfies WorkerMessage),
        }).then((result) => ({ type: 'folder', result }))
      : importArchives(job.dirs, { ...common, previous: job.previous }).then((result) => ({
          type: 'result',
          result,
        }));
  work
    .then((message) => port.postMessage(message))
    .catch((error: unknown) =>
      port.postMessage({ type: 'error', message: (error as Error).message } satisfies WorkerMessage),
    )
    .finally(() => port.close());
}

export interface WorkerRunOptions {
  onProgress?: (p: ImportProgress) => void;
  /** Batches of changed records as the worker reads them (folder imports; see ImportOptions.onBatch). */
  onBatch?: (records: FileRecord[]) => void;
  signal?: AbortSignal;
  execArgv?: string[];
}

export function runImportInWorker(
  workerFile: string | URL,
  job: Omit<ImportJob, 'newsstackImport' | 'folder'>,
  options: WorkerRunOptions = {},
): Promise<ImportResult> {
  return runWorker(workerFile, job, options) as Promise<ImportResult>;
}

/** importFolder in a worker thread: one folder against its (lite) previous records. */
export function runFolderImportInWorker(
  workerFile: string | URL,
  root: string,
  previous: { parser: number; files: FileRecord[] } | undefined,
  options: WorkerRunOptions & { maxFileBytes?: number } = {},
): Promise<FolderImport> {
  const job = { dirs: [root], folder: previous ?? null, maxFileBytes: options.maxFileBytes };
  return runWorker(workerFile, job, options) as Promise<FolderImport>;
}

function runWorker(
  workerFile: string | URL,
  job: Omit<ImportJob, 'newsstackImport'>,
  options: WorkerRunOptions,
): Promise<ImportResult | FolderImport> {
  return runThread<ImportResult | FolderImport, WorkerMessage>(
    workerFile,
    { ...job, newsstackImport: true },
    {
      name: 'import',
      signal: options.signal,
      execArgv: options.execArgv,
      onMessage: (m) => {
        if (m.type === 'progress') options.onProgress?.(m.progress);
        else if (m.type === 'batch') options.onBatch?.(m.records);
        else if (m.type === 'result' || m.type === 'folder') return { value: m.result };
        else return { error: new Error(m.message) };
        return undefined;
      },
    },
  );
}
