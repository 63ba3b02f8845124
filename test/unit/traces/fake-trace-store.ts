import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake Zipkin or Jaeger query API on an ephemeral loopback port, answering as told. */
export interface FakeStore {
  port: number;
  /** Every path (with query) asked, in order. */
  asked: string[];
  close(): Promise<void>;
}

/** What the fake answers a request with. */
export type Answer = (request: IncomingMessage, response: ServerResponse) => void;

/** Answers `body` as JSON with status 200 (or `status`). */
export function json(body: unknown, status = 200): Answer {
  return (_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** Starts a store whose answer for each path (without query) comes from `routes`. */
export async function startFakeStore(routes: Record<string, Answer>): Promise<FakeStore> {
  const asked: string[] = [];
  const server: Server = createServer((request, response) => {
    asked.push(request.url ?? '');
    const route = routes[(request.url ?? '').split('?')[0] ?? ''];
    if (route) return route(request, response);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    asked,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A trace as Zipkin's /api/v2/traces lists it: shop calls stock (client and server halves). */
export function zipkinTrace(n: number, status = '200'): object[] {
  const trace = `5a${n.toString(16).padStart(14, '0')}`;
  const client = `c${n.toString(16).padStart(15, '0')}`;
  return [
    {
      traceId: trace,
      id: client,
      kind: 'CLIENT',
      name: 'get /items',
      timestamp: 1_765_000_000_000_000,
      duration: 12_000,
      localEndpoint: { serviceName: 'shop', ipv4: '172.18.0.3' },
      tags: { 'http.method': 'GET', 'http.path': '/items', 'http.status_code': status },
    },
    {
      traceId: trace,
      parentId: client,
      id: `d${n.toString(16).padStart(15, '0')}`,
      kind: 'SERVER',
      name: 'get /items',
      timestamp: 1_765_000_000_001_000,
      duration: 9_000,
      localEndpoint: { serviceName: 'stock', ipv4: '172.18.0.4' },
      remoteEndpoint: { ipv4: '172.18.0.3', port: 41234 },
      tags: { 'http.method': 'GET', 'http.path': '/items', 'http.status_code': status },
    },
  ];
}
