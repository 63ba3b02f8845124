import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../../src/main/api/create-api';
import { DockerEngine } from '../../../../src/main/engine/docker-engine';
import { listEngineChoices } from '../../../../src/main/engine/endpoint/engine-choices';
import { pingTarget } from '../../../../src/main/engine/endpoint/ping';
import { resolveEngineTarget } from '../../../../src/main/engine/endpoint/resolve-endpoint';
import { memorySettings, recordingSession } from '../../../support/api';
import { writeDockerContext } from '../../../support/docker-contexts';

let home: string;
let config: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'parity-choices-'));
  config = join(home, '.docker');
  writeDockerContext(config, 'colima', 'unix:///colima/docker.sock');
  writeDockerContext(config, 'build-box', 'tcp://10.1.2.3:2376', { tls: { ca: 'CA' } });
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('the engines Settings offers', () => {
  it('lists the contexts and the sockets found, each with its state, and the one in use', async () => {
    const broken = join(config, 'contexts', 'meta', 'f'.repeat(64));
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'meta.json'), '{"Name": "half"');
    const search = {
      env: { XDG_RUNTIME_DIR: '/run/user/7' },
      home,
      platform: 'linux' as const,
      exists: (path: string) => path === '/run/user/7/podman/podman.sock',
    };
    const inUse = resolveEngineTarget({ ...search, flags: { context: 'colima' } });
    const pinged: string[] = [];
    const choices = await listEngineChoices(search, inUse, (target) => {
      pinged.push(target.endpoint);
      return Promise.resolve(
        target.endpoint.startsWith('unix:')
          ? { reachable: true, version: '28.1.0' }
          : { reachable: false, reason: 'connection refused: is the engine running?' },
      );
    });
    expect(choices.inUse).toEqual({
      endpoint: 'unix:///colima/docker.sock',
      source: 'context "colima" from --context',
    });
    expect(choices.choices).toEqual([
      {
        kind: 'context',
        value: 'build-box',
        label: 'build-box',
        endpoint: 'tcp://10.1.2.3:2376',
        state: 'unreachable',
        detail: 'connection refused: is the engine running?',
        inUse: false,
      },
      {
        kind: 'context',
        value: 'colima',
        label: 'colima',
        endpoint: 'unix:///colima/docker.sock',
        state: 'reachable',
        detail: 'Docker 28.1.0',
        inUse: true,
      },
      {
        kind: 'context',
        value: null,
        label: join(broken, 'meta.json'),
        endpoint: null,
        state: 'invalid',
        detail: expect.stringContaining(`${join(broken, 'meta.json')} is not valid JSON`) as string,
        inUse: false,
      },
      {
        kind: 'socket',
        value: 'unix:///run/user/7/podman/podman.sock',
        label: "Podman's socket",
        endpoint: 'unix:///run/user/7/podman/podman.sock',
        state: 'reachable',
        detail: 'Docker 28.1.0',
        inUse: false,
      },
    ]);
    expect(pinged).toHaveLength(3);
  });
});

describe('a ping', () => {
  let silent: Server | undefined;
  afterEach(() => new Promise<void>((done) => (silent ? silent.close(() => done()) : done())));

  it('gives up on an engine that accepts the connection but never answers, and hangs up', async () => {
    // Holds every connection open without a byte back, as a wedged engine or proxy does.
    let hungUp: Promise<void> = Promise.reject(new Error('the ping never connected'));
    hungUp.catch(() => undefined);
    silent = createServer((socket) => {
      hungUp = new Promise((done) => socket.once('close', () => done()));
      socket.resume();
    });
    await new Promise<void>((done) => silent?.listen(0, '127.0.0.1', done));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const target = resolveEngineTarget({
      env: { DOCKER_HOST: `tcp://127.0.0.1:${port}` },
      home,
      platform: 'linux',
      exists: () => false,
    });
    const began = Date.now();
    expect(await pingTarget(target, {}, 300)).toEqual({
      reachable: false,
      reason: 'no answer within 0.3 s',
    });
    expect(Date.now() - began).toBeLessThan(2000);
    // The connection is closed by the ping, not left open until the engine gives up.
    await hungUp;
  });
});

describe('choosing the engine in Settings', () => {
  it('refuses a context that does not exist or an address Docker would not take', async () => {
    const api = createApi({
      engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
      settings: memorySettings(),
      env: { DOCKER_CONFIG: config },
    });
    const session = recordingSession();
    try {
      await expect(
        api.handlers['settings.set']({ patch: { engineEndpoint: 'colimaa' } }, session),
      ).rejects.toThrow(`There is no Docker context "colimaa" in ${config}/contexts`);
      await expect(
        api.handlers['settings.set']({ patch: { engineEndpoint: 'ftp://box' } }, session),
      ).rejects.toThrow('unsupported scheme ftp://');
      const saved = await api.handlers['settings.set'](
        { patch: { engineEndpoint: 'colima' } },
        session,
      );
      expect(saved.engineEndpoint).toBe('colima');
    } finally {
      await api.close();
    }
  });
});
