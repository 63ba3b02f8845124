import { compareTimestamps } from './timestamps';

/** How often and how large batches are; tests change them. */
export interface BatchOptions {
  /** A line waits at most this long before it is delivered. */
  intervalMs?: number;
  /** A batch is delivered at once when it holds this many lines. */
  maxLines?: number;
}

/**
 * Delivery defaults: ~20 deliveries a second, so a chatty stack cannot flood a UI; in a flood,
 * batches of 1000 lines (each frame and message costs its receiver something of its own).
 */
export const DEFAULT_BATCH = { intervalMs: 50, maxLines: 1000 } as const;

/**
 * Gathers lines from every stream and delivers them in batches, each merged in timestamp
 * order (lines of one stream arrive in order already; the merge interleaves the streams).
 */
export class LogBatcher<T extends { timestamp: string }> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly intervalMs: number;
  private readonly maxLines: number;

  constructor(
    private readonly deliver: (lines: T[]) => void,
    options: BatchOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_BATCH.intervalMs;
    this.maxLines = options.maxLines ?? DEFAULT_BATCH.maxLines;
  }

  /** Queues a line; the batch goes out when full or when its interval is up. */
  add(line: T): void {
    this.pending.push(line);
    if (this.pending.length >= this.maxLines) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Delivers whatever is queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    // Array.prototype.sort is stable, so lines of equal time keep their arrival order.
    lines.sort(compareTimestamps);
    this.deliver(lines);
  }
}
