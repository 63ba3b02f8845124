import {
  apiEvents,
  EventFrameSchema,
  fastEventParsers,
  type ApiEventPayload,
} from './event-contract';
import { API_EVENTS, type ApiEventName } from './methods';

/** Subscribes to the raw event frames a transport receives; returns the unsubscribe. */
export type ListenRaw = (listener: (frame: unknown) => void) => () => void;

/** Typed, validated events for the renderer (and tests). */
export interface ApiEvents {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
}

/**
 * Builds the typed event client over any transport. Every frame is validated here, at the
 * receiver; one the contract does not describe is dropped with a warning, never delivered.
 */
export function createEventClient(listen: ListenRaw): ApiEvents {
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>();
  listen((raw) => {
    const frame = EventFrameSchema.safeParse(raw);
    const name = frame.success ? frame.data.event : null;
    if (!frame.success || !(API_EVENTS as readonly (string | null)[]).includes(name)) {
      console.warn('Parity: dropped an event frame the contract does not describe');
      return;
    }
    const event = frame.data.event as ApiEventName;
    // The fast validator where there is one (a log flood), else (or if it declines) the schema.
    let data: unknown = fastEventParsers[event]?.(frame.data.payload) ?? null;
    if (data === null) {
      const payload = apiEvents[event].safeParse(frame.data.payload);
      if (!payload.success) {
        console.warn(`Parity: dropped a malformed ${event} event`);
        return;
      }
      data = payload.data;
    }
    for (const listener of listeners.get(event) ?? []) listener(data as never);
  });
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
