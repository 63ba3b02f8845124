import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProgress } from '../../src/shared/progress';
import { loadProject, type LoadedProject } from '../../src/main/config/load-project';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { up } from '../../src/main/engine/up';
import type Docker from 'dockerode';
import { runParity } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';
import { copyShop, removeShop } from '../support/shop';

const engine = DockerEngine.fromEnvironment();

function load(dir: string, projectName: string): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, projectName, env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

async function containerIds(project: string): Promise<Record<string, string>> {
  const containers = await engine.listProjectContainers(project);
  return Object.fromEntries(
    containers.map((c) => [c.Labels['com.docker.compose.service'] ?? '', c.Id]),
  );
}

function recorder() {
  const steps: ServiceProgress[] = [];
  const at = (service: string, phase: string): number =>
    steps.findIndex((step) => step.service === service && step.phase === phase);
  return { steps, at, onProgress: (step: ServiceProgress) => steps.push(step) };
}

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});

describe('up and down of examples/shop on the real engine', () => {
  const name = uniqueProjectName('parity-it-shop');
  // A copy on ephemeral ports: the example itself may be running on this machine.
  const SHOP = copyShop(name);
  // The images built for this project too: every run builds its own.
  afterAll(() => removeShop(docker, name));

  it('starts every service, the worker only once the API is healthy', async () => {
    const progress = recorder();
    const result = await up(engine, load(SHOP, name), {
      wait: true,
      onProgress: progress.onProgress,
    });
    expect(result.failed).toEqual([]);
    // The image is built from api/Dockerfile: how far the build is goes with its output.
    const built = progress.steps
      .filter((s) => s.service === 'api' && s.phase === 'building')
      .flatMap((s) => s.fraction ?? []);
    expect(built.length).toBeGreaterThan(1);
    expect(built).toEqual([...built].sort((a, b) => a - b));
    expect(built.at(-1)).toBe(1);
    expect(progress.at('api', 'healthy')).toBeGreaterThan(-1);
    expect(progress.at('worker', 'starting')).toBeGreaterThan(progress.at('api', 'healthy'));
    const containers = await engine.listProjectContainers(name);
    expect(containers.map((c) => c.Names[0]).sort()).toEqual([
      `/${name}-api-1`,
      `/${name}-web-1`,
      `/${name}-worker-1`,
    ]);
    expect(containers.every((c) => c.State === 'running')).toBe(true);
  });

  it('a second up changes nothing', async () => {
    const before = await containerIds(name);
    const progress = recorder();
    await up(engine, load(SHOP, name), { onProgress: progress.onProgress });
    expect(progress.steps.map((s) => s.phase)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await containerIds(name)).toEqual(before);
  });

  it('docker-compose sees the stack Parity started', async () => {
    const { execFileSync } = await import('node:child_process');
    const output = execFileSync(
      'docker-compose',
      ['-p', name, '-f', `${SHOP}/compose.yaml`, 'ps'],
      { encoding: 'utf8' },
    );
    expect(output).toContain(`${name}-api-1`);
    expect(output).toMatch(/Up \(healthy\)/);
  });
});

