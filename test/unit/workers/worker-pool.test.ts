import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../src/main/workers/worker-pool';

// The pool's answers when its worker is not the real one: a script that is not there (a build
// or packaging mistake) and a worker that answers outside the protocol. Each is one clear
// failure for the request, never a crash of the process or a request that waits forever.

const work = mkdtempSync(join(tmpdir(), 'parity-pool-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function poolOf(script: string): WorkerPool {
  return new WorkerPool({
    script: { url: pathToFileURL(script), execArgv: [] },
    env: {},
    size: 2,
    limitMs: 10_000,
  });
}

const request = {
  kind: 'load' as const,
  folder: work,
  allProfiles: false,
  mirror: false,
  drift: false,
};

describe('the load worker pool', () => {
  it('fails every waiting request, saying why, when its worker cannot start', async () => {
    const pool = poolOf(join(work, 'missing-worker.js'));
    try {
      const outcomes = await Promise.all([pool.run(request), pool.run(request)]);
      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({
          kind: 'failed',
          message: expect.stringMatching(/^the load worker failed: .*missing-worker\.js/) as string,
        });
      }
    } finally {
      await pool.close();
    }
  });

  it('refuses an answer outside the protocol, every time, as a failed request', async () => {
    const script = join(work, 'odd-worker.mjs');
    writeFileSync(
      script,
      [
        "import { parentPort } from 'node:worker_threads';",
        "parentPort.postMessage({ kind: 'ready', tid: null });",
        "parentPort.on('message', ({ seq }) => parentPort.postMessage({ kind: 'done', seq, loaded: { project: \"shop\", diagnostics: [] }, drift: null }));",
      ].join('\n'),
    );
    const pool = poolOf(script);
    try {
      for (let i = 0; i < 2; i++) {
        expect(await pool.run(request)).toMatchObject({
          kind: 'failed',
          message: expect.stringMatching(
            /^the load worker answered something unexpected/,
          ) as string,
        });
      }
    } finally {
      await pool.close();
    }
  });
});
