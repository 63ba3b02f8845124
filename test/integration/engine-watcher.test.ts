import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMPOSE_LABEL } from '../../src/main/engine/compose-labels';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { watchEngine, type ContainerWatchEvent } from '../../src/main/engine/engine-watcher';
import { timestampToNanos } from '../../src/main/engine/event-cursor';
import { connectTestEngine, removeProject, TEST_IMAGE, uniqueProjectName } from '../support/engine';

const engine = DockerEngine.fromEnvironment();
let docker: Docker;
const project = uniqueProjectName('parity-it-watch');
const other = uniqueProjectName('parity-it-watch-other');

beforeAll(async () => {
  docker = await connectTestEngine();
});

afterAll(async () => {
  await removeProject(docker, project);
  await removeProject(docker, other);
});

async function run(name: string, service: string, healthcheck: boolean): Promise<string> {
  const container = await docker.createContainer({
    name: `${name}-${service}-1`,
    Image: TEST_IMAGE,
    Cmd: ['sleep', '600'],
    Labels: {
      [COMPOSE_LABEL.project]: name,
      [COMPOSE_LABEL.service]: service,
      [COMPOSE_LABEL.containerNumber]: '1',
      [COMPOSE_LABEL.oneoff]: 'False',
    },
    ...(healthcheck
      ? { Healthcheck: { Test: ['CMD', 'true'], Interval: 200_000_000, Retries: 1 } }
      : {}),
    HostConfig: { NetworkMode: 'none' },
    StopTimeout: 0,
  });
  await container.start();
  return container.id;
}

describe('the engine watcher on the real engine', () => {
  it("delivers a project's state changes within 200 ms of the engine emitting them", async () => {
    const received: { event: ContainerWatchEvent; at: bigint }[] = [];
    const watcher = watchEngine(engine);
    const unsubscribe = watcher.subscribe(
      (event) => {
        // Same machine, same clock: the delay is now minus the engine's own stamp.
        const at = BigInt(Date.now()) * 1_000_000n;
        if (event.type === 'container') received.push({ event, at });
      },
      { project },
    );
    try {
      await watcher.ready();
      expect(watcher.reachable).toBe(true);
      const id = await run(project, 'web', true);
      await run(other, 'web', false);
      await vi.waitFor(
        () => expect(received.map((r) => r.event.action)).toContain('health_status: healthy'),
        { timeout: 10_000 },
      );
      await docker.getContainer(id).stop({ t: 0 });
      await vi.waitFor(() => expect(received.map((r) => r.event.action)).toContain('die'), {
        timeout: 10_000,
      });
      const actions = received.map((r) => r.event.action);
      expect(actions.slice(0, 2)).toEqual(['create', 'start']);
      // Healthcheck runs are exec_* events, which the watcher leaves on the engine.
      expect(actions.filter((a) => a.startsWith('exec_'))).toEqual([]);
      for (const { event, at } of received) {
        expect(event).toMatchObject({ project, service: 'web', containerId: id });
        expect(event.name).toBe(`${project}-web-1`);
        const delayMs = Number(at - timestampToNanos(event.time)) / 1e6;
        expect(delayMs, event.action).toBeLessThan(200);
      }
    } finally {
      unsubscribe();
    }
  });
});
