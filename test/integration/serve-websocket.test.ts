import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiClient } from '../../src/shared/api/client';
import { WireReplySchema, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../src/shared/api/wire';
import { createApi } from '../../src/main/api/create-api';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { startServer, type RunningServer } from '../../src/main/server/serve';
import {
  connectTestEngine,
  removeProject,
  startLabelledContainer,
  uniqueProjectName,
} from '../support/engine';
import { memorySettings } from '../support/api';

const TOKEN = 'test-token-0123456789';
const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** Opens a socket and resolves when it opens, or with the HTTP status it was refused with. */
function connect(
  port: number,
  options: { token?: string; origin?: string; host?: string } = {},
): Promise<WebSocket | number> {
  const protocols = [WS_PROTOCOL];
  if (options.token !== undefined) protocols.push(WS_TOKEN_PREFIX + options.token);
  const headers: Record<string, string> = {};
  if (options.host) headers.Host = options.host;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, protocols, {
    headers,
    ...(options.origin ? { origin: options.origin } : {}),
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('error', reject);
  });
}

function invokeOver(ws: WebSocket) {
  let nextId = 1;
  return (method: string, params: unknown): Promise<unknown> => {
    const id = nextId++;
    return new Promise((resolve) => {
      const onMessage = (data: Buffer): void => {
        // Pushed events (engine.status, project.changed) share the socket with replies.
        const frame = WireReplySchema.safeParse(JSON.parse(data.toString('utf8')));
        if (!frame.success || frame.data.id !== id) return;
        ws.off('message', onMessage);
        resolve(frame.data.reply);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, params }));
    });
  };
}

describe('parity serve: the WebSocket transport', () => {
  let docker: Docker;
  let server: RunningServer;
  const project = uniqueProjectName('parity-it-ws');

  beforeAll(async () => {
    docker = await connectTestEngine();
    await startLabelledContainer(docker, project, 'web');
    server = await startServer({
      api: createApi({
        engine: DockerEngine.fromEnvironment(),
        settings: memorySettings(),
        env: process.env,
      }),
      rendererDir: RENDERER_DIR,
      port: 0,
      token: TOKEN,
    });
  });
  afterAll(async () => {
    await server?.close();
    if (docker) await removeProject(docker, project);
  });

  it('answers the contract to a client with the token', async () => {
    const ws = await connect(server.port, { token: TOKEN });
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    const client = createApiClient(invokeOver(ws));
    const list = await client['stacks.list']({});
    ws.close();
    expect(list.engine).toBe('reachable');
    if (list.engine !== 'reachable') return;
    expect(list.stacks.find((stack) => stack.project === project)?.containers[0]?.service).toBe(
      'web',
    );
  });

  it('refuses a client without the token, or with a wrong one', async () => {
    expect(await connect(server.port)).toBe(401);
    expect(await connect(server.port, { token: 'guess' })).toBe(401);
  });

  it('refuses a page from another origin even with the token', async () => {
    expect(await connect(server.port, { token: TOKEN, origin: 'http://evil.example' })).toBe(403);
  });

  it('refuses a foreign Host name (DNS rebinding), for pages and sockets', async () => {
    expect(await connect(server.port, { token: TOKEN, host: `evil.example:${server.port}` })).toBe(
      421,
    );
    // fetch() may not set Host; node:http may.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/',
          headers: { Host: `evil.example:${server.port}` },
        },
        (response) => resolve(response.resume().statusCode),
      ).on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('closes the socket on a frame that is not a request', async () => {
    const ws = await connect(server.port, { token: TOKEN });
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    const closed = new Promise<[number, string]>((resolve) =>
      ws.once('close', (code, reason) => resolve([code, reason.toString()])),
    );
    ws.send('{"hello": "world"}');
    expect(await closed).toEqual([
      1008,
      'Malformed request: expected {id, method, params} as JSON text',
    ]);
  });

  it('closes a socket that sends an oversized frame, and keeps serving the others', async () => {
    const bystander = await connect(server.port, { token: TOKEN });
    const ws = await connect(server.port, { token: TOKEN });
    if (typeof ws === 'number' || typeof bystander === 'number') throw new Error('refused');
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ id: 1, method: 'stacks.list', params: { pad: 'x'.repeat(2 << 20) } }));
    expect(await closed).toBe(1009);
    const list = await createApiClient(invokeOver(bystander))['stacks.list']({});
    bystander.close();
    expect(list.engine).toBe('reachable');
  });

  it('answers an unknown request with an error naming it', async () => {
    const ws = await connect(server.port, { token: TOKEN });
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    const reply = await invokeOver(ws)('engine.prune', {});
    ws.close();
    expect(reply).toEqual({
      error: { name: 'InvalidRequestError', message: 'Unknown request "engine.prune"' },
    });
  });

  it('serves the built UI with a strict Content-Security-Policy and nothing outside it', async () => {
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<div id="root">');
    const escape = await fetch(`http://127.0.0.1:${server.port}/..%2f..%2fpackage.json`);
    expect(escape.status).toBe(404);
  });
});
