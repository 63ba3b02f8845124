import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { crashed } from '../../../src/shared/exit-status';
import { loadProject, type LoadedProject } from '../../../src/main/config/load-project';
import { COMPOSE_LABEL } from '../../../src/main/engine/compose-labels';
import { containerSpec } from '../../../src/main/engine/container-spec';
import { formatDrift } from '../../../src/main/drift/format';
import { diffRuntime } from '../../../src/main/drift/runtime';
import type { RuntimeContainer, RuntimeObservation } from '../../../src/main/drift/runtime-observe';
import { makeProject } from '../../support/project-dir';

const IMAGE_ID = `sha256:${'a'.repeat(64)}`;
const OTHER_ID = `sha256:${'b'.repeat(64)}`;

const COMPOSE = [
  'services:',
  '  api:',
  '    image: busybox:1.37',
  '    command: [sleep, "600"]',
  '    environment: { GREETING: hello, API_TOKEN: token-from-files }',
  '  job:',
  '    image: busybox:1.37',
  '    command: ["true"]',
  '  worker:',
  '    image: busybox:1.37',
  '    depends_on: { job: { condition: service_completed_successfully } }',
  '    restart: always',
  '  debug:',
  '    image: busybox:1.37',
  '    profiles: [debug]',
  '',
].join('\n');

function load(dir: string): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, profiles: ['*'], env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

const dir = makeProject('rt', { 'compose.yaml': COMPOSE });
const project = load(dir);

/** The container `parity up` creates for a service, running, as the engine inspects it. */
function created(
  from: LoadedProject,
  service: string,
  changes: Partial<RuntimeContainer> = {},
  number = 1,
): RuntimeContainer {
  const model = from.model.services[service];
  if (!model) throw new Error(service);
  const spec = containerSpec(from, model, number);
  return {
    id: `${service}-${number}`,
    name: String(spec.name),
    labels: { ...spec.Labels },
    image: String(spec.Image),
    imageId: IMAGE_ID,
    env: [...(spec.Env ?? []), 'PATH=/bin'],
    cmd: spec.Cmd ?? ['sh'],
    entrypoint: null,
    user: '',
    status: 'running',
    exitCode: 0,
    oomKilled: false,
    health: null,
    restartCount: 0,
    startedAt: '2026-01-01T00:00:00Z',
    restartPolicy: spec.HostConfig?.RestartPolicy?.Name ?? 'no',
    memory: 0,
    nanoCpus: 0,
    ...changes,
  };
}

function observe(containers: RuntimeContainer[], imageId = IMAGE_ID): RuntimeObservation {
  return {
    containers,
    images: {
      'busybox:1.37': { id: imageId, repoDigests: [], env: ['PATH=/bin'] },
      [IMAGE_ID]: { id: IMAGE_ID, repoDigests: [], env: ['PATH=/bin'] },
    },
  };
}

const upToDate = (): RuntimeContainer[] => [
  created(project, 'api'),
  created(project, 'job', { status: 'exited', exitCode: 0 }),
  created(project, 'worker'),
];

function findings(observed: RuntimeObservation, from = project): Finding[] {
  return diffRuntime(from, observed, { from: ['test'] }).findings;
}

const brief = (list: Finding[]): string[] =>
  list.map((f) => `${f.service}.${f.path} ${f.status} ${f.severity}`);

