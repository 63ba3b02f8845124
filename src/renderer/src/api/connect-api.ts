import type { ApiClient } from '../../../shared/api/contract';
import { createApiClient } from '../../../shared/api/client';
import type { ParityBridge } from '../../../shared/api/bridge';
import { createEventClient, type ApiEvents } from '../../../shared/api/event-client';
import { takeSessionToken } from './session-token';
import { createWebSocketTransport } from './websocket-transport';

declare global {
  interface Window {
    /** Present inside the Electron app, exposed by the preload. */
    parity?: ParityBridge;
  }
}

/** The page's way to the core: typed requests and typed events. */
export interface Connection {
  api: ApiClient;
  events: ApiEvents;
}

/** The connection for wherever this page runs: Electron IPC in the app, WebSocket in a browser. */
export function connectApi(): Connection {
  const bridge = window.parity;
  if (bridge) {
    return {
      api: createApiClient((method, params) => bridge.invoke(method, params)),
      events: createEventClient((listener) => bridge.onEvent(listener)),
    };
  }
  const url = new URL('/api', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = createWebSocketTransport(url.toString(), takeSessionToken(), WebSocket);
  return { api: createApiClient(transport.invoke), events: createEventClient(transport.listen) };
}
