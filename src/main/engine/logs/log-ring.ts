import type { LogLine } from '../../../shared/logs';
import { compareTimestamps } from './timestamps';

/** Lines kept per service unless told otherwise. */
export const DEFAULT_RING_CAPACITY = 5000;

/** The last `capacity` items pushed: O(1) push, the oldest dropped first. */
export class LogRing<T> {
  private readonly items: T[] = [];
  // Index of the oldest item once the ring is full.
  private start = 0;

  constructor(readonly capacity: number = DEFAULT_RING_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`a ring holds at least one item, not ${capacity}`);
    }
  }

  /** How many items it holds. */
  get size(): number {
    return this.items.length;
  }

  /** Adds an item, dropping the oldest when full. */
  push(item: T): void {
    // The array grows only until full, so a quiet service costs little memory.
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
  }

  /** The items, oldest first. */
  snapshot(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  /** Drops every item. */
  clear(): void {
    this.items.length = 0;
    this.start = 0;
  }
}

/** A bounded ring of lines per service, for a view that opens after the lines went by. */
export class ServiceLogHistory {
  private readonly rings = new Map<string, LogRing<LogLine>>();

  constructor(private readonly capacity: number = DEFAULT_RING_CAPACITY) {}

  /** Keeps lines, each in its service's ring. */
  add(lines: readonly LogLine[]): void {
    for (const line of lines) {
      let ring = this.rings.get(line.service);
      if (!ring) this.rings.set(line.service, (ring = new LogRing(this.capacity)));
      ring.push(line);
    }
  }

  /** One service's kept lines, or every service's merged in timestamp order. */
  snapshot(service?: string): LogLine[] {
    if (service !== undefined) return this.rings.get(service)?.snapshot() ?? [];
    return [...this.rings.values()].flatMap((ring) => ring.snapshot()).sort(compareTimestamps);
  }
}
