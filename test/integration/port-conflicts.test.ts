import { createSocket, type Socket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject, type LoadedProject } from '../../src/main/config/load-project';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { findPortConflicts, PortConflictError } from '../../src/main/engine/port-conflicts';
import { up } from '../../src/main/engine/up';
import type { ServiceProgress } from '../../src/shared/progress';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();
let docker: Docker;

beforeAll(async () => {
  docker = await connectTestEngine();
});

function load(dir: string, projectName: string): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, projectName, env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

/** A compose file whose services (name -> ports) sleep, stopping at once. */
function compose(services: Record<string, string[]>, greeting = 'hi'): string {
  return [
    'services:',
    ...Object.entries(services).flatMap(([name, ports]) => [
      `  ${name}:`,
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    init: true',
      `    environment: { GREETING: ${greeting} }`,
      `    ports: [${ports.map((p) => JSON.stringify(p)).join(', ')}]`,
    ]),
    '',
  ].join('\n');
}

function listening(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => resolve(server));
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** A loopback tcp port free right now. */
async function freePort(): Promise<number> {
  const server = await listening();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function bound(): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.bind(0, '127.0.0.1', () => resolve(socket));
  });
}

async function rejection(promise: Promise<unknown>): Promise<PortConflictError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PortConflictError);
  return error as PortConflictError;
}

async function expectNothingCreated(project: string): Promise<void> {
  expect(await engine.listProjectContainers(project)).toEqual([]);
  const networks = await docker.listNetworks({
    filters: { label: [`com.docker.compose.project=${project}`] },
  });
  expect(networks.map((n) => n.Name)).toEqual([]);
}

describe('a port held by a process outside Docker', () => {
  const name = uniqueProjectName('parity-it-ports-proc');
  let server: Server;
  let socket: Socket;
  afterAll(async () => {
    await down(engine, name, { volumes: true, timeoutSeconds: 0 });
    server.close();
    socket.close();
  });

  it('stops up before anything is created, naming the process and where the port is written', async () => {
    server = await listening();
    socket = await bound();
    const tcp = portOf(server);
    const udp = socket.address().port;
    const first = `127.0.0.1:${tcp}:80`;
    const dir = makeProject('proc', {
      'compose.yaml': compose({ web: [first, `127.0.0.1:${udp}:53/udp`] }),
    });
    const error = await rejection(up(engine, load(dir, name)));
    // The kernel's name for this test's own process (node, or whatever title the runner set).
    const holder =
      process.platform === 'linux'
        ? `process ${readFileSync('/proc/self/comm', 'utf8').trim()} (pid ${process.pid})`
        : 'a process outside Docker';
    expect(error.message).toBe(
      [
        `compose.yaml:7:13: error: port 127.0.0.1:${tcp}/tcp of service web is held by ${holder}`,
        // The second entry starts after the first, its quotes and ", ".
        `compose.yaml:7:${13 + first.length + 4}: error: port 127.0.0.1:${udp}/udp of service web is held by ${holder}`,
      ].join('\n'),
    );
    await expectNothingCreated(name);
  });
});

describe('a port held by a container of another project', () => {
  const holderName = uniqueProjectName('parity-it-ports-holder');
  const name = uniqueProjectName('parity-it-ports-wanter');
  afterAll(async () => {
    await down(engine, name, { volumes: true, timeoutSeconds: 0 });
    await down(engine, holderName, { volumes: true, timeoutSeconds: 0 });
  });

  it('names that container and its project', async () => {
    const port = await freePort();
    const holderDir = makeProject('holder', {
      'compose.yaml': compose({ web: [`127.0.0.1:${port}:8080`] }),
    });
    expect((await up(engine, load(holderDir, holderName))).failed).toEqual([]);
    // The wanted port on every address meets the holder's loopback one.
    const dir = makeProject('wanter', { 'compose.yaml': compose({ app: [`${port}:80`] }) });
    const error = await rejection(up(engine, load(dir, name)));
    expect(error.conflicts).toEqual([
      {
        service: 'app',
        port: `${port}/tcp`,
        source: { file: 'compose.yaml', line: 7, column: 13 },
        holder: `container ${holderName}-web-1 of project ${holderName}`,
      },
    ]);
    await expectNothingCreated(name);
  });
});

describe('two services of one project publishing the same port', () => {
  const name = uniqueProjectName('parity-it-ports-twice');
  afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

  it('names both services and both places', async () => {
    const port = await freePort();
    const dir = makeProject('twice', {
      'compose.yaml': compose({ a: [`127.0.0.1:${port}:80`], b: [`127.0.0.1:${port}:81`] }),
    });
    const error = await rejection(up(engine, load(dir, name)));
    expect(error.message).toBe(
      `compose.yaml:13:13: error: port 127.0.0.1:${port}/tcp of service b is held by service a of this project (compose.yaml:7:13)`,
    );
    await expectNothingCreated(name);
  });
});

describe('a running project holding its own ports', () => {
  const name = uniqueProjectName('parity-it-ports-own');
  afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

  it('is no conflict, whether up leaves its containers alone or recreates them', async () => {
    const port = await freePort();
    const dir = makeProject('own', { 'compose.yaml': compose({ web: [`127.0.0.1:${port}:80`] }) });
    expect((await up(engine, load(dir, name))).failed).toEqual([]);

    const phases: ServiceProgress[] = [];
    await up(engine, load(dir, name), { onProgress: (p) => phases.push(p) });
    expect(phases.map((p) => p.phase)).toEqual(['unchanged']);
    // Even checked as a service to recreate, its own container's port is not in the way.
    expect(await findPortConflicts(engine, load(dir, name), ['web'])).toEqual([]);

    writeFileSync(`${dir}/compose.yaml`, compose({ web: [`127.0.0.1:${port}:80`] }, 'changed'));
    phases.length = 0;
    const result = await up(engine, load(dir, name), { onProgress: (p) => phases.push(p) });
    expect(result.failed).toEqual([]);
    expect(phases.map((p) => p.phase)).toContain('recreating');
  });
});
