import type { Readable } from 'node:stream';

/** A container event as the engine reports it on /events. */
export interface ContainerEvent {
  /** start, die, health_status: healthy, destroy, ... */
  action: string;
  id: string;
  attributes: Record<string, string>;
  timeNano: number;
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

function toContainerEvent(line: string): ContainerEvent | null {
  try {
    const raw = JSON.parse(line) as {
      Type?: string;
      Action?: string;
      Actor?: { ID?: string; Attributes?: Record<string, string> };
      timeNano?: number;
    };
    if (raw.Type !== 'container' || !raw.Action || !raw.Actor?.ID) return null;
    return {
      action: raw.Action,
      id: raw.Actor.ID,
      attributes: raw.Actor.Attributes ?? {},
      timeNano: raw.timeNano ?? 0,
    };
  } catch {
    return null;
  }
}
