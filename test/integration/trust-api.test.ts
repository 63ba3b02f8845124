// Trust through the API the app and `parity serve` share, on the real engine: stack.up of a
// stack asking for host-level power returns what it asks and creates nothing; the hash the
// user was shown starts it and is remembered; settings.set cannot grant trust.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContract } from '../../src/shared/api/contract';
import { createApi, type ParityApi } from '../../src/main/api/create-api';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { memorySettings, recordingSession } from '../support/api';
import {
  connectTestEngine,
  removeProject,
  startLabelledContainer,
  TEST_IMAGE,
  uniqueProjectName,
} from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

const session = recordingSession();
let docker: Docker;
let api: ParityApi;
const settings = memorySettings();
const name = uniqueProjectName('parity-it-trust-api');
const service = (...extra: string[]) =>
  lines(
    `name: ${name}`,
    'services:',
    '  tool:',
    `    image: ${TEST_IMAGE}`,
    '    command: [sleep, "600"]',
    '    init: true',
    ...extra.map((line) => `    ${line}`),
  );
const dir = makeProject('trust-api', { 'compose.yaml': service('cap_add: [SYS_PTRACE]') });

beforeAll(async () => {
  docker = await connectTestEngine();
  api = createApi({ engine: DockerEngine.fromEnvironment(), settings, env: process.env });
  await api.handlers['projects.add']({ directory: dir }, session);
});
afterAll(async () => {
  await api?.close();
  if (docker) await removeProject(docker, name);
});

const containers = async () =>
  docker.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${name}`] },
  });

describe('stack.up and trust', () => {
  it('returns what the stack asks, with its hash, and creates nothing', async () => {
    const result = await api.handlers['stack.up']({ project: dir }, session);
    expect(result.failed).toEqual([]);
    expect(result.needsTrust?.asks).toEqual([
      {
        service: 'tool',
        key: 'cap_add',
        value: 'SYS_PTRACE',
        means: 'the SYS_PTRACE capability',
        position: { file: 'compose.yaml', line: 7, column: 14 },
      },
    ]);
    expect(await containers()).toEqual([]);
    // A hash the user was not shown does not start it.
    const wrong = await api.handlers['stack.up']({ project: dir, trust: 'f'.repeat(64) }, session);
    expect(wrong.needsTrust?.hash).toBe(result.needsTrust?.hash);
    expect(await containers()).toEqual([]);
  });

  it('starts with the hash shown, and the next start does not ask', async () => {
    const asked = await api.handlers['stack.up']({ project: dir }, session);
    const trust = asked.needsTrust?.hash ?? '';
    expect(await api.handlers['stack.up']({ project: dir, trust }, session)).toEqual({
      failed: [],
    });
    expect((await containers())[0]?.State).toBe('running');
    expect(settings.read().trusted).toEqual([
      expect.objectContaining({ directory: dir, kind: 'stack', hash: trust }),
    ]);
    expect(await api.handlers['stack.up']({ project: dir }, session)).toEqual({ failed: [] });
  });

  it('asks again when a pull adds privileged, and the running container is left alone', async () => {
    const before = (await containers())[0]?.Id;
    writeFileSync(join(dir, 'compose.yaml'), service('cap_add: [SYS_PTRACE]', 'privileged: true'));
    const result = await api.handlers['stack.up']({ project: dir }, session);
    expect(result.needsTrust?.asks.map((a) => `${a.key} ${a.value}`)).toEqual([
      'privileged true',
      'cap_add SYS_PTRACE',
    ]);
    expect((await containers()).map((c) => c.Id)).toEqual([before]);
  });

  it('cannot be granted through settings.set', () => {
    const params = { patch: { trusted: settings.read().trusted } };
    expect(apiContract['settings.set'].params.safeParse(params).success).toBe(false);
    expect(apiContract['settings.set'].params.safeParse({ patch: { theme: 'dark' } }).success).toBe(
      true,
    );
  });
});

describe('a project name used by another folder', () => {
  const taken = uniqueProjectName('parity-it-taken');
  const mine = makeProject('taken', {
    'compose.yaml': lines(`name: ${taken}`, 'services:', '  web:', `    image: ${TEST_IMAGE}`),
  });
  afterAll(() => removeProject(docker, taken));

  it('is refused by stack.down and stack.up, naming the folder; its containers are kept', async () => {
    // Another folder's container with the same project name (its working_dir label says so).
    await startLabelledContainer(docker, taken, 'web');
    await api.handlers['projects.add']({ directory: mine }, session);
    for (const call of [
      () => api.handlers['stack.down']({ project: mine, volumes: true }, session),
      () => api.handlers['stack.up']({ project: mine }, session),
    ]) {
      const error = await call().then(
        () => null,
        (failure: unknown) => failure as Error,
      );
      expect(error?.name).toBe('ProjectNameTakenError');
      expect(error?.message).toContain(`belong to another folder, /tmp/${taken}`);
    }
    const left = await docker.listContainers({
      filters: { label: [`com.docker.compose.project=${taken}`] },
    });
    expect(left.map((c) => c.State)).toEqual(['running']);
  });
});
