import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { LOAD_WORKER_ENV } from '../../src/main/workers/worker-script';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Vitest's global setup: the load worker bundled from the sources once per run (a second or
 * two), so every test's API starts its worker threads in milliseconds, as the built app does,
 * rather than compiling the TypeScript again in each thread.
 */
export async function setup(): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), 'parity-load-worker-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      ssr: join(ROOT, 'src/main/workers/load-worker.ts'),
      outDir,
      emptyOutDir: false,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'load-worker.mjs' } },
    },
    // One file: zod and the YAML parsers inlined, as electron.vite.config.ts does.
    ssr: { noExternal: true },
  });
  process.env[LOAD_WORKER_ENV] = join(outDir, 'load-worker.mjs');
  return () => rmSync(outDir, { recursive: true, force: true });
}
