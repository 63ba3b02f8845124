import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import type { ProjectSummary } from '../../../src/shared/projects';
import { memorySettings, recordingSession } from '../../support/api';
import { makeProject } from '../../support/project-dir';
import { sleepingKustomize, until } from '../../support/sleeping-render';
import { KUSTOMIZE_PROJECT } from '../drift/kubernetes/kustomize-fixture';

// The sidebar's first list, as the app asks for it on start, with one project whose production
// render never ends (a stand-in kustomize that sleeps) beside the example shop: the list
// answers at once, the stuck project's count pending, and each count is pushed when it arrives.

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));
const LIMIT_MS = 8_000;

const work = mkdtempSync(join(tmpdir(), 'parity-list-pending-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('projects.list with a project whose production render hangs', () => {
  it('answers before the time limit, then pushes each drift count as it arrives', async () => {
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
    const pushed: { at: number; summary: ProjectSummary }[] = [];
    api.sessions.open((event) => {
      if (event.event === 'project.changed') {
        pushed.push({ at: performance.now(), summary: event.payload });
      }
    });
    // Pushes still pending come too (the engine's status reads every project again): the
    // count is in the first one that is not.
    const counted = (id: string): { at: number; summary: ProjectSummary } | undefined =>
      pushed.find((p) => p.summary.id === id && p.summary.driftPending !== true);
    const latest = (id: string): ProjectSummary | undefined => counted(id)?.summary;
    try {
      const asked = performance.now();
      const list = await api.handlers['projects.list']({}, recordingSession());
      const answeredIn = performance.now() - asked;

      expect(answeredIn).toBeLessThan(LIMIT_MS / 2);
      expect(list.map((p) => [p.name, p.state])).toEqual([
        ['stuck', 'stopped'],
        ['shop', 'stopped'],
      ]);
      // Pending: neither a number nor "no production".
      expect(list[0]).toMatchObject({ driftCount: null, driftPending: true, problems: [] });
      await until(() => kustomize.pids().length === 2, 'the stand-in kustomize to start');

      // The shop's count arrives by itself while the stuck render still runs.
      await until(() => (latest(shop)?.driftCount ?? 0) > 0, "the shop's drift count", LIMIT_MS);
      expect(latest(stuck), 'no count pushed for the stuck project yet').toBeUndefined();

      // The stuck project's report is stopped at the limit: its summary is pushed, no longer
      // pending, with no count.
      await until(() => latest(stuck) !== undefined, 'the stuck project pushed', LIMIT_MS * 2);
      const stuckAt = counted(stuck)?.at ?? 0;
      expect(stuckAt - asked).toBeGreaterThan(LIMIT_MS - 1_000);
      expect(latest(stuck)).toMatchObject({ name: 'stuck', state: 'stopped', driftCount: null });

      // From then on the list answers with what is known, nothing pending.
      const again = await api.handlers['projects.list']({}, recordingSession());
      expect(again.map((p) => [p.name, p.driftPending ?? false])).toEqual([
        ['stuck', false],
        ['shop', false],
      ]);
      expect(again[1]?.driftCount).toBe(latest(shop)?.driftCount);
    } finally {
      kustomize.kill();
      await api.close();
    }
  }, 90_000);
});
