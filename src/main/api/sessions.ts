import { randomUUID } from 'node:crypto';
import type { ApiSession } from '../../shared/api/contract';
import type { ApiEvent } from '../../shared/api/event-contract';

/** A session as its transport holds it: the API's view of it, and how to end it. */
export interface OpenSession {
  session: ApiSession;
  /** The window or socket went away: runs the session's cleanups (its log streams end). */
  close: () => void;
}

/**
 * The connected windows and tabs. Every transport opens a session per connection; the API
 * broadcasts state events to all of them and sends log lines to the one that asked.
 */
export class SessionHub {
  private readonly sessions = new Set<(event: ApiEvent) => void>();

  /** Registers a connection; `send` delivers one event frame to it. */
  open(send: (event: ApiEvent) => void): OpenSession {
    const cleanups = new Set<() => void>();
    let closed = false;
    const emit = (event: ApiEvent): void => {
      if (!closed) send(event);
    };
    this.sessions.add(emit);
    return {
      session: {
        id: randomUUID(),
        emit,
        onClose: (cleanup) => {
          if (closed) cleanup();
          else cleanups.add(cleanup);
        },
      },
      close: () => {
        if (closed) return;
        closed = true;
        this.sessions.delete(emit);
        for (const cleanup of cleanups) cleanup();
      },
    };
  }

  /** Sends an event to every connection. */
  broadcast(event: ApiEvent): void {
    for (const emit of this.sessions) emit(event);
  }
}
