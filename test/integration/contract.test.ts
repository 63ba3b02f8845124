// The API contract, run against both transports with the real engine: the `parity serve`
// WebSocket, and Electron IPC (ipc-main.ts and the preload) over a stand-in for Electron's IPC
// modules, since this machine has no Electron binary.
import { basename } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ParityBridge } from '../../src/shared/api/bridge';
import type { ApiEventPayload } from '../../src/shared/api/event-contract';
import { createApi, type ParityApi } from '../../src/main/api/create-api';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { startServer, type RunningServer } from '../../src/main/server/serve';
import { memorySettings } from '../support/api';
import {
  nextEvent,
  recorded,
  websocketConnection,
  type TestConnection,
} from '../support/connections';
import { connectTestEngine, removeProject, TEST_IMAGE } from '../support/engine';
import { makeProject } from '../support/project-dir';
import { uniqueProjectName } from '../support/engine';

vi.mock('electron', () => import('../support/fake-electron'));
vi.mock('../../src/main/app/windows', () => ({ isAppWindow: (id: number) => id === 1 }));

const SECRET = 'hunter2-never-shown';
const TOKEN = 'contract-test-token-0123456789';

function projectFiles(): Record<string, string> {
  return {
    'compose.yaml': `services:
  db:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo db ready; touch /ready; exec sleep 600"]
    environment:
      DB_PASSWORD: ${SECRET}
      DB_NAME: shop
    healthcheck:
      test: ["CMD", "test", "-f", "/ready"]
      interval: 1s
      retries: 10
    volumes:
      - data:/data
    stop_grace_period: 1s
  app:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo app line $$i; sleep 0.2; done"]
    depends_on:
      db:
        condition: service_healthy
    stop_grace_period: 1s
volumes:
  data:
`,
    'parity.yaml': `actions:
  - name: greet
    service: app
    run: echo hello from the action
`,
  };
}

interface Transport {
  connect: (api: ParityApi) => Promise<{ connection: TestConnection; close: () => Promise<void> }>;
}

const transports: Record<string, Transport> = {
  websocket: {
    async connect(api) {
      const server: RunningServer = await startServer({
        api,
        rendererDir: '/nonexistent',
        port: 0,
        token: TOKEN,
      });
      const connection = websocketConnection(server.port, TOKEN);
      return {
        connection,
        close: () => {
          connection.close();
          return server.close();
        },
      };
    },
  },
  'electron ipc': {
    async connect(api) {
      const { setupApiIpc } = await import('../../src/main/app/ipc-main');
      const electron = await import('../support/fake-electron');
      setupApiIpc(api);
      await import('../../src/preload/index');
      const bridge = electron.exposed.parity as ParityBridge;
      return {
        connection: recorded(bridge.invoke, bridge.onEvent),
        close: () => Promise.resolve(electron.window.destroy()),
      };
    },
  },
};

