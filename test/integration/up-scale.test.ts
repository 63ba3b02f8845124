// `parity up --scale SERVICE=N` against the real engine: it overrides the replicas for that up,
// creating or removing containers and leaving the others as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/run-cli';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { connectTestEngine, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();
const name = uniqueProjectName('parity-it-scale');
const dir = makeProject('scale', {
  'compose.yaml': `services:
  db:
    image: ${TEST_IMAGE}
    command: [sleep, "600"]
    init: true
  web:
    image: ${TEST_IMAGE}
    command: [sleep, "600"]
    init: true
    depends_on: [db]
`,
});

async function parityUp(...args: string[]) {
  let err = '';
  const code = await runCli(['up', '-d', '--project-directory', dir, '-p', name, ...args], {
    out: () => undefined,
    err: (text) => (err += text),
    env: process.env,
  });
  return { code, err };
}

/** Container name → [id, state]. */
async function containers(): Promise<Record<string, [string, string]>> {
  const result: Record<string, [string, string]> = {};
  for (const c of await engine.listProjectContainers(name)) {
    result[(c.Names[0] ?? '').replace(/^\//, '')] = [c.Id, c.State];
  }
  return result;
}

describe('parity up --scale', () => {
  beforeAll(() => connectTestEngine());
  afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

  it('refuses a malformed scale or an unknown service', async () => {
    const bad = await parityUp('--scale', 'web=two');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--scale expects SERVICE=N, got web=two');
    const unknown = await parityUp('--scale', 'nope=2');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--scale: no such service: nope');
    expect(await containers()).toEqual({});
  });

  it('creates that many containers of the service, one of the others', async () => {
    expect(await parityUp('--scale', 'web=3')).toEqual({
      code: 0,
      err: expect.any(String) as unknown,
    });
    const now = await containers();
    expect(Object.keys(now).sort()).toEqual([
      `${name}-db-1`,
      `${name}-web-1`,
      `${name}-web-2`,
      `${name}-web-3`,
    ]);
    expect(Object.values(now).map(([, state]) => state)).toEqual([
      'running',
      'running',
      'running',
      'running',
    ]);
  });

  it('scales down by removing the extra containers, keeping the first as it is', async () => {
    const before = await containers();
    expect(await parityUp('--scale', 'web=1')).toEqual({
      code: 0,
      err: expect.any(String) as unknown,
    });
    expect(await containers()).toEqual({
      [`${name}-db-1`]: before[`${name}-db-1`],
      [`${name}-web-1`]: before[`${name}-web-1`],
    });
  });

  it('without --scale, up goes back to the replicas of the files; 0 removes them all', async () => {
    expect(await parityUp('--scale', 'web=2')).toEqual({
      code: 0,
      err: expect.any(String) as unknown,
    });
    expect(Object.keys(await containers())).toHaveLength(3);
    expect(await parityUp()).toEqual({ code: 0, err: expect.any(String) as unknown });
    expect(Object.keys(await containers()).sort()).toEqual([`${name}-db-1`, `${name}-web-1`]);
    expect(await parityUp('--scale', 'web=0')).toEqual({
      code: 0,
      err: expect.any(String) as unknown,
    });
    expect(Object.keys(await containers())).toEqual([`${name}-db-1`]);
  });
});
