import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParity } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

// pull_policy as docker compose v2 follows it, through the CLI: `build` rebuilds on every up
// and recreates the container when the image changed; `never` refuses a missing image before
// anything is created.

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});

describe('pull_policy on the real engine', () => {
  const name = uniqueProjectName('parity-it-pull');
  const dir = makeProject('pull', {
    'compose.yaml': lines(
      'services:',
      '  app:',
      '    build: ./app',
      '    pull_policy: build',
      '    command: [sleep, "600"]',
    ),
    'app/Dockerfile': lines('FROM busybox:1.37', 'COPY version /version'),
    'app/version': 'one\n',
  });
  const cli = (...args: string[]) => runParity([...args, '--project-directory', dir, '-p', name]);
  const image = `${name}-app`;
  afterAll(async () => {
    await cli('down', '-t', '0');
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it('builds on every up, recreating the container only when the image changed', async () => {
    const first = await cli('up', '-d');
    expect(first.code).toBe(0);
    const before = await docker.getContainer(`${name}-app-1`).inspect();

    const same = await cli('up', '-d');
    expect(same.stderr).toMatch(/app +building/);
    expect(same.stderr).toMatch(/app +unchanged/);
    expect((await docker.getContainer(`${name}-app-1`).inspect()).Id).toBe(before.Id);

    writeFileSync(join(dir, 'app/version'), 'two\n');
    const changed = await cli('up', '-d');
    expect(changed.code).toBe(0);
    const after = await docker.getContainer(`${name}-app-1`).inspect();
    expect(after.Id).not.toBe(before.Id);
    expect(after.Image).not.toBe(before.Image);
  });

  it('refuses a missing image under never, before anything is created', async () => {
    const never = uniqueProjectName('parity-it-never');
    const neverDir = makeProject('never', {
      'compose.yaml': lines(
        'services:',
        '  ok:',
        '    image: busybox:1.37',
        '  gone:',
        '    image: parity-test/absent:0',
        '    pull_policy: never',
      ),
    });
    const run = await runParity(['up', '-d', '--project-directory', neverDir, '-p', never]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'service "gone": image parity-test/absent:0 is not on the engine and its pull_policy is never',
    );
    const created = await docker.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${never}`] },
    });
    expect(created).toEqual([]);
    const networks = await docker.listNetworks({ filters: { name: [never] } });
    expect(networks).toEqual([]);
  });
});