describe('reconcile on a fixture stack', () => {
  const name = uniqueProjectName('parity-it-fixture');
  const compose = (greeting: string): string =>
    [
      'services:',
      '  a:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    init: true',
      '    environment: { GREETING: ' + greeting + ' }',
      '    volumes: [data:/data]',
      '  b:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    init: true',
      '    hostname: cache-box',
      '    working_dir: /tmp',
      '    extra_hosts: ["db.local:10.1.2.3"]',
      '    volumes: [/cache]',
      'volumes:',
      '  data: {}',
      '',
    ].join('\n');
  const dir = makeProject('fixture', { 'compose.yaml': compose('hello') });
  afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

  it('recreates exactly the service whose configuration changed', async () => {
    await up(engine, load(dir, name));
    const before = await containerIds(name);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/compose.yaml`, compose('changed'));
    const progress = recorder();
    await up(engine, load(dir, name), { onProgress: progress.onProgress });
    const after = await containerIds(name);
    expect(after.b).toBe(before.b);
    expect(after.a).not.toBe(before.a);
    expect(progress.at('a', 'recreating')).toBeGreaterThan(-1);
    expect(progress.at('b', 'unchanged')).toBeGreaterThan(-1);
  });

  it('gives a container the hostname, working_dir and extra_hosts its service writes', async () => {
    const { execFileSync } = await import('node:child_process');
    const run = (command: string): string =>
      execFileSync('docker', ['exec', `${name}-b-1`, 'sh', '-c', command], { encoding: 'utf8' });
    expect(run('hostname; pwd')).toBe('cache-box\n/tmp\n');
    expect(run('grep db.local /etc/hosts')).toMatch(/^10\.1\.2\.3\s+db\.local$/m);
  });

  it('down keeps every volume and its data; down -v removes them, anonymous ones too', async () => {
    const exec = async (command: string[]): Promise<void> => {
      const { execFileSync } = await import('node:child_process');
      execFileSync('docker', ['exec', `${name}-a-1`, ...command]);
    };
    const anonymousVolume = async (): Promise<string> =>
      (await engine.inspectContainer(`${name}-b-1`)).Mounts.find((m) => m.Destination === '/cache')
        ?.Name ?? '';
    await exec(['sh', '-c', 'echo kept > /data/file']);
    const keptAnonymous = await anonymousVolume();
    const first = await down(engine, name, { timeoutSeconds: 0 });
    expect(first.volumes).toEqual([]);
    expect(await engine.listProjectContainers(name)).toEqual([]);
    expect((await docker.getVolume(keptAnonymous).inspect()).Name).toBe(keptAnonymous);
    await docker.getVolume(keptAnonymous).remove();
    await up(engine, load(dir, name));
    const { execFileSync } = await import('node:child_process');
    expect(
      execFileSync('docker', ['exec', `${name}-a-1`, 'cat', '/data/file'], { encoding: 'utf8' }),
    ).toBe('kept\n');
    const removedAnonymous = await anonymousVolume();
    const second = await down(engine, name, { volumes: true, timeoutSeconds: 0 });
    expect(second.volumes).toEqual([`${name}_data`]);
    await expect(docker.getVolume(removedAnonymous).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

describe('dependency conditions', () => {
  const name = uniqueProjectName('parity-it-deps');
  const dir = makeProject('deps', {
    'compose.yaml': [
      'services:',
      '  migrate-ok: { image: busybox:1.37, command: [sh, -c, "exit 0"] }',
      '  migrate-bad: { image: busybox:1.37, command: [sh, -c, "echo boom; exit 3"] }',
      '  sick:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    init: true',
      '    healthcheck: { test: [CMD-SHELL, "echo not ready; exit 1"], interval: 1s, timeout: 1s, retries: 1 }',
      '  after-ok:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    init: true',
      '    depends_on: { migrate-ok: { condition: service_completed_successfully } }',
      '  after-bad:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    depends_on: { migrate-bad: { condition: service_completed_successfully } }',
      '  after-sick:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    depends_on: { sick: { condition: service_healthy } }',
      '',
    ].join('\n'),
  });
  afterAll(() => down(engine, name, { timeoutSeconds: 0 }));

  it('starts what can start and fails dependents at once, saying why', async () => {
    const result = await up(engine, load(dir, name));
    const reasons = Object.fromEntries(result.failed.map((f) => [f.service, f.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['after-bad', 'after-sick']);
    expect(reasons['after-bad']).toBe('migrate-bad exited with code 3');
    expect(reasons['after-sick']).toMatch(
      /^sick is unhealthy; last health check \(exit 1\): not ready/,
    );
    const states: Record<string, string> = {};
    for (const c of await engine.listProjectContainers(name)) {
      states[c.Labels['com.docker.compose.service'] ?? ''] = c.State;
    }
    expect(states['after-ok']).toBe('running');
    expect(states['after-bad']).toBe('created');
  });

  it('parity up exits 1 when a service failed', async () => {
    const { code, stderr } = await runParity([
      'up',
      '--project-directory',
      dir,
      '-p',
      name,
      'after-sick',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/✘ after-sick\s+failed .*sick is unhealthy/);
  });
});

describe('a stack docker-compose started', () => {
  const name = uniqueProjectName('parity-it-peer');
  const dir = makeProject('peer', {
    'compose.yaml': [
      'services:',
      '  db: { image: busybox:1.37, command: [sleep, "600"], init: true, volumes: [data:/data] }',
      '  app: { image: busybox:1.37, command: [sleep, "600"], init: true, depends_on: [db] }',
      'volumes:',
      '  data: {}',
      '',
    ].join('\n'),
  });
  afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

  it('is taken over by parity up and taken down by parity down, its volume kept', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('docker-compose', ['-p', name, '-f', `${dir}/compose.yaml`, 'up', '-d'], {
      stdio: 'pipe',
    });
    expect(Object.keys(await containerIds(name)).sort()).toEqual(['app', 'db']);

    // Parity's config hash is its own: Compose's containers are recreated under Compose v2 names.
    const progress = recorder();
    const result = await up(engine, load(dir, name), { onProgress: progress.onProgress });
    expect(result.failed).toEqual([]);
    expect(progress.at('db', 'recreating')).toBeGreaterThan(-1);
    const names = (await engine.listProjectContainers(name)).map((c) => c.Names[0]).sort();
    expect(names).toEqual([`/${name}-app-1`, `/${name}-db-1`]);

    const removed = await down(engine, name);
    expect(removed.containers).toBe(2);
    expect(removed.volumes).toEqual([]);
    expect(execFileSync('docker', ['volume', 'ls', '-q'], { encoding: 'utf8' })).toContain(
      `${name}_data`,
    );
  });
});

describe('a leftover container', () => {
  const name = uniqueProjectName('parity-it-leftover');
  const dir = makeProject('leftover', {
    'compose.yaml':
      'services:\n  b: { image: busybox:1.37, command: [sleep, "600"], init: true }\n',
  });
  afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

  it('of an old configuration, past the replica count, is removed by the next up', async () => {
    await up(engine, load(dir, name));
    const docker = await connectTestEngine();
    // What a killed scale-up or an old file leaves: a second container with another hash.
    const stray = await docker.createContainer({
      name: `${name}-b-2`,
      Image: 'busybox:1.37',
      Cmd: ['sleep', '600'],
      Labels: {
        'com.docker.compose.project': name,
        'com.docker.compose.service': 'b',
        'com.docker.compose.container-number': '2',
        'com.docker.compose.oneoff': 'False',
        'com.docker.compose.config-hash': 'old',
      },
    });
    await stray.start();
    await up(engine, load(dir, name));
    const names = (await engine.listProjectContainers(name)).map((c) => c.Names[0]);
    expect(names).toEqual([`/${name}-b-1`]);
  });
});

describe('an image that cannot be pulled', () => {
  const name = uniqueProjectName('parity-it-pull');
  const dir = makeProject('pull', {
    'compose.yaml': [
      'services:',
      '  ghost: { image: "127.0.0.1:1/parity/ghost:1.0" }',
      '  fine: { image: busybox:1.37, command: [sleep, "600"], init: true }',
      '',
    ].join('\n'),
  });
  afterAll(() => down(engine, name, { timeoutSeconds: 0 }));

  it('fails that service with the engine’s reason and starts the others', async () => {
    const progress = recorder();
    const result = await up(engine, load(dir, name), { onProgress: progress.onProgress });
    expect(progress.at('ghost', 'pulling')).toBeGreaterThan(-1);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]?.service).toBe('ghost');
    expect(result.failed[0]?.reason).toMatch(/127\.0\.0\.1:1/);
    expect(progress.at('fine', 'started')).toBeGreaterThan(-1);
  });
});
