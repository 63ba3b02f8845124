import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProgress } from '../../src/shared/progress';
import { loadProject, type LoadedProject } from '../../src/main/config/load-project';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import {
  restartServices,
  startServices,
  stopServices,
} from '../../src/main/engine/service-control';
import { up } from '../../src/main/engine/up';
import { PARITY_BIN, runParity } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();
const COMPOSE = [
  'services:',
  '  db: { image: busybox:1.37, command: [sleep, "600"], init: true }',
  '  api: { image: busybox:1.37, command: [sleep, "600"], init: true, depends_on: [db] }',
  '  web: { image: busybox:1.37, command: [sleep, "600"], init: true, depends_on: [api] }',
  '',
].join('\n');

async function states(project: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const c of await engine.listProjectContainers(project)) {
    result[c.Labels['com.docker.compose.service'] ?? ''] = c.State;
  }
  return result;
}

describe('start, stop and restart of services', () => {
  const name = uniqueProjectName('parity-it-control');
  const dir = makeProject('control', { 'compose.yaml': COMPOSE });
  let project: LoadedProject;

  beforeAll(async () => {
    await connectTestEngine();
    const loaded = loadProject({ dir, projectName: name, env: {} });
    if (!loaded.project) throw new Error('fixture does not load');
    project = loaded.project;
    await up(engine, project);
  });
  afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

  it('stops one service and leaves the rest running', async () => {
    await stopServices(engine, name, { services: ['web'] });
    expect(await states(name)).toEqual({ db: 'running', api: 'running', web: 'exited' });
  });

  it('stops dependents before what they depend on', async () => {
    const steps: ServiceProgress[] = [];
    await stopServices(engine, name, { onProgress: (s) => steps.push(s) });
    const stopped = steps.filter((s) => s.phase === 'stopped').map((s) => s.service);
    expect(stopped.indexOf('api')).toBeLessThan(stopped.indexOf('db'));
    expect(Object.values(await states(name))).toEqual(['exited', 'exited', 'exited']);
  });

  it('starts what a service depends on first', async () => {
    const steps: ServiceProgress[] = [];
    await startServices(engine, name, {
      services: ['web', 'api', 'db'],
      onProgress: (s) => steps.push(s),
    });
    const started = steps.filter((s) => s.phase === 'started').map((s) => s.service);
    expect(started).toEqual(['db', 'api', 'web']);
    expect(Object.values(await states(name))).toEqual(['running', 'running', 'running']);
  });

  it('restarts a container', async () => {
    const before = (await engine.inspectContainer(`${name}-api-1`)).State.StartedAt;
    await restartServices(engine, name, { services: ['api'] });
    expect((await engine.inspectContainer(`${name}-api-1`)).State.StartedAt).not.toBe(before);
  });

  it('parity start names a service that has no container yet', async () => {
    const other = makeProject('fresh', { 'compose.yaml': COMPOSE });
    const { code, stderr } = await runParity([
      'start',
      '--project-directory',
      other,
      '-p',
      uniqueProjectName('none'),
      'web',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('no container for web');
  });
});

describe('the operation lock and an interrupted up', () => {
  const name = uniqueProjectName('parity-it-lock');
  const dir = makeProject('lock', { 'compose.yaml': COMPOSE });
  afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

  it('runs two ups of one project one after the other, both succeeding', async () => {
    const [first, second] = await Promise.all([
      runParity(['up', '-d', '--project-directory', dir, '-p', name]),
      runParity(['up', '-d', '--project-directory', dir, '-p', name]),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stderr + second.stderr).toContain(`Waiting for another operation on ${name}`);
    expect(Object.values(await states(name))).toEqual(['running', 'running', 'running']);
  });

  it('an up killed midway leaves a state the next up converges from', async () => {
    await down(engine, name, { timeoutSeconds: 0 });
    const child = spawn(process.execPath, [
      PARITY_BIN,
      'up',
      '-d',
      '--project-directory',
      dir,
      '-p',
      name,
    ]);
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('creating')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('close', resolve));
    const { code } = await runParity(['up', '-d', '--project-directory', dir, '-p', name]);
    expect(code).toBe(0);
    expect(await states(name)).toEqual({ db: 'running', api: 'running', web: 'running' });
  });
});
