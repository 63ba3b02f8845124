/**
 * The names of every API request. Kept free of schemas so the sandboxed preload can expose one
 * function per request without bundling the validators.
 */
export const API_METHODS = ['stacks.list'] as const;

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
