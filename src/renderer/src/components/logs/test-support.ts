// For component tests: the real typed clients (createApiClient, createEventClient) over a
// transport whose replies and pushed events the test scripts, and animation frames that run
// when the test says.
import type { z } from 'zod';
import type { apiContract, ApiResult } from '../../../../shared/api/contract';
import { createApiClient } from '../../../../shared/api/client';
import { encodeError } from '../../../../shared/api/envelope';
import type { ApiEventPayload } from '../../../../shared/api/event-contract';
import { createEventClient } from '../../../../shared/api/event-client';
import type { ApiEventName, ApiMethod } from '../../../../shared/api/methods';
import type { Connection } from '../../api/connect-api';
import type { Scheduler } from './log-feed';

/** How the scripted core answers each request; a request without a handler fails. */
export type ScriptedHandlers = {
  [M in ApiMethod]?: (
    params: z.output<(typeof apiContract)[M]['params']>,
  ) => ApiResult<M> | Promise<ApiResult<M>>;
};

/** A connection to a scripted core, with the requests it received and a way to push events. */
export interface ScriptedConnection {
  connection: Connection;
  calls: Array<{ method: ApiMethod; params: unknown }>;
  emit<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void;
}

/** Builds a connection whose requests go to `handlers` and whose events the test pushes. */
export function scriptedConnection(handlers: ScriptedHandlers): ScriptedConnection {
  const calls: ScriptedConnection['calls'] = [];
  const listeners = new Set<(frame: unknown) => void>();
  const api = createApiClient(async (method, params) => {
    calls.push({ method, params });
    const handler = handlers[method] as ((p: unknown) => unknown) | undefined;
    if (!handler) return { error: { name: 'NotScripted', message: `no reply for ${method}` } };
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
    emit(event, payload) {
      // Frames cross the transport as plain data, as JSON would carry them.
      const frame: unknown = JSON.parse(JSON.stringify({ event, payload }));
      for (const listener of listeners) listener(frame);
    },
  };
}

/** A scheduler whose frames run when the test says. */
export function manualFrames(): { schedule: Scheduler; run: () => void; pending: () => number } {
  let queued: Array<() => void> = [];
  return {
    schedule: (flush) => {
      queued.push(flush);
      return () => {
        queued = queued.filter((f) => f !== flush);
      };
    },
    run: () => {
      const now = queued;
      queued = [];
      for (const flush of now) flush();
    },
    pending: () => queued.length,
  };
}
