/**
 * Entry of browser mode: `node out/main/web.js [--archive DIR] [--data DIR] [--port N] [--token T] [--open]`.
 * Serves the built renderer and the contract on 127.0.0.1 and prints the URL to open.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toErrorShape } from '../core/errors';
import { bundledArchiveDir, defaultDataDir, projectRoot } from '../core/paths';
import { ArchiveService } from '../core/service';
import { startWebServer } from './server';

function hasDesktop(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Opens a URL or a folder with the desktop's default program. */
function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the URL printed above is enough.
  }
}

/** The worker scripts built beside this file (out/main); absent when run from the sources. */
function builtWorkers(): { import?: string; index?: string; research?: string } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = (name: string): string | undefined =>
    existsSync(path.join(here, name)) ? path.join(here, name) : undefined;
  return {
    import: file('import-worker.js'),
    index: file('index-worker.js'),
    research: file('research-worker.js'),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      archive: { type: 'string', multiple: true },
      data: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      open: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port "${values.port}"`);
  const service = new ArchiveService({
    archiveDirs: values.archive,
    defaultArchiveDir: bundledArchiveDir(),
    dataDir: values.data ?? defaultDataDir(),
    workers: builtWorkers(),
    scanOnOpen: 'background',
    // Browser mode runs on the reader's own machine: show the page file's folder when there is a desktop.
    revealFile: async (file) => {
      if (!hasDesktop()) return false;
      openInBrowser(path.dirname(file));
      return true;
    },
  });
  const running = await startWebServer({
    service,
    rendererDir: path.join(projectRoot(), 'out', 'renderer'),
    port,
    token: values.token,
  });
  process.stdout.write(`Newsstack browser mode: ${running.url}\n`);
  process.stdout.write(`  data:    ${service.dataDir}\n`);
  if (values.open) openInBrowser(running.url);
  // Read the archive now, then keep watching it, so that the reader is up to date.
  service
    .open()
    .then(async (library) => {
      process.stdout.write(`  archive: ${library.roots.join(', ')} (${library.count()} articles)\n`);
      await service.watch();
      await service.warmUp();
    })
    .catch((error: unknown) => {
      process.stderr.write(`error: ${toErrorShape(error).message}\n`);
    });
  const stop = (): void => {
    void Promise.all([running.close(), service.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${toErrorShape(error).message}\n`);
  process.exit(1);
});
