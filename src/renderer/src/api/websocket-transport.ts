import type { Invoke } from '../../../shared/api/client';
import type { ListenRaw } from '../../../shared/api/event-client';
import { WireReplySchema, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../../shared/api/wire';
import { decodeEventFrame } from '../../../shared/api/wire-events';

const REQUEST_TIMEOUT_MS = 30_000;
const RECONNECT_MS = 1000;

interface Pending {
  resolve(reply: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** The part of the browser's WebSocket this transport uses (the `ws` package has it too). */
// Handlers take `never` so that both the DOM's and ws's typings fit; each assignment below
// declares what it reads of its event.
interface SocketLike {
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(): void;
}
type SocketConstructor = new (url: string, protocols: string[]) => SocketLike;

/** Requests and events over one WebSocket to `parity serve`. */
export interface WebSocketTransport {
  invoke: Invoke;
  listen: ListenRaw;
  /** Closes the socket for good: no reconnecting. */
  close: () => void;
}

/**
 * One WebSocket, opened on first use. While anyone listens for events it is reopened after
 * it closes (serve restarted, laptop slept), so events resume without a reload.
 */
export function createWebSocketTransport(
  url: string,
  token: string,
  Socket: SocketConstructor,
): WebSocketTransport {
  let socket: Promise<SocketLike> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(frame: unknown) => void>();

  const failAll = (error: Error): void => {
    for (const [id, request] of pending) {
      clearTimeout(request.timer);
      request.reject(error);
      pending.delete(id);
    }
  };

  const onFrame = (text: string): void => {
    let data: unknown;
    try {
      // A packed logs.batch becomes the contract's {event, payload} frame here.
      data = decodeEventFrame(JSON.parse(text));
    } catch {
      return;
    }
    // A frame naming an event is not a reply (a reply is {id, reply} exactly): it goes to the
    // event client, which validates it, without first failing to parse as a reply (a failed
    // parse builds its issues, a cost per frame in a log flood).
    const isEvent = typeof data === 'object' && data !== null && 'event' in data;
    const reply = isEvent ? null : WireReplySchema.safeParse(data);
    if (!reply?.success) {
      // Not a reply: an event frame, validated by the event client.
      for (const listener of listeners) listener(data);
      return;
    }
    const request = pending.get(reply.data.id);
    if (!request) return;
    pending.delete(reply.data.id);
    clearTimeout(request.timer);
    request.resolve(reply.data.reply);
  };

  const open = (): Promise<SocketLike> =>
    new Promise((resolve, reject) => {
      const ws = new Socket(url, [WS_PROTOCOL, WS_TOKEN_PREFIX + token]);
      ws.onopen = () => resolve(ws);
      // A failure is followed by close, which says what happened; nothing to add here.
      ws.onerror = () => undefined;
      ws.onmessage = (event: { data: unknown }) => onFrame(String(event.data));
      ws.onclose = (event: { reason: string }) => {
        socket = null;
        const error = new Error(
          `Lost the connection to parity serve${event.reason ? `: ${event.reason}` : ''}`,
        );
        reject(error);
        failAll(error);
        // A failed reopen closes too, so this retries until serve is back.
        if (listeners.size > 0 && !closed) setTimeout(() => void connect(), RECONNECT_MS);
      };
    });

  let closed = false;
  const connect = (): Promise<SocketLike> => {
    if (closed) return Promise.reject(new Error('The connection to parity serve was closed'));
    socket ??= open();
    socket.catch(() => undefined);
    return socket;
  };

  const invoke: Invoke = async (method, params) => {
    const ws = await connect();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} got no answer in ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify({ id, method, params }));
    });
  };

  const listen: ListenRaw = (listener) => {
    listeners.add(listener);
    void connect();
    return () => listeners.delete(listener);
  };

  const close = (): void => {
    closed = true;
    void socket?.then((ws) => ws.close()).catch(() => undefined);
  };

  return { invoke, listen, close };
}