describe('runtime drift', () => {
  it('finds nothing when every container is what the files create, and counts what matched', () => {
    const report = diffRuntime(project, observe(upToDate()), { from: ['unix:///x.sock'] });
    expect(brief(report.findings)).toEqual(['debug.service expected warning']);
    expect(report.comparison).toEqual({
      against: 'runtime',
      sides: { dev: 'declared', prod: 'running' },
      from: ['unix:///x.sock'],
    });
    expect(report.equivalent).toBeGreaterThan(20);
    expect(report.matches).toContainEqual({ dev: 'api', prod: 'api', by: 'name' });
    expect(report.matches).toContainEqual({ dev: 'debug', prod: null, by: 'none' });
  });

  it('a service with no container; one behind a profile only when that profile is active', () => {
    const observed = observe(upToDate().filter((c) => !c.name.endsWith('-worker-1')));
    const [worker] = findings(observed);
    expect(worker).toMatchObject({
      service: 'worker',
      path: 'service',
      kind: 'only-dev',
      category: 'topology',
      severity: 'warning',
      status: 'drift',
      rule: 'declared, but no container: `parity up` creates it',
    });
    const withDebug = diffRuntime(project, observed, { from: [], activeProfiles: ['debug'] });
    expect(brief(withDebug.findings)).toContain('debug.service drift warning');
  });

  it('a container created before the files changed is stale, and says what changed', () => {
    const edited = makeProject('rt', { 'compose.yaml': COMPOSE });
    const before = load(edited);
    writeFileSync(join(edited, 'compose.yaml'), COMPOSE.replace('hello', 'bonjour'));
    const after = load(edited);
    const list = findings(
      observe([
        created(before, 'api'),
        created(before, 'job', { status: 'exited' }),
        created(before, 'worker'),
      ]),
      after,
    );
    expect(brief(list)).toEqual([
      'api.config-hash drift warning',
      'api.env.GREETING drift info',
      'debug.service expected warning',
    ]);
    expect(list[0]?.rule).toBe(
      'stale: the service changed since its container was created; `parity up` recreates it',
    );
    expect(list[1]).toMatchObject({
      dev: { value: 'bonjour' },
      prod: { value: 'hello' },
      rule: 'changed in the files since the container was created',
    });
    // One cause, one thing to do: the value is grouped under the stale hash.
    expect(list[0]?.id).toBe('api.config-hash');
    expect(list[1]).toMatchObject({
      id: 'api.env.GREETING',
      causedBy: 'api.config-hash',
      cause: 'changed in the files since the container was created: `parity up` recreates it',
    });
    expect(list[2]?.causedBy).toBeUndefined();
  });

  it('an image that moved under its tag', () => {
    const [moved] = findings(observe(upToDate(), OTHER_ID));
    expect(moved).toMatchObject({
      service: 'api',
      path: 'image.id',
      category: 'image',
      severity: 'warning',
      dev: { value: 'bbbbbbbbbbbb' },
      prod: { value: 'aaaaaaaaaaaa' },
    });
  });

  it('a container changed by hand: docker update, a secret set by hand, a rename', () => {
    const [api, ...rest] = upToDate();
    if (!api) throw new Error('api');
    const hand = {
      ...api,
      memory: 64 * 2 ** 20,
      name: 'renamed',
      env: api.env.map((e) => (e.startsWith('API_TOKEN=') ? 'API_TOKEN=token-by-hand' : e)),
    };
    const list = findings(observe([hand, ...rest]));
    expect(brief(list)).toEqual([
      'api.env.API_TOKEN drift warning',
      'api.resources.memory drift warning',
      'api.name drift info',
      'debug.service expected warning',
    ]);
    expect(list[0]).toMatchObject({
      secret: true,
      dev: { value: 'differs' },
      prod: { value: 'differs' },
      rule: 'changed by hand: the container differs from what the files create',
    });
    // Changed by hand on a current container: each difference stands on its own.
    expect(list.filter((f) => f.causedBy !== undefined)).toEqual([]);
    for (const format of ['table', 'json', 'markdown'] as const) {
      const text = formatDrift(
        diffRuntime(project, observe([hand, ...rest]), { from: [] }),
        format,
        {
          all: true,
        },
      );
      expect(text).not.toMatch(/token-by-hand|token-from-files/);
    }
  });

  it('a container Parity did not make: no config-hash, or made from another folder', () => {
    const [api, ...rest] = upToDate();
    if (!api) throw new Error('api');
    const labels = Object.fromEntries(
      Object.entries(api.labels).filter(([key]) => key !== COMPOSE_LABEL.configHash),
    );
    const list = findings(
      observe([
        { ...api, labels: { ...labels, [COMPOSE_LABEL.workingDir]: '/elsewhere/shop' } },
        ...rest,
      ]),
    );
    expect(brief(list)).toEqual([
      'api.config-hash drift warning',
      'api.labels.working_dir drift warning',
      'debug.service expected warning',
    ]);
    expect(list[0]?.rule).toContain('made by hand');
    expect(list[1]?.prod.value).toBe('/elsewhere/shop');
  });

  it('states: crash-looping, crashed, stopped, unhealthy, paused; a finished job is fine', () => {
    const state = (changes: Partial<RuntimeContainer>): Finding | undefined =>
      findings(
        observe([
          created(project, 'api'),
          created(project, 'job', { status: 'exited' }),
          created(project, 'worker', changes),
        ]),
      ).find((f) => f.service === 'worker');
    expect(state({ status: 'restarting', exitCode: 1, restartCount: 4 })).toMatchObject({
      path: 'state',
      category: 'health',
      severity: 'error',
      dev: { value: 'running' },
      prod: { value: 'restarting (exit code 1, 4 restarts)' },
    });
    expect(state({ status: 'restarting', exitCode: 1, restartCount: 4 })?.rule).toMatch(
      /^crash-looping/,
    );
    const justNow = new Date().toISOString();
    expect(state({ status: 'running', restartCount: 3, startedAt: justNow })).toMatchObject({
      path: 'state',
      severity: 'error',
      rule: 'crash-looping: it keeps exiting and its restart policy restarts it',
      prod: { value: 'running for 0s after 3 restarts' },
    });
    expect(state({ status: 'running', restartCount: 1 })).toMatchObject({
      path: 'restarts',
      severity: 'info',
      prod: { value: '1' },
    });
    expect(state({ status: 'exited', exitCode: 2 })).toMatchObject({
      severity: 'error',
      rule: 'crashed: it exited with code 2',
    });
    expect(state({ status: 'exited', exitCode: 137 })).toMatchObject({
      severity: 'warning',
      prod: { value: 'exited (137)' },
    });
    expect(state({ status: 'exited', exitCode: 137, oomKilled: true })?.severity).toBe('error');
    // Ctrl-C (SIGINT, 128 + 2) stops a container; it did not crash.
    expect(state({ status: 'exited', exitCode: 130 })).toMatchObject({
      severity: 'warning',
      rule: 'stopped (docker stop or a kill): `parity up` or `parity start` starts it',
      prod: { value: 'exited (130)' },
    });
    expect(state({ status: 'running', health: 'unhealthy' })).toMatchObject({
      path: 'health',
      severity: 'error',
    });
    expect(state({ status: 'paused' })?.severity).toBe('warning');
    expect(state({ status: 'exited', exitCode: 0 })?.severity).toBe('info');
    // The job others wait on to complete is meant to have exited 0.
    expect(findings(observe(upToDate())).some((f) => f.service === 'job')).toBe(false);
  });

  it('calls an exit a crash exactly when the project summary does (src/shared/exit-status.ts)', () => {
    for (const exitCode of [1, 2, 126, 130, 137, 139, 143, 255]) {
      const worker = created(project, 'worker', { status: 'exited', exitCode });
      const finding = findings(
        observe([created(project, 'api'), created(project, 'job', { status: 'exited' }), worker]),
      ).find((f) => f.service === 'worker' && f.path === 'state');
      const summary = crashed({ state: 'exited', status: `Exited (${exitCode}) 3 seconds ago` });
      expect({ exitCode, crashed: finding?.rule.startsWith('crashed') }).toEqual({
        exitCode,
        crashed: summary,
      });
    }
  });

  it('orphans, extra replicas, and one-off containers left alone', () => {
    const orphan = {
      ...created(project, 'api'),
      id: 'old',
      name: 'rt-old-1',
      labels: { ...created(project, 'api').labels, [COMPOSE_LABEL.service]: 'old' },
    };
    const second = created(project, 'api', {}, 2);
    const oneoff = {
      ...created(project, 'api'),
      id: 'run',
      labels: { ...created(project, 'api').labels, [COMPOSE_LABEL.oneoff]: 'True' },
    };
    const list = findings(observe([...upToDate(), orphan, second, oneoff]));
    expect(brief(list)).toEqual([
      'api.replicas drift warning',
      'debug.service expected warning',
      'old.service drift warning',
    ]);
    expect(list.at(-1)).toMatchObject({ kind: 'only-prod', prod: { value: 'rt-old-1' } });
    const [api] = upToDate();
    if (!api) throw new Error('api');
    const paths = findings(
      observe([{ ...api, status: 'exited', exitCode: 137 }, second, ...upToDate().slice(1)]),
    )
      .filter((f) => f.service === 'api')
      .map((f) => f.path);
    expect(paths).toEqual(['replicas', 'container-1.state']);
  });
});
