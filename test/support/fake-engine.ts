import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How the fake engine answers: `starting` as Docker Desktop does while "Starting the Docker
 * Engine" (HTTP 500 to everything), `hang` never answers, `ok` answers like an empty engine.
 */
export type FakeEngineMode = 'starting' | 'hang' | 'ok';

/** A Docker Engine API on a unix socket, for the edges a real engine cannot be made to show. */
export interface FakeEngine {
  /** `unix:///…/docker.sock`, as Settings or DOCKER_HOST take it. */
  endpoint: string;
  /** The requests seen, as `GET /_ping` (API version prefix dropped). */
  requests: string[];
  setMode(mode: FakeEngineMode): void;
  close(): Promise<void>;
}

/** Starts a fake engine in `mode` on a socket of its own. */
export async function startFakeEngine(mode: FakeEngineMode): Promise<FakeEngine> {
  const socket = join(mkdtempSync(join(tmpdir(), 'parity-fake-engine-')), 'docker.sock');
  const requests: string[] = [];
  const held = new Set<ServerResponse>();
  let current = mode;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').replace(/^\/v\d+\.\d+/, '').split('?')[0] ?? '/';
    requests.push(`${request.method ?? 'GET'} ${path}`);
    if (current === 'hang') {
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    if (current === 'starting') {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Starting the Docker Engine' }));
      return;
    }
    answerOk(path, response, held);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    endpoint: `unix://${socket}`,
    requests,
    setMode: (next) => {
      current = next;
      // A stream held open by the old mode breaks, as when an engine restarts.
      for (const response of held) response.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// An engine with no containers: enough for the status probe, the lists and the event stream.
function answerOk(path: string, response: ServerResponse, held: Set<ServerResponse>): void {
  const json = (body: unknown): void => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (path === '/_ping') {
    response.writeHead(200, { 'content-type': 'text/plain', 'api-version': '1.41' });
    response.end('OK');
  } else if (path === '/version') json({ Version: '20.10.24', ApiVersion: '1.41' });
  else if (path === '/containers/json' || path === '/images/json' || path === '/networks') {
    json([]);
  } else if (path === '/events') {
    // Held open, as the engine's event stream is.
    response.writeHead(200, { 'content-type': 'application/json' });
    response.flushHeaders();
    held.add(response);
    response.on('close', () => held.delete(response));
  } else {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: `page not found: ${path}` }));
  }
}
