import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WS_PATH } from '../../shared/api/wire';
import type { ParityApi } from '../api/create-api';
import { isAllowedHost, isLoopbackAddress } from './request-guards';
import { reply, serveStatic } from './static-files';
import { createWebSocketApi } from './websocket-api';
import { listen } from './listen';

/** What `parity serve` needs to run. */
export interface ServeOptions {
  api: Pick<ParityApi, 'handlers' | 'sessions'>;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** A fixed token for tests; a random one otherwise. */
  token?: string;
}

/** A running `parity serve`. */
export interface RunningServer {
  /** The address to open, token included (in the fragment, so it never reaches a log). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Thrown when asked to listen anywhere but on loopback. */
export class NotLoopbackError extends Error {
  override readonly name = 'NotLoopbackError';
}

/** Serves the renderer and the API contract over HTTP + WebSocket on a loopback address. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackAddress(host)) {
    throw new NotLoopbackError(
      `parity serve listens on loopback only (127.0.0.1, ::1, localhost), not ${host}; ` +
        'reach it from elsewhere through an SSH tunnel',
    );
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const api = createWebSocketApi({ api: options.api, token, port: () => port });

  const server = createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, port)) {
      reply(response, 421, 'Misdirected Request: Host must be a loopback name\n');
      return;
    }
    serveStatic(options.rendererDir, request, response).catch(() => {
      if (!response.headersSent) reply(response, 500, 'Internal error\n');
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://x').pathname !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    api.handleUpgrade(request, socket, head);
  });

  await listen(server, options.port ?? 0, host);
  port = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;
  return {
    url: `http://${urlHost}:${port}/#token=${token}`,
    port,
    close: async () => {
      api.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
