import { get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startParityServe, type ServeProcess } from '../support/cli';
import { websocketConnection } from '../support/connections';
import { uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';
import { alive, sleepingKustomize, until } from '../support/sleeping-render';
import { KUSTOMIZE_PROJECT } from '../unit/drift/kubernetes/kustomize-fixture';

// `parity serve` as a user runs it (the built CLI: `npm run build` first), on the real engine,
// with two projects: one whose production render never ends (a stand-in kustomize that
// sleeps), one that reads at once. Through the page's own WebSocket transport, the second
// answers while the first is read, and the first ends at the time limit, said in its report.

const LIMIT_MS = 5_000;
const work = mkdtempSync(join(tmpdir(), 'parity-serve-limit-'));
const kustomize = sleepingKustomize(work);
let serve: ServeProcess | undefined;
afterAll(async () => {
  await serve?.stop();
  kustomize.kill();
  rmSync(work, { recursive: true, force: true });
});

// The page itself, fetched over HTTP: its status code.
function pageStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('parity serve with a project that takes too long to read', () => {
  it('stops it at the time limit and keeps answering the page and every other project', async () => {
    const stuck = makeProject(uniqueProjectName('stuck'), KUSTOMIZE_PROJECT);
    const name = uniqueProjectName('quick');
    const quick = makeProject(name, {
      'compose.yaml': lines('services:', '  web:', '    image: busybox:1.37'),
      'compose.prod.yaml': lines('services:', '  web:', '    image: busybox:1.36'),
      'parity.yaml': lines('production:', '  - compose: compose.prod.yaml'),
    });
    serve = await startParityServe(
      {
        ...process.env,
        PATH: `${kustomize.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        PARITY_SETTINGS: join(work, 'settings.json'),
        PARITY_CACHE_DIR: join(work, 'cache'),
        PARITY_LOAD_TIME_LIMIT_MS: String(LIMIT_MS),
      },
      [stuck, quick],
    );
    const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([^&\s]+)/.exec(serve.url);
    if (!match?.[1] || !match[2]) throw new Error(`unexpected address ${serve.url}`);
    const client = websocketConnection(Number(match[1]), match[2]);
    try {
      // Both added on start: read once each, so both workers are up.
      await client.api['projects.get']({ project: quick });
      const at = { stuck: 0 };
      const stuckDrift = client.api['drift.get']({ project: stuck }).then((result) => {
        at.stuck = performance.now();
        return result;
      });
      await until(() => kustomize.pids().length === 2, 'the stand-in kustomize to start');

      expect(await pageStatus(`http://127.0.0.1:${match[1]}/`)).toBe(200);
      const detail = await client.api['projects.get']({ project: quick });
      const quickDrift = await client.api['drift.get']({ project: quick });
      const quickAt = performance.now();
      expect(detail.summary.name).toBe(name);
      expect(detail.services.map((s) => s.name)).toEqual(['web']);
      expect(quickDrift).toMatchObject({ available: true });
      expect(at.stuck, 'the stuck project is still being read').toBe(0);

      const result = await stuckDrift;
      expect(quickAt).toBeLessThan(at.stuck);
      expect(result.available).toBe(false);
      expect(result.available ? '' : result.reason).toMatch(
        /^loading took longer than 5 s while reading production \(kubernetes: deploy\/overlays\/prod\): stopped; the biggest inputs were /,
      );
      await until(() => kustomize.pids().every((pid) => !alive(pid)), 'the render to be killed');
      // Still serving: the list has both, the stuck one with its files read.
      const list = await client.api['projects.list']({});
      expect(list.map((p) => p.id)).toEqual([stuck, quick]);
      expect(list[0]?.state).not.toBe('invalid');
    } finally {
      client.close();
    }
  }, 90_000);
});
