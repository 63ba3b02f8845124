import type { ApiEvent } from '../../shared/api/event-contract';
import { encodeEventFrame } from '../../shared/api/wire-events';

/** Bytes queued on a socket past which log lines are dropped instead of queued. */
export const LOG_HIGH_WATER = 1024 * 1024;
/** Queued bytes below which dropped log streams resume, with the count of what was dropped. */
export const LOG_LOW_WATER = 256 * 1024;
const DRAIN_CHECK_MS = 50;

/** What the sender needs of a socket (ws's WebSocket). */
export interface SendingSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  readonly OPEN: number;
  send(data: string): void;
}

/**
 * Sends a session's events on a socket with backpressure. A window that reads slower than a
 * log flood arrives (a slow link, a busy tab) would have the server queue every line for it,
 * without bound: past LOG_HIGH_WATER bytes queued, log batches are dropped and counted per
 * subscription; once the queue drains below LOG_LOW_WATER the stream resumes with a batch
 * carrying `dropped`, which the Logs view shows. Every other event (state, progress, replies)
 * is always sent: those are small, and losing one would leave the window wrong.
 */
export function createSocketSender(socket: SendingSocket) {
  const dropped = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const open = (): boolean => socket.readyState === socket.OPEN;
  const send = (event: ApiEvent): void => {
    if (!open()) return;
    if (event.event !== 'logs.batch') {
      socket.send(encodeEventFrame(event));
      return;
    }
    const { subscription, lines } = event.payload;
    const behind = dropped.get(subscription);
    const limit = behind === undefined ? LOG_HIGH_WATER : LOG_LOW_WATER;
    if (socket.bufferedAmount > limit) {
      dropped.set(subscription, (behind ?? 0) + lines.length + (event.payload.dropped ?? 0));
      scheduleDrainCheck();
      return;
    }
    dropped.delete(subscription);
    const payload = behind ? { ...event.payload, dropped: behind } : event.payload;
    socket.send(encodeEventFrame({ event: 'logs.batch', payload }));
  };

  // A stream that went quiet while dropping still tells the window how much it missed.
  const scheduleDrainCheck = (): void => {
    timer ??= setTimeout(() => {
      timer = null;
      if (!open()) return;
      if (socket.bufferedAmount > LOG_LOW_WATER) return scheduleDrainCheck();
      for (const subscription of [...dropped.keys()]) {
        send({ event: 'logs.batch', payload: { subscription, lines: [] } });
      }
    }, DRAIN_CHECK_MS);
  };

  return {
    send,
    /** Stops the drain check (the socket closed). */
    close(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      dropped.clear();
    },
  };
}
