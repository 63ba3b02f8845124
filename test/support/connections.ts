import WebSocket from 'ws';
import { createApiClient } from '../../src/shared/api/client';
import type { ApiClient } from '../../src/shared/api/contract';
import { createEventClient, type ApiEvents } from '../../src/shared/api/event-client';
import type { ApiEventPayload } from '../../src/shared/api/event-contract';
import type { ApiEventName } from '../../src/shared/api/methods';
import { createWebSocketTransport } from '../../src/renderer/src/api/websocket-transport';

/** A client side of the contract, with every raw frame it received kept for inspection. */
export interface TestConnection {
  api: ApiClient;
  events: ApiEvents;
  /** Every reply and event as it crossed the boundary, serialized. */
  frames: string[];
  /** Sends a request as is, without the client's validation, and returns the reply envelope. */
  raw: (method: string, params: unknown) => Promise<unknown>;
}

/**
 * Connects to `parity serve` with the renderer's own WebSocket transport, over the `ws`
 * client, which speaks the browser's WebSocket API.
 */
export function websocketConnection(
  port: number,
  token: string,
): TestConnection & { close: () => void } {
  const transport = createWebSocketTransport(`ws://127.0.0.1:${port}/api`, token, WebSocket);
  return { ...recorded(transport.invoke, transport.listen), close: transport.close };
}

/** A client over any pair of invoke/listen functions, recording what it receives. */
export function recorded(
  invoke: (method: never, params: unknown) => Promise<unknown>,
  listen: (listener: (frame: unknown) => void) => () => void,
): TestConnection {
  const frames: string[] = [];
  return {
    frames,
    raw: (method, params) => invoke(method as never, params),
    api: createApiClient(async (method, params) => {
      const reply = await invoke(method as never, params);
      frames.push(JSON.stringify(reply));
      return reply;
    }),
    events: createEventClient((listener) =>
      listen((frame) => {
        frames.push(JSON.stringify(frame));
        listener(frame);
      }),
    ),
  };
}

/** Resolves with the first event of that name matching `accept`, from now on. */
export function nextEvent<E extends ApiEventName>(
  events: ApiEvents,
  event: E,
  accept: (payload: ApiEventPayload<E>) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<ApiEventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} event as expected within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = events.on(event, (payload) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}
