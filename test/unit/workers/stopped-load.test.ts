import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import type { ApiEvent } from '../../../src/shared/api/event-contract';
import type { ProjectSummary } from '../../../src/shared/projects';
import { memorySettings, recordingSession } from '../../support/api';
import { lines, makeProject } from '../../support/project-dir';
import { until } from '../../support/sleeping-render';

// A project saved earlier whose files grew past what can be read within the limit: it lists
// as one project in error, is not read again at every request (each would hold a worker for
// the whole limit), and reads again once its files change.

// Big but legal: 50,000 services take seconds to read, a small project milliseconds.
const HUGE = lines(
  'services:',
  ...Array.from({ length: 50_000 }, (_, i) => `  s${i}: { image: busybox:1.37 }`),
);
const LIMIT_MS = 1_500;

describe('a project whose reading was stopped at the time limit', () => {
  let api: ParityApi | undefined;
  afterEach(() => api?.close());

  it('stays in error, unread, until its files change, then reads again', async () => {
    const dir = makeProject('grown', { 'compose.yaml': HUGE });
    api = createApi({
      engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
      settings: memorySettings({ projects: [{ directory: dir, startAtLogin: false }] }),
      env: { PARITY_LOAD_TIME_LIMIT_MS: String(LIMIT_MS) },
    });
    const events: ApiEvent[] = [];
    api.sessions.open((event) => events.push(event));
    const session = recordingSession();

    const [first] = await api.handlers['projects.list']({}, session);
    expect(first).toMatchObject({ name: 'grown', state: 'invalid' });
    expect(first?.problems).toEqual([
      {
        severity: 'error',
        message: expect.stringMatching(
          /^loading took longer than 1\.5 s while reading its files: stopped; the biggest inputs were compose\.yaml \(\d+\.\d MB\)$/,
        ) as string,
      },
    ]);
    // Not read again: the same answer, sooner than a reading would be stopped anew.
    const again = performance.now();
    const [second] = await api.handlers['projects.list']({}, session);
    expect(second).toEqual(first);
    expect(performance.now() - again).toBeLessThan(LIMIT_MS);

    writeFileSync(join(dir, 'compose.yaml'), lines('services:', '  web: { image: busybox:1.37 }'));
    const changed = (): ProjectSummary | undefined =>
      events
        .flatMap((event) => (event.event === 'project.changed' ? [event.payload] : []))
        .find((payload) => payload.state !== 'invalid');
    await until(() => changed() !== undefined, 'the project to be read again');
    expect(changed()).toMatchObject({ name: 'grown', state: 'stopped', problems: [] });
  }, 60_000);
});
