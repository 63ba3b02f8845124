const NANOS_PER_SECOND = 1_000_000_000n;

/** How far back a resumed stream starts before the newest event delivered. */
export const RESUME_WINDOW_NANOS = NANOS_PER_SECOND;

/**
 * Where a broken event stream resumes, and which of the events it replays were delivered
 * already. The engine stamps an event before it publishes it, so two events can arrive out of
 * time order; resuming exactly at the newest one could skip an older one not yet seen. So the
 * resume starts a window earlier, and the events delivered within that window are remembered
 * (by time, container and action) and dropped when they come again.
 */
export class EventCursor {
  private newest: bigint | null = null;
  private readonly delivered = new Map<string, bigint>();

  constructor(private readonly windowNanos: bigint = RESUME_WINDOW_NANOS) {}

  /**
   * A stream opened at `engineSeconds` (the engine's clock, Unix seconds; null when unknown).
   * Until an event is seen, that is where a resume starts, so events of a gap that comes
   * before the first event are not lost.
   */
  opened(engineSeconds: string | null): void {
    if (this.newest !== null || engineSeconds === null) return;
    const seconds = Math.floor(Number(engineSeconds));
    if (Number.isFinite(seconds)) this.newest = BigInt(seconds) * NANOS_PER_SECOND;
  }

  /** Whether to deliver an event: false when it is a replay of one delivered already. */
  accept(event: { id: string; action: string; time: string }): boolean {
    const time = timestampToNanos(event.time);
    const key = `${time}|${event.id}|${event.action}`;
    if (this.delivered.has(key)) return false;
    this.delivered.set(key, time);
    if (this.newest === null || time > this.newest) this.newest = time;
    const oldest = this.newest - this.windowNanos;
    // Kept in arrival order, which is time order but for near ties: stop at the first in range.
    for (const [kept, at] of this.delivered) {
      if (at >= oldest) break;
      this.delivered.delete(kept);
    }
    return true;
  }

  /** The engine's `since` for a resume (Unix seconds with nanoseconds), null before any. */
  since(): string | null {
    if (this.newest === null) return null;
    let from = this.newest - this.windowNanos;
    if (from < 0n) from = 0n;
    const nanos = (from % NANOS_PER_SECOND).toString().padStart(9, '0');
    return `${from / NANOS_PER_SECOND}.${nanos}`;
  }
}

/** A normalized timestamp (UTC, nine fraction digits) as nanoseconds since the epoch. */
export function timestampToNanos(timestamp: string): bigint {
  const seconds = BigInt(Date.parse(`${timestamp.slice(0, 19)}Z`) / 1000);
  return seconds * NANOS_PER_SECOND + BigInt(timestamp.slice(20, 29).padEnd(9, '0'));
}
