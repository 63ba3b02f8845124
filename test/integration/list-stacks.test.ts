import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStackResult } from '../../src/main/api/stack-list';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { runParity } from '../support/cli';
import {
  connectTestEngine,
  removeProject,
  startLabelledContainer,
  uniqueProjectName,
} from '../support/engine';

describe('listing stacks on the real engine', () => {
  let docker: Docker;
  const project = uniqueProjectName('parity-it-list');

  beforeAll(async () => {
    docker = await connectTestEngine();
    await startLabelledContainer(docker, project, 'api');
  });
  afterAll(async () => {
    if (docker) await removeProject(docker, project);
  });

  it('the API sees a labelled container as a service of its stack', async () => {
    const list = await listStackResult(DockerEngine.fromEnvironment());
    if (list.engine !== 'reachable') throw new Error(`engine unreachable: ${list.reason}`);
    const stack = list.stacks.find((candidate) => candidate.project === project);
    expect(stack?.configFiles).toEqual([`/tmp/${project}/compose.yaml`]);
    expect(stack?.containers).toMatchObject([
      {
        name: `${project}-api-1`,
        service: 'api',
        number: 1,
        state: 'running',
        image: 'busybox:1.37',
      },
    ]);
    expect(stack?.containers[0]?.ports).toEqual([
      expect.objectContaining({ hostIp: '127.0.0.1', containerPort: 8080, protocol: 'tcp' }),
    ]);
  });

  it('parity ps lists it; --json gives the same stack; a stopped one needs -a', async () => {
    const table = await runParity(['ps']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(
        `${project}\\s+api\\s+${project}-api-1\\s+running\\s+127\\.0\\.0\\.1:\\d+->8080/tcp`,
      ),
    );

    const json = await runParity(['ps', '--json', '-p', project]);
    const stacks = JSON.parse(json.stdout) as { project: string }[];
    expect(stacks.map((stack) => stack.project)).toEqual([project]);

    await docker.getContainer(`${project}-api-1`).stop({ t: 0 });
    expect((await runParity(['ps'])).stdout).not.toContain(project);
    expect((await runParity(['ps', '-a'])).stdout).toMatch(
      new RegExp(`${project}-api-1\\s+exited`),
    );
  });

  it('an unreachable engine is a value the UI can show, not a crash', async () => {
    const engine = DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(await listStackResult(engine)).toEqual({
      engine: 'unreachable',
      endpoint: 'unix:///nonexistent/docker.sock',
      reason: 'no Docker socket there: is the engine running?',
    });
  });
});
