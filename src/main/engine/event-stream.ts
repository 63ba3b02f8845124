import type { Readable } from 'node:stream';
import { COMPOSE_LABEL } from './compose-labels';

/** A container event as the engine reports it on /events. */
export interface ContainerEvent {
  /** start, die, health_status: healthy, destroy, ... */
  action: string;
  id: string;
  attributes: Record<string, string>;
  /** Nanoseconds since the epoch, rounded: a JSON number cannot hold them exactly. */
  timeNano: number;
  /**
   * The exact event time as a normalized timestamp (UTC, nine fraction digits), so that it
   * orders as a string and gives a `since` that repeats no more than this very event.
   */
  time: string;
}

/** Splits the engine's newline-delimited JSON event stream, keeping partial lines for later. */
export function parseEventStream(stream: Readable, onEvent: (event: ContainerEvent) => void): void {
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) {
        const event = toContainerEvent(line);
        if (event) onEvent(event);
      }
      newline = pending.indexOf('\n');
    }
  });
}

// The engine writes timeNano last; read from the text, it keeps every digit.
const TIME_NANO = /"timeNano":\s*(\d{10,})\s*}$/;

function toContainerEvent(line: string): ContainerEvent | null {
  try {
    const raw = JSON.parse(line) as {
      Type?: string;
      Action?: string;
      Actor?: { ID?: string; Attributes?: Record<string, string> };
      time?: number;
      timeNano?: number;
    };
    if (raw.Type !== 'container' || !raw.Action || !raw.Actor?.ID) return null;
    const nanos =
      TIME_NANO.exec(line)?.[1] ??
      (raw.timeNano ? BigInt(Math.trunc(raw.timeNano)).toString() : `${raw.time ?? 0}000000000`);
    return {
      action: raw.Action,
      id: raw.Actor.ID,
      attributes: raw.Actor.Attributes ?? {},
      timeNano: raw.timeNano ?? 0,
      time: nanosToTimestamp(nanos),
    };
  } catch {
    return null;
  }
}

/** Decimal nanoseconds since the epoch as a normalized timestamp. */
export function nanosToTimestamp(nanos: string): string {
  const digits = nanos.padStart(10, '0');
  const seconds = Number(digits.slice(0, -9));
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${digits.slice(-9)}Z`;
}

// What a container's life looks like on /events; the rest (exec, attach, ...) is noise here.
const LIFECYCLE_ACTIONS = [
  'create',
  'start',
  'restart',
  'stop',
  'kill',
  'die',
  'oom',
  'pause',
  'unpause',
  'destroy',
  'rename',
  'update',
  'health_status',
] as const;

/** The /events query for every Compose-labelled container's lifecycle, from `since` when given. */
export function composeEventsQuery(since?: string): Record<string, unknown> {
  return {
    ...(since === undefined ? {} : { since }),
    filters: {
      type: ['container'],
      event: [...LIFECYCLE_ACTIONS],
      label: [COMPOSE_LABEL.project],
    },
  };
}
