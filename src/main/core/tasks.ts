/** Long work as tasks: one of each kind at a time, progress as events (throttled), cancellable. */
import type { TaskKind } from '../../shared/events';
import type { EventHub } from './events';

const PROGRESS_EVERY_MS = 100;

export interface RunningTask {
  signal: AbortSignal;
  progress(phase: string, done: number, total: number, file?: string): void;
  end(ok: boolean, message?: string): void;
}

export class Tasks {
  private readonly running = new Map<TaskKind, AbortController>();

  constructor(private readonly events: EventHub) {}

  start(task: TaskKind): RunningTask {
    const controller = new AbortController();
    this.running.set(task, controller);
    let last = 0;
    return {
      signal: controller.signal,
      progress: (phase, done, total, file) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS && done < total) return;
        last = now;
        this.events.emit({ type: 'progress', task, phase, done, total, ...(file ? { file } : {}) });
      },
      end: (ok, message) => {
        if (this.running.get(task) === controller) this.running.delete(task);
        this.events.emit({
          type: 'task-done',
          task,
          ok,
          ...(controller.signal.aborted ? { cancelled: true } : {}),
          ...(message ? { message } : {}),
        });
      },
    };
  }

  /** Asks a running task to stop; true when one was running. */
  cancel(task: TaskKind): boolean {
    const controller = this.running.get(task);
    controller?.abort();
    return controller !== undefined;
  }
}
