/**
 * The names of every API request and pushed event. Kept free of schemas so the sandboxed
 * preload can expose one function per request without bundling the validators.
 */
export const API_METHODS = [
  'engine.status',
  'engine.choices',
  'stacks.list',
  'projects.list',
  'projects.add',
  'projects.remove',
  'projects.get',
  'projects.setStartAtLogin',
  'stack.up',
  'stack.down',
  'stack.stop',
  'stack.restart',
  'service.start',
  'service.stop',
  'service.restart',
  'service.remove',
  'stats.get',
  'logs.subscribe',
  'logs.unsubscribe',
  'drift.get',
  'drift.accept',
  'drift.adoptPreview',
  'drift.adopt',
  'projects.setMirror',
  'actions.run',
  'settings.get',
  'settings.set',
  'traces.edges',
  'traces.reset',
] as const;

/** A request name of the API contract. */
export type ApiMethod = (typeof API_METHODS)[number];

/** Whether a value received from another process names a request of the contract. */
export function isApiMethod(value: unknown): value is ApiMethod {
  return typeof value === 'string' && (API_METHODS as readonly string[]).includes(value);
}

/** The Electron IPC channel that carries one request. */
export function ipcChannel(method: ApiMethod): string {
  return `parity:${method}`;
}

/** The names of the events the core pushes to every window or browser tab. */
export const API_EVENTS = [
  'engine.status',
  'project.changed',
  'project.removed',
  'progress',
  'logs.batch',
  'drift.changed',
  'navigate',
  'traces.changed',
] as const;

/** An event name of the API contract. */
export type ApiEventName = (typeof API_EVENTS)[number];

/** The one Electron IPC channel that carries pushed events to a window. */
export const IPC_EVENT_CHANNEL = 'parity:event';
