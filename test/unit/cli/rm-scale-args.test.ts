// `parity rm` and `parity up --scale`: what they refuse before asking the engine anything.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run-cli';
import { loadProject } from '../../../src/main/config/load-project';
import { configHash } from '../../../src/main/engine/container-spec';
import { PlanError, withScale } from '../../../src/main/engine/up';
import { makeProject } from '../../support/project-dir';

// Nothing answers here: a test that reached the engine would fail.
const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
const dir = makeProject('args', {
  'compose.yaml': 'services:\n  web: { image: busybox:1.37, deploy: { replicas: 2 } }\n',
  'other.yaml': 'services:\n  api: { image: busybox:1.37 }\n',
});

async function run(args: string[]) {
  let err = '';
  const code = await runCli(args, {
    out: () => undefined,
    err: (text) => (err += text),
    env: NO_ENGINE,
  });
  return { code, err };
}

describe('parity rm', () => {
  it('refuses without -f when stdin is no terminal, before reading anything', async () => {
    expect(await run(['rm', '--project-directory', '/nonexistent'])).toEqual({
      code: 2,
      err: 'parity rm: not removing anything: there is no terminal to confirm on; pass -f (--force) to remove without asking\n',
    });
  });

  it('takes -f as --force (files go with --file), and refuses services the files lack', async () => {
    const named = await run([
      'rm',
      '-f',
      '--project-directory',
      dir,
      '--file',
      'other.yaml',
      'web',
    ]);
    expect(named.code).toBe(2);
    expect(named.err).toContain('no such service: web');
  });

  it('takes --timeout only with -s', async () => {
    const result = await run(['rm', '-f', '-t', '3', '--project-directory', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--timeout goes with -s (--stop)');
  });
});

describe('parity up --scale', () => {
  it('refuses a malformed scale, an unknown service, or one scaled twice', async () => {
    const up = (...scale: string[]) =>
      run(['up', '-d', '--project-directory', dir, ...scale.flatMap((s) => ['--scale', s])]);
    expect((await up('web=-1')).err).toContain('--scale expects SERVICE=N, got web=-1');
    expect((await up('api=1')).err).toContain('--scale: no such service: api');
    expect((await up('web=1', 'web=3')).err).toContain('--scale: web is scaled twice');
  });

  it('overrides the replicas without changing the config hash', () => {
    const { project } = loadProject({ dir, env: {} });
    if (!project) throw new Error('fixture does not load');
    const scaled = withScale(project, { web: 5 });
    const [before, after] = [project, scaled].map((p) => p.model.services.web!);
    expect([before?.replicas?.value, after?.replicas?.value]).toEqual([2, 5]);
    expect(configHash(scaled, after!)).toBe(configHash(project, before!));
    expect(() => withScale(project, { api: 1 })).toThrow(PlanError);
  });
});
