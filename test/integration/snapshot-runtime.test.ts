import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriftReportSchema } from '../../src/shared/drift';
import { SnapshotSchema } from '../../src/shared/snapshot';
import { loadProject, type LoadedProject } from '../../src/main/config/load-project';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { up } from '../../src/main/engine/up';
import { connectTestEngine, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';
import { runCliCaptured } from '../support/cli';

const engine = DockerEngine.fromEnvironment();
const name = uniqueProjectName('parity-it-snap');
const ENV = process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {};

const COMPOSE = [
  'services:',
  '  web:',
  `    image: ${TEST_IMAGE}`,
  '    command: [sleep, "600"]',
  '    init: true',
  '    user: "1000"',
  '    environment: { GREETING: hello, API_TOKEN: token-s3cr3t-4321 }',
  '    ports: ["8080"]',
  '    volumes: [data:/data, /cache]',
  '    tmpfs: ["/scratch:size=1m"]',
  '    healthcheck: { test: [CMD, "true"], interval: 5s, retries: 3 }',
  '    deploy: { resources: { limits: { memory: 64M, cpus: "0.5" } } }',
  '  idle:',
  `    image: ${TEST_IMAGE}`,
  '    command: [sleep, "600"]',
  '    init: true',
  'volumes:',
  '  data: {}',
  '',
].join('\n');

let dir: string;

function load(): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

async function cli(...args: string[]) {
  return runCliCaptured(args, ENV);
}

beforeAll(async () => {
  await connectTestEngine();
  dir = makeProject(name, { 'compose.yaml': COMPOSE });
  const result = await up(engine, load());
  expect(result.failed).toEqual([]);
});

afterAll(async () => {
  await down(engine, name, { volumes: true, timeoutSeconds: 0 });
});

describe('parity snapshot --from runtime, on the real engine', () => {
  it('snapshots the running containers; drift --against it shows a changed env value', async () => {
    const file = join(dir, 'runtime.snapshot.json');
    const written = await cli(
      'snapshot',
      '--project-directory',
      dir,
      '--from',
      'runtime',
      '-o',
      file,
    );
    expect(written.code).toBe(0);
    const bytes = readFileSync(file);
    // The secret's value is nowhere in the file, only its hash.
    expect(bytes.includes('token-s3cr3t-4321')).toBe(false);
    const snapshot = SnapshotSchema.parse(JSON.parse(bytes.toString('utf8')));
    expect(snapshot.source).toBe('runtime');
    expect(snapshot.services.web).toMatchObject({
      image: TEST_IMAGE,
      command: ['sleep', '600'],
      entrypoint: null,
      user: '1000',
      ports: [{ target: 8080, protocol: 'tcp' }],
      limits: { memoryBytes: 64 * 2 ** 20, cpus: 0.5 },
      healthcheck: { test: ['CMD', 'true'], intervalMs: 5000, retries: 3 },
      replicas: 1,
    });
    // A container's env may hold what the shell gave it: every value is hashed by default.
    expect(snapshot.services.web?.environment.API_TOKEN).toHaveProperty('sha256');
    expect(snapshot.services.web?.environment.GREETING).toHaveProperty('sha256');
    expect(bytes.includes('"hello"')).toBe(false);
    // The image's own env (PATH) is not the service's.
    expect(Object.keys(snapshot.services.web?.environment ?? {}).sort()).toEqual([
      'API_TOKEN',
      'GREETING',
    ]);
    // The short tmpfs list too, which the engine holds apart from the mounts (HostConfig.Tmpfs).
    expect(snapshot.services.web?.volumes.map((v) => v.target).sort()).toEqual([
      '/cache',
      '/data',
      '/scratch',
    ]);

    // Written again: the same bytes apart from createdAt.
    const again = await cli('snapshot', '--project-directory', dir, '--from', 'runtime');
    expect(again.code).toBe(0);
    const strip = (text: string): string => text.replace(/"createdAt": "[^"]*"/, '');
    expect(strip(again.out)).toBe(strip(bytes.toString('utf8')));

    // As written, the files and what runs agree.
    const same = await cli('drift', '--project-directory', dir, '--against', file, '--json');
    expect(same.err).toBe('');
    expect(DriftReportSchema.parse(JSON.parse(same.out)).findings).toEqual([]);

    // --plain-env writes the values not secret by the one rule in clear.
    const plain = await cli(
      'snapshot',
      '--project-directory',
      dir,
      '--from',
      'runtime',
      '--plain-env',
    );
    expect(plain.code).toBe(0);
    const plainEnv = SnapshotSchema.parse(JSON.parse(plain.out)).services.web?.environment;
    expect(plainEnv?.GREETING).toBe('hello');
    expect(plainEnv?.API_TOKEN).toHaveProperty('sha256');
    expect(plain.out).not.toContain('token-s3cr3t-4321');

    // The files change; the snapshot still holds what ran.
    writeFileSync(
      join(dir, 'compose.yaml'),
      COMPOSE.replace('GREETING: hello', 'GREETING: bonjour').replace(
        'token-s3cr3t-4321',
        'token-rotated',
      ),
    );
    const changed = await cli('drift', '--project-directory', dir, '--against', file, '--json');
    const report = DriftReportSchema.parse(JSON.parse(changed.out));
    expect(report.findings.map((f) => f.path).sort()).toEqual(['env.API_TOKEN', 'env.GREETING']);
    // A hashed value still tells same from different, never what it was.
    expect(report.findings.find((f) => f.path === 'env.GREETING')).toMatchObject({
      service: 'web',
      kind: 'changed',
      dev: { value: 'differs' },
      prod: { value: 'differs', source: { file: 'runtime.snapshot.json' } },
    });
    expect(report.findings.find((f) => f.path === 'env.API_TOKEN')).toMatchObject({
      secret: true,
      dev: { value: 'differs' },
      prod: { value: 'differs' },
    });
    expect(changed.out).not.toContain('token-');
  });
});
