import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProgress } from '../../src/shared/progress';
import { loadProject, type LoadedProject } from '../../src/main/config/load-project';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { up } from '../../src/main/engine/up';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();

function load(dir: string, projectName: string): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, projectName, env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

beforeAll(async () => {
  await connectTestEngine();
});

describe('container_name on the real engine', () => {
  const name = uniqueProjectName('parity-it-named');
  const fixed = `${name}-the-db`;
  const dir = makeProject('named', {
    'compose.yaml': [
      'services:',
      '  db:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    init: true',
      `    container_name: ${fixed}`,
      '  app:',
      '    image: busybox:1.37',
      '    command: [sh, -c, "ping -c 1 -W 1 ' + fixed + ' >/dev/null && sleep 600"]',
      '    init: true',
      '    depends_on: [db]',
      '',
    ].join('\n'),
  });
  afterAll(() => down(engine, name, { timeoutSeconds: 0 }));

  it('names the container as written, reachable by that name, and a second up leaves it', async () => {
    expect((await up(engine, load(dir, name))).failed).toEqual([]);
    const containers = await engine.listProjectContainers(name);
    expect(containers.map((c) => c.Names[0]).sort()).toEqual([`/${name}-app-1`, `/${fixed}`]);
    // app pings db by its container name before it sleeps: still running, it found it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const app = await engine.inspectContainer(`${name}-app-1`);
    expect(app.State.Running).toBe(true);
    const steps: ServiceProgress[] = [];
    await up(engine, load(dir, name), { onProgress: (s) => steps.push(s) });
    expect(steps.map((s) => `${s.service}:${s.phase}`).sort()).toEqual([
      'app:unchanged',
      'db:unchanged',
    ]);
  });

  it('refuses to scale it past one container, before changing anything', async () => {
    const scaling = up(engine, load(dir, name), { scale: { db: 2 } });
    await expect(scaling).rejects.toMatchObject({ name: 'PlanError' });
    await expect(scaling).rejects.toThrow(
      `db has container_name ${fixed}, so it runs one container`,
    );
    expect(await engine.listProjectContainers(name)).toHaveLength(2);
  });
});
