import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { devContentSecurityPolicy } from './scripts/dev-csp';

// One build for the three Electron entry points. The CLI is a second entry of the main build:
// it runs the same Electron-free core under plain Node (`bin/parity.js`).
export default defineConfig({
  main: {
    build: {
      // zod and the YAML parsers are bundled: loaded from node_modules as a hundred small ES modules they
      // cost the CLI ~70 ms of its start-up on every command; one bundled file costs ~20.
      externalizeDeps: { exclude: ['zod', 'yaml', 'js-yaml'] },
      rollupOptions: {
        input: {
          index: resolve('src/main/app/main.ts'),
          cli: resolve('src/main/cli/main.ts'),
          // Its own file, out/main/load-worker.js: the app and `parity serve` read projects on
          // worker threads started from it (src/main/workers/worker-script.ts finds it).
          'load-worker': resolve('src/main/workers/load-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    // The app icon doubles as the page's favicon.
    publicDir: resolve('assets'),
    build: {
      // electron-vite leaves the page unminified; minified it is a third of the size to read
      // and parse on every window open.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    // The dev server's page needs Vite's inline preamble and style tags; builds stay strict.
    plugins: [react(), devContentSecurityPolicy()],
  },
});
