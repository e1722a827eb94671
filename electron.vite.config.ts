import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * pdf.js's character maps and standard fonts beside the renderer (pdfjs/…): the page image of a
 * PDF whose fonts are not embedded (older Chinese e-paper PDFs name a standard CJK font and a
 * predefined CMap) is drawn with them.
 */
function pdfjsAssets(): Plugin {
  return {
    name: 'newsstack-pdfjs-assets',
    apply: 'build',
    generateBundle() {
      for (const dir of ['cmaps', 'standard_fonts']) {
        const from = resolve('node_modules/pdfjs-dist', dir);
        for (const name of readdirSync(from))
          this.emitFile({
            type: 'asset',
            fileName: `pdfjs/${dir}/${name}`,
            source: readFileSync(join(from, name)),
          });
      }
    },
  };
}

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
    plugins: [react(), pdfjsAssets()],
  },
});
