// The Mirror production switch through the API the app and `parity serve` share, on the real
// engine, on a copy of test/fixtures/mirror-trust with production adding SYS_PTRACE (its
// `privileged: true` taken out: the engine this runs on, itself in a container, cannot start a
// privileged one; test/unit/api/mirror-trust.test.ts asks about it): on asks for trust first
// and starts nothing; with the hash the user was shown, the containers run production's values;
// off brings the laptop's back.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../src/main/api/create-api';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { memorySettings, recordingSession } from '../support/api';
import { connectTestEngine, removeProject, uniqueProjectName } from '../support/engine';

const FIXTURE = new URL('../fixtures/mirror-trust', import.meta.url).pathname;
const session = recordingSession();
const name = uniqueProjectName('parity-it-mirror-trust');
const dir = join(mkdtempSync(join(tmpdir(), 'parity-mirror-trust-')), 'shop');
cpSync(FIXTURE, dir, { recursive: true });
const compose = join(dir, 'compose.yaml');
writeFileSync(compose, `name: ${name}\n${readFileSync(compose, 'utf8')}`);
const deploy = join(dir, 'deploy', 'api.yaml');
writeFileSync(deploy, readFileSync(deploy, 'utf8').replace(/^ *privileged: true\n/m, ''));
let docker: Docker;
let api: ParityApi;

beforeAll(async () => {
  docker = await connectTestEngine();
  api = createApi({
    engine: DockerEngine.fromEnvironment(),
    settings: memorySettings(),
    env: process.env,
  });
  await api.handlers['projects.add']({ directory: dir }, session);
});
afterAll(async () => {
  await api?.close();
  if (docker) await removeProject(docker, name);
});

const apiContainer = async () => {
  const list = await docker.listContainers({
    filters: { label: [`com.docker.compose.project=${name}`, 'com.docker.compose.service=api'] },
  });
  return list.length === 1 ? docker.getContainer(list[0]?.Id ?? '').inspect() : null;
};

describe('the Mirror production switch with a production asking for a capability', () => {
  let hash = '';

  it('asks for trust and starts nothing when turned on', async () => {
    const result = await api.handlers['projects.setMirror'](
      { project: dir, mirror: true },
      session,
    );
    expect(result.mirror).toBe(false);
    expect(result.needsTrust?.asks.map((a) => `${a.key} ${a.value}`)).toEqual([
      'cap_add SYS_PTRACE',
    ]);
    hash = result.needsTrust?.hash ?? '';
    expect(await apiContainer()).toBeNull();
  });

  it("runs production's values, the capability added, with the hash the user was shown", async () => {
    const result = await api.handlers['projects.setMirror'](
      { project: dir, mirror: true, trust: hash },
      session,
    );
    expect(result).toEqual({ mirror: true, failed: [], removed: [] });
    const info = await apiContainer();
    expect(info?.HostConfig.CapAdd).toEqual(['SYS_PTRACE']);
    expect(info?.Config.Env).toContain('LOG_LEVEL=info');
  });

  it("brings the laptop's own stack back when turned off", async () => {
    const result = await api.handlers['projects.setMirror'](
      { project: dir, mirror: false },
      session,
    );
    expect(result.mirror).toBe(false);
    expect(result.failed).toEqual([]);
    const info = await apiContainer();
    expect(info?.HostConfig.CapAdd ?? []).toEqual([]);
    expect(info?.Config.Env).not.toContain('LOG_LEVEL=info');
  });
});
