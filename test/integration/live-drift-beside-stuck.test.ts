import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runParity, startParityServe, type ServeProcess } from '../support/cli';
import { websocketConnection } from '../support/connections';
import { TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';
import { sleepingKustomize, until } from '../support/sleeping-render';
import { KUSTOMIZE_PROJECT } from '../unit/drift/kubernetes/kustomize-fixture';

// `parity serve` as a user runs it (the built CLI: `npm run build` first), on the real engine:
// one project whose production render never ends (a stand-in kustomize that sleeps) holds a
// load worker until the time limit; meanwhile another project's drift against its running
// containers and against parity.lock (read and compared on the other worker) answers.

const LIMIT_MS = 8_000;
const work = mkdtempSync(join(tmpdir(), 'parity-live-beside-'));
const kustomize = sleepingKustomize(work);
let serve: ServeProcess | undefined;
afterAll(async () => {
  await serve?.stop();
  kustomize.kill();
  rmSync(work, { recursive: true, force: true });
});

describe('drift against what runs, beside a project stuck reading production', () => {
  it('answers from the files, the engine and parity.lock before the stuck one is stopped', async () => {
    const stuck = makeProject(uniqueProjectName('stuck'), KUSTOMIZE_PROJECT);
    const name = uniqueProjectName('locked');
    const locked = makeProject(name, {
      'compose.yaml': lines('services:', '  web:', `    image: ${TEST_IMAGE}`),
    });
    // Pinned as a user pins it: the built CLI writes parity.lock from the local image.
    const pinned = await runParity(['lock', '--project-directory', locked]);
    expect(pinned.stderr).toBe('');
    expect(pinned.code).toBe(0);

    serve = await startParityServe(
      {
        ...process.env,
        PATH: `${kustomize.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        PARITY_SETTINGS: join(work, 'settings.json'),
        PARITY_CACHE_DIR: join(work, 'cache'),
        PARITY_LOAD_TIME_LIMIT_MS: String(LIMIT_MS),
      },
      [stuck, locked],
    );
    const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([^&\s]+)/.exec(serve.url);
    if (!match?.[1] || !match[2]) throw new Error(`unexpected address ${serve.url}`);
    const client = websocketConnection(Number(match[1]), match[2]);
    try {
      await client.api['projects.get']({ project: locked });
      const at = { stuck: 0 };
      const stuckDrift = client.api['drift.get']({ project: stuck }).then((result) => {
        at.stuck = performance.now();
        return result;
      });
      await until(() => kustomize.pids().length === 2, 'the stand-in kustomize to start');

      const runtime = await client.api['drift.get']({ project: locked, against: 'runtime' });
      const lock = await client.api['drift.get']({ project: locked, against: 'lock' });
      const answeredAt = performance.now();
      expect(at.stuck, 'the stuck project is still being read').toBe(0);

      // Nothing was started: the engine says so, and the worker's comparison reports it.
      if (!runtime.available) throw new Error(runtime.reason);
      expect(runtime.report.comparison).toMatchObject({ against: 'runtime' });
      const missing = runtime.report.findings.filter((f) => f.status === 'drift');
      expect(missing.map((f) => [f.service, f.kind])).toEqual([['web', 'only-dev']]);
      // The image on this machine is the one pinned: parity.lock read, nothing drifted.
      if (!lock.available) throw new Error(lock.reason);
      expect(lock.report.comparison).toMatchObject({ against: 'lock' });
      expect(lock.report.findings.filter((f) => f.status === 'drift')).toEqual([]);
      expect(lock.summary.toFix).toBe(0);

      const stopped = await stuckDrift;
      expect(answeredAt).toBeLessThan(at.stuck);
      expect(stopped.available ? '' : stopped.reason).toMatch(
        /^loading took longer than 8 s while reading production \(kubernetes: deploy\/overlays\/prod\): stopped/,
      );
    } finally {
      client.close();
    }
  }, 120_000);
});
