import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyEncodingError, BodyTooLargeError, readBody } from './read-body';
import { MalformedSpansError, type Span } from './span';
import { OTLP_PATH, routeOf, ZIPKIN_PATH } from './span-routes';
import { isLocalContainerPeer } from './container-bridges';
import { exportResponseProtobuf } from './otlp-proto';
import { listen } from '../server/listen';

/** Where spans go once read, with the sender's address (the answer waits for it to take them). */
export interface SpanSink {
  add(spans: readonly Span[], sender?: string): void | Promise<void>;
}

/** How the receiver listens. */
export interface ReceiverOptions {
  sink: SpanSink;
  /** The ports to try first: Zipkin's 9411 and OTLP/HTTP's 4318; taken ones fall back to any free one. */
  ports?: { zipkin: number; otlp: number };
  /**
   * Another address to listen on beside 127.0.0.1: the container bridge's (see
   * container-bridges.ts), so containers reach the receiver through host.docker.internal.
   */
  bridgeAddress?: string | null;
  /** The largest body accepted, after gunzip (4 MiB). */
  maxBodyBytes?: number;
}

/** A running receiver: its loopback URLs, and the bridge address when it listens there too. */
export interface RunningReceiver {
  zipkinPort: number;
  otlpPort: number;
  zipkinUrl: string;
  otlpUrl: string;
  /** The bridge address it also listens on, or null (with why in `bridgeProblem`). */
  bridgeAddress: string | null;
  bridgeProblem: string | null;
  close(): Promise<void>;
}

const MAX_BODY = 4 * 1024 * 1024;
const REJECTED = 'spans without ids or service.name';

/**
 * The span receiver: Zipkin v2 JSON and OTLP/HTTP JSON, on 127.0.0.1 (and on the container
 * bridge's address, where peers must be local containers). Nothing a sender does reaches
 * further than its own reply: oversized bodies get 413, malformed ones 400, and every error
 * is answered, never thrown.
 */
export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const limit = options.maxBodyBytes ?? MAX_BODY;
  const preferred = options.ports ?? { zipkin: 9411, otlp: 4318 };
  const servers: Server[] = [];
  const start = async (port: number): Promise<number> => {
    const server = spanServer(options.sink, limit);
    servers.push(server);
    return listenPreferring(server, port, '127.0.0.1');
  };
  const zipkinPort = await start(preferred.zipkin);
  const otlpPort = await start(preferred.otlp);
  let bridgeAddress = options.bridgeAddress ?? null;
  let bridgeProblem: string | null = bridgeAddress === null ? 'no container bridge here' : null;
  if (bridgeAddress !== null) {
    try {
      for (const port of [zipkinPort, otlpPort]) {
        const server = spanServer(options.sink, limit, true);
        servers.push(server);
        await listen(server, port, bridgeAddress);
      }
    } catch (error) {
      bridgeProblem = `cannot listen on ${bridgeAddress}: ${(error as Error).message}`;
      bridgeAddress = null;
    }
  }
  return {
    zipkinPort,
    otlpPort,
    zipkinUrl: `http://127.0.0.1:${zipkinPort}${ZIPKIN_PATH}`,
    otlpUrl: `http://127.0.0.1:${otlpPort}${OTLP_PATH}`,
    bridgeAddress,
    bridgeProblem,
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}

function spanServer(sink: SpanSink, limit: number, checkPeer = false): Server {
  const server = createServer((request, response) => {
    if (checkPeer && !isLocalContainerPeer(request.socket.remoteAddress)) {
      refuseAndClose(
        request,
        response,
        403,
        'spans are accepted from this machine and its containers only\n',
      );
      return;
    }
    handle(sink, limit, request, response).catch((error: unknown) => {
      answer(response, 500, `the spans could not be taken: ${String(error)}\n`);
    });
  });
  // A slow or broken sender holds a socket for seconds, not forever.
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.maxConnections = 128;
  server.on('clientError', (_error, socket) => socket.destroy());
  return server;
}

async function handle(
  sink: SpanSink,
  limit: number,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const route = routeOf(request);
  if (route.kind === 'refuse') {
    if (route.allow) response.setHeader('Allow', route.allow);
    answer(response, route.status, `${route.message}\n`);
    request.resume();
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return refuseAndClose(request, response, 413, `${error.message}\n`);
    }
    if (error instanceof BodyEncodingError)
      return answer(response, error.status, `${error.message}\n`);
    throw error;
  }
  try {
    const { spans, rejected } = route.parse(body);
    await sink.add(spans, request.socket.remoteAddress);
    if (route.format === 'zipkin') return answer(response, 202, '');
    // OTLP's answer: an ExportTraceServiceResponse, in the request's encoding, with the spans
    // left out counted when some were.
    if (route.format === 'otlp-protobuf') {
      return answer(
        response,
        200,
        exportResponseProtobuf(rejected, REJECTED),
        'application/x-protobuf',
      );
    }
    const partial =
      rejected > 0
        ? { partialSuccess: { rejectedSpans: String(rejected), errorMessage: REJECTED } }
        : {};
    answer(response, 200, JSON.stringify(partial), 'application/json');
  } catch (error) {
    if (error instanceof MalformedSpansError) return answer(response, 400, `${error.message}\n`);
    throw error;
  }
}

// The rest of an unwanted body is not read: the socket closes once the answer is out.
function refuseAndClose(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: string,
): void {
  response.setHeader('Connection', 'close');
  response.once('finish', () => request.destroy());
  answer(response, status, body);
}

function answer(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain',
): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, {
    'Content-Type': type.startsWith('text/') ? `${type}; charset=utf-8` : type,
  });
  response.end(body);
}

// The well-known port when it is free, else any free one: two Paritys, or a Zipkin already
// running, never stop the receiver from starting.
async function listenPreferring(server: Server, port: number, host: string): Promise<number> {
  try {
    await listen(server, port, host);
  } catch (error) {
    if (port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await listen(server, 0, host);
  }
  return (server.address() as AddressInfo).port;
}
