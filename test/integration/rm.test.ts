// `parity rm` against the real engine: which containers it removes, its confirmation, and
// what -s and -v do (anonymous volumes go, named ones stay).
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/run-cli';
import type { CliIo } from '../../src/main/cli/command';
import { loadProject } from '../../src/main/config/load-project';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { up } from '../../src/main/engine/up';
import { connectTestEngine, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();
const name = uniqueProjectName('parity-it-rm');
const dir = makeProject('rm', {
  'compose.yaml': `services:
  db:
    image: ${TEST_IMAGE}
    command: [sleep, "600"]
    init: true
    volumes:
      - data:/data
      - /scratch
  app:
    image: ${TEST_IMAGE}
    command: [sleep, "600"]
    init: true
    depends_on: [db]
volumes:
  data:
`,
});

/** Runs `parity rm` in-process; `answers` are typed at the prompt (a terminal when given). */
async function rm(args: string[], answers?: string[]) {
  let out = '';
  let err = '';
  const questions: string[] = [];
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: process.env,
    ...(answers
      ? {
          stdinIsTTY: true,
          ask: (question: string) => {
            questions.push(question);
            return Promise.resolve(answers.shift() ?? '');
          },
        }
      : {}),
  };
  const code = await runCli(['rm', '--project-directory', dir, '-p', name, ...args], io);
  return { code, out, err, questions };
}

async function states(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const c of await engine.listProjectContainers(name)) {
    result[c.Labels['com.docker.compose.service'] ?? ''] = c.State;
  }
  return result;
}

describe('parity rm', () => {
  let docker: Docker;

  beforeAll(async () => {
    docker = await connectTestEngine();
    const { project } = loadProject({ dir, projectName: name, env: {} });
    if (!project) throw new Error('fixture does not load');
    await up(engine, project);
  });
  afterAll(async () => {
    await down(engine, name, { volumes: true, timeoutSeconds: 0 });
  });

  it('refuses without -f when there is no terminal to ask on, removing nothing', async () => {
    await docker.getContainer(`${name}-app-1`).stop({ t: 0 });
    const result = await rm([]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'parity rm: not removing anything: there is no terminal to confirm on; pass -f (--force) to remove without asking\n',
    );
    expect(await states()).toEqual({ db: 'running', app: 'exited' });
  });

  it('refuses a service the files do not declare', async () => {
    const result = await rm(['-f', 'nope']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('no such service: nope');
  });

  it('keeps running containers without -s, and nothing is removed when the answer is no', async () => {
    const result = await rm([], ['n']);
    expect(result.code).toBe(0);
    expect(result.questions).toEqual(['Are you sure? [y/N] ']);
    expect(result.err).toContain(`Running, so kept: ${name}-db-1 (-s stops them first)`);
    expect(result.err).toContain(`Going to remove ${name}-app-1\n`);
    expect(result.err).toContain('Nothing removed.');
    expect(await states()).toEqual({ db: 'running', app: 'exited' });
  });

  it('removes the stopped containers once confirmed', async () => {
    const result = await rm([], ['y']);
    expect(result.code).toBe(0);
    expect(result.err).toContain('Removed 1 container.');
    expect(await states()).toEqual({ db: 'running' });
    const again = await rm(['-f', 'db']);
    expect(again.code).toBe(0);
    expect(again.err).toContain('No stopped containers');
    expect(await states()).toEqual({ db: 'running' });
  });

  it('-s stops first, -v removes anonymous volumes and never the named one', async () => {
    const mounts = (await docker.getContainer(`${name}-db-1`).inspect()).Mounts;
    const scratch = mounts.find((m) => m.Destination === '/scratch')?.Name;
    expect(scratch).toBeTruthy();
    const result = await rm(['-s', '-f', '-v', 'db']);
    expect(result.code).toBe(0);
    expect(result.questions).toEqual([]);
    expect(result.err).toContain(`Going to remove ${name}-db-1 and their anonymous volumes`);
    expect(await states()).toEqual({});
    await expect(docker.getVolume(scratch!).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect(await docker.getVolume(`${name}_data`).inspect()).toMatchObject({
      Name: `${name}_data`,
    });
  });
});