describe.each(Object.entries(transports))('the API contract over %s', (_name, transport) => {
  let docker: Docker;
  let api: ParityApi;
  let connection: TestConnection;
  let close: () => Promise<void>;
  const dir = makeProject(uniqueProjectName('parity-contract'), projectFiles());
  const name = basename(dir);

  beforeAll(async () => {
    docker = await connectTestEngine();
    api = createApi({
      engine: DockerEngine.fromEnvironment(),
      settings: memorySettings(),
      env: process.env,
    });
    ({ connection, close } = await transport.connect(api));
  });
  afterAll(async () => {
    await close?.();
    await api?.close();
    if (docker) {
      await removeProject(docker, name);
      await docker.pruneNetworks({ filters: { label: [`com.docker.compose.project=${name}`] } });
      await docker
        .getVolume(`${name}_data`)
        .remove()
        .catch(() => undefined);
    }
  });

  it('says whether the engine answers', async () => {
    const status = await connection.api['engine.status']({});
    expect(status.reachable && status.version).toMatch(/^\d+\.\d+/);
  });

  it('adds a project folder and lists it, stopped, with its actions', async () => {
    const summary = await connection.api['projects.add']({ directory: dir });
    expect(summary).toMatchObject({
      id: dir,
      name,
      state: 'stopped',
      services: { total: 2, running: 0 },
      actions: [{ name: 'greet', service: 'app', confirm: false }],
      driftCount: null,
    });
    expect((await connection.api['projects.list']({})).map((p) => p.id)).toEqual([dir]);
  });

  it('rethrows errors with their real name, and refuses what the contract does not allow', async () => {
    await expect(
      connection.api['projects.add']({ directory: '/nonexistent/parity' }),
    ).rejects.toMatchObject({
      name: 'NotAProjectError',
      message: '/nonexistent/parity does not exist',
    });
    // The client refuses it before sending; the core refuses it again on receipt.
    await expect(connection.api['settings.set']({ patch: { logRingSize: 5 } })).rejects.toThrow();
    expect(await connection.raw('settings.set', { patch: { logRingSize: 5 } })).toMatchObject({
      error: { name: 'InvalidRequestError' },
    });
    // The preload refuses a request the contract does not name before it leaves the page.
    const unknown = await connection
      .raw('containers.removeAll', {})
      .catch((error: Error) => ({ error: { name: error.name, message: error.message } }));
    expect(unknown).not.toHaveProperty('result');
    expect(JSON.stringify(unknown)).toMatch(/Unknown request/);
    await expect(connection.api['stack.up']({ project: '/not/added' })).rejects.toMatchObject({
      name: 'ProjectNotFoundError',
    });
  });

  it('brings the stack up, pushing each step and the new state', async () => {
    const steps: ApiEventPayload<'progress'>[] = [];
    const off = connection.events.on('progress', (event) => steps.push(event));
    const running = nextEvent(
      connection.events,
      'project.changed',
      (p) => p.id === dir && p.state === 'running',
    );
    expect(await connection.api['stack.up']({ project: dir })).toEqual({ failed: [] });
    await running;
    off();
    const phases = steps.flatMap((s) => (s.step ? [`${s.step.service}:${s.step.phase}`] : []));
    expect(phases).toEqual(expect.arrayContaining(['db:healthy', 'app:started']));
    expect(phases.indexOf('db:healthy')).toBeLessThan(phases.indexOf('app:started'));
    expect(steps.at(-1)).toMatchObject({ project: dir, operation: 'up', done: { ok: true } });
  });

  it('shows each service with its containers, health and dependencies, never a secret value', async () => {
    const detail = await connection.api['projects.get']({ project: dir });
    const db = detail.services.find((s) => s.name === 'db');
    const app = detail.services.find((s) => s.name === 'app');
    expect(db?.containers).toMatchObject([{ state: 'running', health: 'healthy' }]);
    expect(db?.env).toEqual([
      { name: 'DB_NAME', value: 'shop', secret: false },
      { name: 'DB_PASSWORD', value: null, secret: true },
    ]);
    expect(db?.healthcheck).toBe('test -f /ready');
    expect(db?.lastHealthCheck).toMatchObject({ exitCode: 0, output: '' });
    expect(db?.restartCount).toBe(0);
    expect(app?.dependsOn).toEqual([
      { service: 'db', condition: 'service_healthy', required: true },
    ]);
    expect(connection.frames.join('\n')).not.toContain(SECRET);
  });

  it('streams the log lines of the services asked for, to the window that asked', async () => {
    const { subscription } = await connection.api['logs.subscribe']({
      project: dir,
      services: ['app'],
      tail: 3,
    });
    const batch = await nextEvent(
      connection.events,
      'logs.batch',
      (b) => b.subscription === subscription,
    );
    expect(batch.lines.length).toBeGreaterThan(0);
    for (const line of batch.lines) {
      expect(line).toMatchObject({ service: 'app', container: `${name}-app-1`, stream: 'stdout' });
      expect(line.text).toMatch(/^app line \d+$/);
    }
    await connection.api['logs.unsubscribe']({ subscription });
    await expect(connection.api['logs.unsubscribe']({ subscription })).rejects.toMatchObject({
      name: 'SubscriptionNotFoundError',
    });
  });

  it('samples CPU and memory of each running service container', async () => {
    const stats = await connection.api['stats.get']({ project: dir });
    expect(stats.map((s) => s.container).sort()).toEqual([`${name}-app-1`, `${name}-db-1`]);
    for (const sample of stats) {
      expect(sample.memoryBytes).toBeGreaterThan(0);
      expect(sample.memoryLimitBytes).toBeGreaterThanOrEqual(sample.memoryBytes);
    }
  });

  it('runs a quick action in its service container, showing its command before the first run', async () => {
    const first = await connection.api['actions.run']({ project: dir, action: 'greet' });
    if (!('needsConfirmation' in first)) throw new Error('ran without showing its command');
    expect(first.needsConfirmation).toMatchObject({
      action: 'greet',
      service: 'app',
      command: ['sh', '-c', 'echo hello from the action'],
    });
    const ran = { exitCode: 0, output: 'hello from the action\n' };
    const confirm = first.needsConfirmation.hash;
    expect(await connection.api['actions.run']({ project: dir, action: 'greet', confirm })).toEqual(
      ran,
    );
    // Confirmed once for this folder and command: the next run does not ask.
    expect(await connection.api['actions.run']({ project: dir, action: 'greet' })).toEqual(ran);
    await expect(
      connection.api['actions.run']({ project: dir, action: 'nope' }),
    ).rejects.toMatchObject({ name: 'ActionError' });
  });

  it("sees a container changed outside Parity, from the engine's events and in runtime drift", async () => {
    const runtime = async () => {
      const drift = await connection.api['drift.get']({ project: dir, against: 'runtime' });
      if (!drift.available) throw new Error(drift.reason);
      expect(drift.report.comparison).toMatchObject({ against: 'runtime' });
      return drift.report.findings.filter((f) => f.status === 'drift');
    };
    // Both containers run as the files declare them.
    expect(await runtime()).toEqual([]);
    const partial = nextEvent(
      connection.events,
      'project.changed',
      (p) => p.id === dir && p.state === 'partial',
    );
    await docker.getContainer(`${name}-app-1`).stop({ t: 0 });
    expect((await partial).services).toMatchObject({ total: 2, running: 1 });
    // Read again from the engine, not from a cache the files' watcher would clear.
    const stopped = await runtime();
    expect(stopped.map((f) => [f.service, f.path, f.severity, f.dev.value, f.prod.value])).toEqual([
      ['app', 'state', 'warning', 'running', 'exited (137)'],
    ]);
    const running = nextEvent(
      connection.events,
      'project.changed',
      (p) => p.id === dir && p.state === 'running',
    );
    await connection.api['service.start']({ project: dir, service: 'app' });
    await running;
  });

  it('stops one service and the project turns partial', async () => {
    const partial = nextEvent(
      connection.events,
      'project.changed',
      (p) => p.id === dir && p.state === 'partial',
    );
    await connection.api['service.stop']({ project: dir, service: 'app' });
    expect((await partial).services).toMatchObject({ total: 2, running: 1 });
  });

  it("scales a service, then removes its stopped containers, the other service's untouched", async () => {
    const containers = async (): Promise<string[]> =>
      (
        await docker.listContainers({
          all: true,
          filters: { label: [`com.docker.compose.project=${name}`] },
        })
      )
        .map((c) => `${(c.Names[0] ?? '').slice(1)} ${c.State}`)
        .sort();
    const scaled = await connection.api['stack.up']({
      project: dir,
      services: ['app'],
      scale: { app: 2 },
    });
    expect(scaled).toEqual({ failed: [] });
    expect(await containers()).toEqual([
      `${name}-app-1 running`,
      `${name}-app-2 running`,
      `${name}-db-1 running`,
    ]);
    // A running service is kept unless asked to stop it first.
    expect(await connection.api['service.remove']({ project: dir, service: 'app' })).toEqual({
      removed: [],
    });
    const steps: ApiEventPayload<'progress'>[] = [];
    const off = connection.events.on('progress', (event) => steps.push(event));
    const removed = await connection.api['service.remove']({
      project: dir,
      service: 'app',
      stop: true,
    });
    off();
    expect(removed).toEqual({ removed: [`${name}-app-1`, `${name}-app-2`] });
    expect(await containers()).toEqual([`${name}-db-1 running`]);
    expect(steps.at(-1)).toMatchObject({ operation: 'remove', done: { ok: true } });
    await expect(
      connection.api['stack.up']({ project: dir, scale: { nope: 1 } }),
    ).rejects.toMatchObject({ name: 'PlanError' });
  });

  it('keeps settings and says why drift is unavailable without a production source', async () => {
    await connection.api['projects.setStartAtLogin']({ project: dir, startAtLogin: true });
    expect((await connection.api['settings.get']({})).projects).toEqual([
      { directory: dir, startAtLogin: true },
    ]);
    const saved = await connection.api['settings.set']({
      patch: { logRingSize: 2000, theme: 'dark' },
    });
    expect(saved).toMatchObject({ logRingSize: 2000, theme: 'dark' });
    expect(await connection.api['settings.get']({})).toEqual(saved);
    const drift = await connection.api['drift.get']({ project: dir });
    expect(!drift.available && drift.reason).toMatch(/^No production source/);
    const lock = await connection.api['drift.get']({ project: dir, against: 'lock' });
    expect(!lock.available && lock.reason).toMatch(/^No parity\.lock/);
  });

  it('takes the stack down but keeps its named volume', async () => {
    const result = await connection.api['stack.down']({ project: dir });
    expect(result).toMatchObject({ containers: 1, volumes: [] });
    expect(await docker.getVolume(`${name}_data`).inspect()).toMatchObject({
      Name: `${name}_data`,
    });
  });

  it('forgets a project, telling every window', async () => {
    const removed = nextEvent(connection.events, 'project.removed', (p) => p.id === dir);
    await connection.api['projects.remove']({ project: dir });
    await removed;
    expect(await connection.api['projects.list']({})).toEqual([]);
  });
});
