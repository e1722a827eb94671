import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // index: the Electron entry; web: browser mode, which must never load electron.
        input: {
          index: resolve('src/main/index.ts'),
          web: resolve('src/main/web/index.ts'),
          // The command line, built: starts in a fraction of the time tsx takes to compile it.
          cli: resolve('src/main/cli/index.ts'),
          // Worker threads for long work, so that neither the window nor the server stalls.
          'import-worker': resolve('src/main/core/archive/worker.ts'),
          'index-worker': resolve('src/main/core/search/disk/sync-worker.ts'),
          'research-worker': resolve('src/main/core/research-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: { rolldownOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()],
  },
});
