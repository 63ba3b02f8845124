// A repository whose project name is another folder's: up, down, rm and stop there refuse to
// touch the other folder's containers, naming that folder, unless --force-name is given.
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_LABEL } from '../../src/main/engine/compose-labels';
import { runParity } from '../support/cli';
import { connectTestEngine, removeProject, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});

describe('a project name already used by another folder', () => {
  const name = uniqueProjectName('parity-it-name');
  const file = (service: string) =>
    lines(
      `name: ${name}`,
      'services:',
      `  ${service}:`,
      `    image: ${TEST_IMAGE}`,
      '    command: [sleep, "600"]',
      '    init: true',
      '    volumes: [data:/data]',
      'volumes:',
      '  data:',
    );
  const owner = makeProject('owner', { 'compose.yaml': file('db') });
  const intruder = makeProject('intruder', { 'compose.yaml': file('db') });
  const cli = (dir: string, ...args: string[]) => runParity([...args, '--project-directory', dir]);
  afterAll(async () => {
    await removeProject(docker, name);
    await docker
      .getVolume(`${name}_data`)
      .remove()
      .catch(() => undefined);
  });

  async function ownerContainers(): Promise<string[]> {
    const list = await docker.listContainers({
      all: true,
      filters: { label: [`${COMPOSE_LABEL.project}=${name}`] },
    });
    return list.map((c) => `${c.Labels[COMPOSE_LABEL.workingDir]} ${c.State}`);
  }

  it('is refused by down -v, up, stop and rm, naming the folder; nothing is touched', async () => {
    expect((await cli(owner, 'up', '-d')).code).toBe(0);
    for (const args of [['down', '-v'], ['up', '-d'], ['stop'], ['rm', '-f', '-s']]) {
      const run = await cli(intruder, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(
        `not touching project "${name}": its containers belong to another folder, ${owner}.`,
      );
      expect(run.stderr).toContain('--force-name');
    }
    expect(await ownerContainers()).toEqual([`${owner} running`]);
    expect((await docker.getVolume(`${name}_data`).inspect()).Name).toBe(`${name}_data`);
  });

  it('the owning folder itself goes on as before', async () => {
    const run = await cli(owner, 'stop', '-t', '0');
    expect(run.code, run.stderr).toBe(0);
    expect(await ownerContainers()).toEqual([`${owner} exited`]);
  });

  it('--force-name acts on them when asked', async () => {
    const run = await cli(intruder, 'down', '--force-name');
    expect(run.code, run.stderr).toBe(0);
    expect(await ownerContainers()).toEqual([]);
  });
});
