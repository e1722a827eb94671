/** Events the core pushes to the renderer: progress of long work, and changes it should reload for. */

export type TaskKind = 'import' | 'index' | 'export';

export type ServiceEvent =
  | { type: 'progress'; task: TaskKind; phase: string; done: number; total: number; file?: string }
  | { type: 'task-done'; task: TaskKind; ok: boolean; cancelled?: boolean; message?: string }
  | { type: 'archive-changed' };

/** Electron: the channel the main process sends ServiceEvents on. Browser mode: GET /api/events. */
export const EVENT_CHANNEL = 'service:event';
