import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriftReportSchema, type DriftReport, type Finding } from '../../src/shared/drift';
import { runCli } from '../../src/main/cli/run-cli';
import { loadProject, type LoadedProject } from '../../src/main/config/load-project';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { up } from '../../src/main/engine/up';
import { connectTestEngine, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();
const name = uniqueProjectName('parity-it-rt');
// A tag of the project's own, moved to another image during the test.
const MOVING = `${name}-img:1`;
const ENV = process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {};

const sleeper = (extra = ''): string =>
  `    image: ${TEST_IMAGE}\n    command: [sleep, "600"]\n    init: true\n${extra}`;

const COMPOSE = [
  'services:',
  '  web:',
  sleeper('    environment: { GREETING: hello, API_TOKEN: token-1234 }\n'),
  '  idle:',
  sleeper(),
  '  crashy:',
  `    image: ${TEST_IMAGE}`,
  '    command: [sh, -c, "exit 1"]',
  '    restart: always',
  '  moving:',
  `    image: ${MOVING}`,
  '    command: [sleep, "600"]',
  '    init: true',
  '  gone:',
  sleeper(),
].join('\n');

let docker: Docker;
let dir: string;

function load(): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

async function drift(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(
    ['drift', '--against', 'runtime', '--project-directory', dir, ...args],
    { out: (text) => (out += text), err: (text) => (err += text), env: ENV },
  );
  return { code, out, err };
}

async function report(): Promise<DriftReport> {
  const { out, err } = await drift('--json');
  expect(err).toBe('');
  return DriftReportSchema.parse(JSON.parse(out));
}

const find = (r: DriftReport, service: string, path: string): Finding | undefined =>
  r.findings.find((f) => f.service === service && f.path === path);

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  docker = await connectTestEngine();
  await docker.getImage(TEST_IMAGE).tag({ repo: `${name}-img`, tag: '1' });
  dir = makeProject(name, { 'compose.yaml': COMPOSE });
  const result = await up(engine, load());
  expect(result.failed).toEqual([]);
});

afterAll(async () => {
  await down(engine, name, { volumes: true, timeoutSeconds: 0 });
  await docker
    .getImage(MOVING)
    .remove({ force: true })
    .catch(() => undefined);
});

describe('parity drift --against runtime, on the real engine', () => {
  it('finds the stack as up created it current, except the crash-looping service', async () => {
    const crash = await until('crashy to crash-loop', async () => {
      const found = find(await report(), 'crashy', 'state');
      return found?.rule.startsWith('crash-looping') ? found : undefined;
    });
    expect(crash).toMatchObject({ category: 'health', severity: 'error', kind: 'changed' });
    expect(crash.rule).toMatch(/^crash-looping/);
    const first = await report();
    expect(first.findings.filter((f) => f.service !== 'crashy')).toEqual([]);
    expect(first.equivalent).toBeGreaterThan(40);
  });

  it('reports a stale service, a stopped one, a missing one, a moved image and an orphan', async () => {
    // The files change: web's env, a new service, and `gone` removed.
    writeFileSync(
      join(dir, 'compose.yaml'),
      COMPOSE.replace('GREETING: hello', 'GREETING: bonjour').replace(
        / {2}gone:\n[\s\S]*$/,
        `  late:\n${sleeper()}`,
      ),
    );
    // Someone stops a container by hand.
    const [idle] = await docker.listContainers({
      filters: { label: [`com.docker.compose.project=${name}`, 'com.docker.compose.service=idle'] },
    });
    if (!idle) throw new Error('idle is not running');
    await engine.stopContainer(idle.Id, 5);
    // A pull or build moves the tag to another image.
    const [moving] = await docker.listContainers({
      filters: {
        label: [`com.docker.compose.project=${name}`, 'com.docker.compose.service=moving'],
      },
    });
    if (!moving) throw new Error('moving is not running');
    await docker.getContainer(moving.Id).commit({ repo: `${name}-img`, tag: '1' });

    const r = await report();
    expect(find(r, 'web', 'config-hash')).toMatchObject({
      severity: 'warning',
      rule: 'stale: the service changed since its container was created; `parity up` recreates it',
    });
    expect(find(r, 'web', 'env.GREETING')).toMatchObject({
      dev: { value: 'bonjour' },
      prod: { value: 'hello' },
    });
    expect(find(r, 'idle', 'config-hash')).toBeUndefined();
    expect(find(r, 'idle', 'state')).toMatchObject({
      severity: 'warning',
      dev: { value: 'running' },
    });
    expect(find(r, 'idle', 'state')?.prod.value).toMatch(/^exited \((137|143)\)$/);
    expect(find(r, 'late', 'service')).toMatchObject({ kind: 'only-dev', severity: 'warning' });
    expect(find(r, 'moving', 'image.id')).toMatchObject({ category: 'image', severity: 'warning' });
    expect(find(r, 'gone', 'service')).toMatchObject({
      kind: 'only-prod',
      prod: { value: `${name}-gone-1` },
    });
    expect(find(r, 'crashy', 'state')?.severity).toBe('error');
    expect(r.summary).toMatchObject({ devOnly: 1, prodOnly: 1 });

    const table = await drift();
    expect(table.code).toBe(0);
    expect(table.out).toContain('      declared  bonjour');
    expect(table.out).toContain('      running   hello');
    expect(table.out.trimEnd().split('\n').at(-1)).toMatch(
      /^1 service without a container, 1 orphan, \d+ drifts? to fix \(\d+ errors?\)(?:, \d+ more follows? from (?:it|them))?, \d+ equivalent(?:, 0 covered)?$/,
    );
    expect((await drift('--fail-on', 'error')).code).toBe(1);
    const markdown = await drift('--format', 'markdown');
    expect(markdown.out).toContain('### Parity drift: the running containers against the files');
    for (const out of [table.out, markdown.out, JSON.stringify(r)]) {
      expect(out).not.toContain('token-1234');
    }
  });
});
