import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WireRequestSchema, WS_PROTOCOL, type WireReply } from '../../shared/api/wire';
import type { ParityApi } from '../api/create-api';
import { dispatch } from '../api/dispatch';
import { createSocketSender } from './socket-sender';
import { isAllowedHost, isAllowedOrigin, tokenFromProtocols, tokensMatch } from './request-guards';

const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Options of the WebSocket transport of `parity serve`. */
export interface WebSocketApiOptions {
  api: Pick<ParityApi, 'handlers' | 'sessions'>;
  token: string;
  port: () => number;
}

/**
 * The WebSocket transport of the API contract. Every upgrade is checked (Host, Origin,
 * token) before a socket exists; every frame is validated before it reaches the API.
 */
export function createWebSocketApi(options: WebSocketApiOptions) {
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  server.on('connection', (socket) => serveSocket(socket, options.api));

  return {
    /** Handles an HTTP upgrade request, refusing it with a clear status when not allowed. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const refusal = refusalOf(request, options);
      if (refusal) {
        socket.end(
          `HTTP/1.1 ${refusal.status} ${refusal.text}\r\nContent-Type: text/plain\r\n` +
            `Connection: close\r\n\r\n${refusal.text}\n`,
        );
        return;
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    close(): void {
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}

function refusalOf(
  request: IncomingMessage,
  { token, port }: WebSocketApiOptions,
): { status: number; text: string } | null {
  if (!isAllowedHost(request.headers.host, port())) {
    return { status: 421, text: 'Misdirected Request: Host must be a loopback name' };
  }
  if (!isAllowedOrigin(request.headers.origin, port())) {
    return { status: 403, text: 'Forbidden: Origin is not this server' };
  }
  const protocols = request.headers['sec-websocket-protocol'];
  if (!tokensMatch(tokenFromProtocols(protocols), token)) {
    return { status: 401, text: 'Unauthorized: a valid session token is required' };
  }
  if (!protocols?.split(',').some((p) => p.trim() === WS_PROTOCOL)) {
    return { status: 400, text: `Bad Request: subprotocol ${WS_PROTOCOL} is required` };
  }
  return null;
}

function serveSocket(socket: WebSocket, api: WebSocketApiOptions['api']): void {
  // Events go out as {event, payload} (logs.batch packed, see wire-events.ts), log batches
  // dropped while the socket is backed up (socket-sender.ts); replies as {id, reply}.
  const sender = createSocketSender(socket);
  const { session, close } = api.sessions.open(sender.send);
  socket.on('close', () => {
    sender.close();
    close();
  });
  // ws has closed the socket already (1009 for an oversized frame, 1002 for a bad one); an
  // error left unhandled here would end the whole server.
  socket.on('error', () => undefined);
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const request = isBinary ? null : parseRequest(data);
    if (request === null) {
      socket.close(1008, 'Malformed request: expected {id, method, params} as JSON text');
      return;
    }
    void dispatch(api.handlers, request.method, request.params, session).then((reply) => {
      const frame: WireReply = { id: request.id, reply };
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    });
  });
}

function parseRequest(data: RawData) {
  try {
    const parsed = WireRequestSchema.safeParse(JSON.parse(rawText(data)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : new TextDecoder().decode(data);
}
