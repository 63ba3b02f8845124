import type { ApiClient } from '../../../shared/api/contract';
import { createApiClient } from '../../../shared/api/client';
import type { ParityBridge } from '../../../shared/api/bridge';
import { createWebSocketInvoke, takeSessionToken } from './websocket-invoke';

declare global {
  interface Window {
    /** Present inside the Electron app, exposed by the preload. */
    parity?: ParityBridge;
  }
}

/** The API client for wherever this page runs: Electron IPC in the app, WebSocket in a browser. */
export function connectApi(): ApiClient {
  const bridge = window.parity;
  if (bridge) return createApiClient((method, params) => bridge.invoke(method, params));
  const url = new URL('/api', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return createApiClient(createWebSocketInvoke(url.toString(), takeSessionToken()));
}
