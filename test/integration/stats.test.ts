import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceStatsSchema } from '../../src/shared/stats';
import { COMPOSE_LABEL } from '../../src/main/engine/compose-labels';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { projectStats } from '../../src/main/engine/project-stats';
import { connectTestEngine, removeProject, TEST_IMAGE, uniqueProjectName } from '../support/engine';

const engine = DockerEngine.fromEnvironment();
let docker: Docker;
const project = uniqueProjectName('parity-it-stats');
const LIMIT = 64 * 1024 * 1024;

async function run(service: string, script: string, memory?: number, start = true) {
  const container = await docker.createContainer({
    name: `${project}-${service}-1`,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', script],
    Labels: {
      [COMPOSE_LABEL.project]: project,
      [COMPOSE_LABEL.service]: service,
      [COMPOSE_LABEL.containerNumber]: '1',
      [COMPOSE_LABEL.oneoff]: 'False',
    },
    HostConfig: { NetworkMode: 'none', ...(memory ? { Memory: memory } : {}) },
    StopTimeout: 0,
  });
  if (start) await container.start();
}

beforeAll(async () => {
  docker = await connectTestEngine();
  await run('busy', 'while :; do :; done', LIMIT);
  await run('idle', 'exec sleep 600');
  await run('stopped', 'exec sleep 600', undefined, false);
});

afterAll(() => removeProject(docker, project));

describe('project stats on the real engine', () => {
  it('samples CPU and memory of each running service container', async () => {
    const stats = await projectStats(engine, project);
    for (const entry of stats) ServiceStatsSchema.parse(entry);
    expect(stats.map((s) => [s.service, s.container])).toEqual([
      ['busy', `${project}-busy-1`],
      ['idle', `${project}-idle-1`],
    ]);
    const [busy, idle] = stats;
    // A busy loop keeps (at least a good share of) one CPU busy; a sleeper none.
    expect(busy?.cpuPercent).toBeGreaterThan(10);
    expect(busy?.cpuPercent).toBeLessThanOrEqual(100 * 2 + 1);
    expect(idle?.cpuPercent).toBeLessThan(5);
    expect(busy?.memoryLimitBytes).toBe(LIMIT);
    expect(busy?.memoryBytes).toBeGreaterThan(0);
    expect(busy?.memoryBytes).toBeLessThan(LIMIT);
    // Without a limit the engine reports the host's memory.
    expect(idle?.memoryLimitBytes).toBeGreaterThan(LIMIT);
  });
});
