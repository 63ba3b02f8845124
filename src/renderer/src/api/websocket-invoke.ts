import type { Invoke } from '../../../shared/api/client';
import { WireReplySchema, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../../shared/api/wire';

const TOKEN_KEY = 'parity.token';
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Reads the session token `parity serve` put in the address (#token=...), keeps it for this
 * tab only and removes it from the address bar, so it is not shared by a copied link.
 */
export function takeSessionToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

interface Pending {
  resolve(reply: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Requests over one WebSocket, opened on first use and reopened after it closes. */
export function createWebSocketInvoke(url: string, token: string): Invoke {
  let socket: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error): void => {
    for (const [id, request] of pending) {
      clearTimeout(request.timer);
      request.reject(error);
      pending.delete(id);
    }
  };

  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url, [WS_PROTOCOL, WS_TOKEN_PREFIX + token]);
      ws.onopen = () => resolve(ws);
      ws.onmessage = (event: MessageEvent) => {
        const frame = WireReplySchema.safeParse(JSON.parse(String(event.data)));
        if (!frame.success) return;
        const request = pending.get(frame.data.id);
        if (!request) return;
        pending.delete(frame.data.id);
        clearTimeout(request.timer);
        request.resolve(frame.data.reply);
      };
      ws.onclose = (event: CloseEvent) => {
        socket = null;
        const error = new Error(
          `Lost the connection to parity serve${event.reason ? `: ${event.reason}` : ''}`,
        );
        reject(error);
        failAll(error);
      };
    });

  return async (method, params) => {
    socket ??= open();
    const ws = await socket;
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
}
