/**
 * Watches archive folders and calls back, debounced, with the paths that changed. Uses
 * fs.watch({recursive}) where the platform has it, else (or when asked) polls sizes and mtimes.
 * Plain Node; the caller re-imports with importArchives({previous}) on each callback.
 */
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface WatchOptions {
  /** Quiet time before the callback fires (default 500 ms). */
  debounceMs?: number;
  /** Poll instead of fs.watch. */
  polling?: boolean;
  /** Poll interval (default 2000 ms). */
  intervalMs?: number;
  onError?: (error: Error) => void;
}

export interface ArchiveWatcher {
  close(): void;
}

async function snapshot(dir: string, out: Map<string, string>, depth = 0): Promise<void> {
  if (depth > 64) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await snapshot(p, out, depth + 1);
    else if (e.isFile()) {
      try {
        const s = await stat(p);
        out.set(p, `${s.size}:${s.mtimeMs}`);
      } catch {
        // Gone between readdir and stat: the next poll sees it missing.
      }
    }
  }
}

export function watchArchives(
  dirs: string[],
  onChange: (paths: string[]) => void,
  options: WatchOptions = {},
): ArchiveWatcher {
  const debounceMs = options.debounceMs ?? 500;
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const note = (p: string): void => {
    if (closed) return;
    changed.add(p);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...changed].sort();
      changed.clear();
      if (paths.length && !closed) onChange(paths);
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  let poller: NodeJS.Timeout | undefined;
  const startPolling = (): void => {
    const last = new Map<string, Map<string, string>>();
    let busy = false;
    const poll = async (): Promise<void> => {
      if (busy || closed) return;
      busy = true;
      for (const dir of dirs) {
        const now = new Map<string, string>();
        await snapshot(path.resolve(dir), now);
        const before = last.get(dir);
        if (before) {
          for (const [p, sig] of now) if (before.get(p) !== sig) note(p);
          for (const p of before.keys()) if (!now.has(p)) note(p);
        }
        last.set(dir, now);
      }
      busy = false;
    };
    void poll();
    poller = setInterval(() => void poll(), options.intervalMs ?? 2000);
  };
  if (options.polling) startPolling();
  else {
    try {
      for (const dir of dirs) {
        const root = path.resolve(dir);
        const w = fsWatch(root, { recursive: true }, (_event, name) =>
          note(name ? path.join(root, name.toString()) : root),
        );
        w.on('error', (error) => options.onError?.(error));
        watchers.push(w);
      }
    } catch {
      for (const w of watchers.splice(0)) w.close();
      startPolling();
    }
  }
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      if (poller) clearInterval(poller);
      for (const w of watchers) w.close();
    },
  };
}
