// Test support for the renderer's component tests: the real typed client and event client over
// a scripted transport, so every request and event is validated by the contract as in the app.
import type { ApiParams, ApiResult } from '../../../shared/api/contract';
import { createApiClient } from '../../../shared/api/client';
import { encodeError } from '../../../shared/api/envelope';
import { createEventClient } from '../../../shared/api/event-client';
import type { ApiEventPayload } from '../../../shared/api/event-contract';
import type { ApiEventName, ApiMethod } from '../../../shared/api/methods';
import { defaultSettings } from '../../../shared/settings';
import type { Connection } from '../api/connect-api';

/** How the fake core answers each request; a missing one answers NotScriptedError. */
export type FakeHandlers = {
  [M in ApiMethod]?: (params: ApiParams<M>) => ApiResult<M> | Promise<ApiResult<M>>;
};

/** One request the page sent. */
export interface FakeCall {
  method: ApiMethod;
  params: unknown;
}

/** A Connection for tests, with what it was asked and a way to push events. */
export interface FakeConnection {
  connection: Connection;
  calls: FakeCall[];
  /** The params of every call of one method, in order. */
  callsOf<M extends ApiMethod>(method: M): ApiParams<M>[];
  /** Pushes an event as the core would; it is validated like a real one. */
  emit<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void;
  /** Replaces or adds handlers. */
  script(handlers: FakeHandlers): void;
}

/** An error as the core throws it, with its name kept across the boundary. */
export function apiError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

const DEFAULTS: FakeHandlers = {
  'engine.status': () => ({
    reachable: true,
    endpoint: 'unix:///var/run/docker.sock',
    version: '28.0.0',
  }),
  'engine.choices': () => ({ inUse: null, choices: [] }),
  'projects.list': () => [],
  'settings.get': () => defaultSettings(),
};

/** A fake core answering from `handlers` (and harmless defaults for status, list and settings). */
export function fakeConnection(handlers: FakeHandlers = {}): FakeConnection {
  const scripted: FakeHandlers = { ...DEFAULTS, ...handlers };
  const calls: FakeCall[] = [];
  const listeners = new Set<(frame: unknown) => void>();
  const api = createApiClient(async (method, params) => {
    calls.push({ method, params });
    const handler = scripted[method] as ((params: unknown) => unknown) | undefined;
    if (!handler) return encodeError(apiError('NotScriptedError', `${method} is not scripted`));
    try {
      return { result: await handler(params) };
    } catch (error) {
      return encodeError(error);
    }
  });
  const events = createEventClient((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
  return {
    connection: { api, events },
    calls,
    callsOf: <M extends ApiMethod>(method: M) =>
      calls.filter((c) => c.method === method).map((c) => c.params as ApiParams<M>),
    emit(event, payload) {
      for (const listener of [...listeners]) listener({ event, payload });
    },
    script(more) {
      Object.assign(scripted, more);
    },
  };
}
