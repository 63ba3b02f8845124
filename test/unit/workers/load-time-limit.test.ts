import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import { memorySettings, recordingSession } from '../../support/api';
import { makeProject } from '../../support/project-dir';
import { alive, sleepingKustomize, until } from '../../support/sleeping-render';
import { KUSTOMIZE_PROJECT } from '../drift/kubernetes/kustomize-fixture';

// A project whose production render never ends (a stand-in kustomize that sleeps), beside the
// example shop. The API reads both on its worker threads: the stuck one is stopped at the time
// limit with a diagnostic, and the shop answers meanwhile, from an event loop that never stalls.

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));
const LIMIT_MS = 5_000;

const work = mkdtempSync(join(tmpdir(), 'parity-load-limit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a project whose production takes too long to read', () => {
  it('is stopped at the time limit with a diagnostic while another project answers', async () => {
    const kustomize = sleepingKustomize(work);
    const stuck = makeProject('stuck', KUSTOMIZE_PROJECT);
    const shop = join(mkdtempSync(join(work, 'shop-')), 'shop');
    cpSync(SHOP, shop, { recursive: true });
    const api = createApi({
      engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
      settings: memorySettings({
        projects: [stuck, shop].map((directory) => ({ directory, startAtLogin: false })),
      }),
      env: {
        PATH: `${kustomize.bin}:/usr/bin:/bin`,
        HOME: work,
        PARITY_CACHE_DIR: join(work, 'cache'),
        PARITY_LOAD_TIME_LIMIT_MS: String(LIMIT_MS),
      },
    });
    const session = recordingSession();
    // The longest the event loop went without running a 20 ms timer.
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 20);
    try {
      // Read once, as the app does on start: the pool's two workers are up from then on.
      await api.handlers['projects.get']({ project: shop }, session);
      const stuckAt = { at: 0 };
      // Two requests for the same report while it is computed share one render.
      const stuckDrift = Promise.all([
        api.handlers['drift.get']({ project: stuck }, session),
        api.handlers['drift.get']({ project: stuck, against: 'production' }, session),
      ]).then((results) => ((stuckAt.at = performance.now()), results));
      await until(() => kustomize.pids().length === 2, 'the stand-in kustomize to start');
      const renderStarted = performance.now();
      last = renderStarted;
      longestGap = 0;

      const detail = await api.handlers['projects.get']({ project: shop }, session);
      const shopDrift = await api.handlers['drift.get']({ project: shop }, session);
      const shopAt = performance.now();
      expect(detail.summary).toMatchObject({ name: 'shop', state: 'stopped' });
      expect(shopDrift.available && shopDrift.summary.toFix).toBeGreaterThan(0);
      expect(detail.services.map((s) => s.name).sort()).toContain('api');
      expect(stuckAt.at, 'the stuck project is still being read').toBe(0);

      const [first, second] = await stuckDrift;
      expect(second).toBe(first);
      expect(shopAt).toBeLessThan(stuckAt.at);
      expect(stuckAt.at - renderStarted).toBeGreaterThan(LIMIT_MS - 1_000);
      expect(first).toMatchObject({ available: false });
      const reason = first.available ? '' : first.reason;
      expect(reason).toMatch(
        /^loading took longer than 5 s while reading production \(kubernetes: deploy\/overlays\/prod\): stopped; the biggest inputs were \S+ \(\d+(\.\d)? [KM]?B\)/,
      );
      expect(first.problems).toEqual([{ severity: 'error', message: reason }]);
      // The main thread kept running timers all along: never a stall near the limit.
      expect(longestGap).toBeLessThan(LIMIT_MS / 3);
      expect(kustomize.pids()).toHaveLength(2);
      await until(() => kustomize.pids().every((pid) => !alive(pid)), 'the render to be killed');

      // The rest keeps working: both projects list, the stuck one with its files read.
      const list = await api.handlers['projects.list']({}, session);
      expect(list.map((p) => [p.name, p.state])).toEqual([
        ['stuck', 'stopped'],
        ['shop', 'stopped'],
      ]);
      // The stopped report stands until the files change: the render is not run again.
      expect(list[0]?.driftCount).toBeNull();
      expect(kustomize.pids()).toHaveLength(2);
    } finally {
      clearInterval(ticker);
      kustomize.kill();
      await api.close();
    }
  }, 90_000);
});
