/**
 * The long tasks of the core that are running now (import, indexing, export), from its progress
 * events: one subscription for every component that shows them.
 */
import { useSyncExternalStore } from 'react';
import type { ServiceEvent, TaskKind } from '../../../shared/events';
import { subscribe } from '../api';

export type Progress = Extract<ServiceEvent, { type: 'progress' }>;
export type RunningTasks = Partial<Record<TaskKind, Progress>>;

let tasks: RunningTasks = {};
const listeners = new Set<() => void>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  subscribe((event) => {
    if (event.type === 'progress') tasks = { ...tasks, [event.task]: event };
    else if (event.type === 'task-done') {
      const { [event.task]: _done, ...rest } = tasks;
      tasks = rest;
    } else return;
    for (const listener of listeners) listener();
  });
}

export function useRunningTasks(): RunningTasks {
  return useSyncExternalStore(
    (listener) => {
      listen();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => tasks,
  );
}
