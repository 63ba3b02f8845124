import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import { WorkerProjectLoader, type ProjectLoader } from '../../../src/main/workers/project-loader';
import { memorySettings, recordingSession } from '../../support/api';
import { lines, makeProject } from '../../support/project-dir';
import { until } from '../../support/sleeping-render';

// A list that says a count is pending must reach its reader before the push that brings the
// count: the tray and the windows apply the list over what was pushed before it. Here one
// project's files are slow to read (its reading held until the test lets it go), so the list
// answers late, while the other project's drift is known early.

const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

function quickProject(name: string): string {
  return makeProject(name, {
    'compose.yaml': lines('services:', '  web: { image: busybox:1.37 }'),
    'compose.prod.yaml': lines('services:', '  web: { image: busybox:1.36 }'),
    'parity.yaml': lines('production:', '  - compose: compose.prod.yaml'),
  });
}

describe('the drift count pushed after projects.list', () => {
  let api: ParityApi | undefined;
  let real: WorkerProjectLoader | undefined;
  afterEach(async () => {
    await api?.close();
    await real?.close();
  });

  it('comes after the list that said it was pending, even when the list answers late', async () => {
    const slow = quickProject('slow');
    const quick = quickProject('quick');
    real = new WorkerProjectLoader({});
    const worker = real;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const loader: ProjectLoader = {
      load: async (folder, allProfiles, mirror) => {
        if (folder === slow && !allProfiles) await held;
        return worker.load(folder, allProfiles, mirror);
      },
      drift: (folder, mirror) => worker.drift(folder, mirror),
      compare: (job) => worker.compare(job),
      forget: (folder) => worker.forget(folder),
      close: () => Promise.resolve(),
    };
    api = createApi({
      engine: DockerEngine.fromEnvironment(NO_ENGINE),
      settings: memorySettings({
        projects: [slow, quick].map((directory) => ({ directory, startAtLogin: false })),
      }),
      env: {},
      loader,
    });
    const order: string[] = [];
    api.sessions.open((event) => {
      const payload = event.event === 'project.changed' ? event.payload : null;
      if (payload?.id === quick && payload.driftCount !== null) order.push('count');
    });
    const session = recordingSession();
    const list = api.handlers['projects.list']({}, session).then((answer) => {
      order.push('list');
      return answer;
    });
    // The quick project's report is ready long before the list can answer.
    const report = await api.handlers['drift.get']({ project: quick }, session);
    expect(report.available && report.summary.toFix).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual([]);

    release();
    const answer = await list;
    expect(answer.find((p) => p.id === quick)).toMatchObject({ driftPending: true });
    await until(() => order.includes('count'), "the quick project's count");
    expect(order).toEqual(['list', 'count']);
  }, 60_000);
});
