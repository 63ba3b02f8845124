import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How to start the load worker: its script and the Node options it needs. */
export interface WorkerScript {
  url: URL;
  execArgv: string[];
}

/** Under Vitest: the load worker bundled once per run (test/support/load-worker-build.ts). */
export const LOAD_WORKER_ENV = 'PARITY_TEST_LOAD_WORKER';

/**
 * The load worker's script. Built, it is out/main/load-worker.js (an entry of its own in
 * electron.vite.config.ts), beside the CLI's and the app's entries; this module may be bundled
 * into one of them or into out/main/chunks/, so both places are looked at. Running the sources
 * (Vitest), it is the bundle the test setup made, else load-worker.ts through jiti (slow).
 *
 * In the packaged app out/main sits inside app.asar. Electron reads scripts from asar in
 * worker threads since 18 (electron/electron#33216, "initialize asar support in worker
 * threads"); an unpacked copy (electron-builder `asarUnpack`) is preferred when there is one,
 * and would have to hold out/main/chunks too, which the worker imports. Not run here: this
 * machine has no Electron binary.
 */
export function loadWorkerScript(): WorkerScript {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Only when running the sources: a built Parity never takes its code from the environment.
    const bundled = process.env[LOAD_WORKER_ENV];
    if (bundled) return { url: pathToFileURL(bundled), execArgv: [] };
    const jiti = dirname(createRequire(here).resolve('jiti/package.json'));
    return {
      url: new URL('./load-worker.ts', here),
      execArgv: ['--import', pathToFileURL(join(jiti, 'lib/jiti-register.mjs')).href],
    };
  }
  const candidates = ['./load-worker.js', '../load-worker.js'].map((path) =>
    fileURLToPath(new URL(path, here)),
  );
  const found = candidates
    .flatMap((path) => [path.replace(/\.asar([\\/])/, '.asar.unpacked$1'), path])
    .find((path) => existsSync(path));
  // Not found is said when the worker fails to start: the path in the message is the first one.
  return { url: pathToFileURL(found ?? candidates[0] ?? 'load-worker.js'), execArgv: [] };
}
