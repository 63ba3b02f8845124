import {
  DEFAULT_EDGE_LIMITS,
  EdgeStore,
  type EdgeAggregate,
  type EdgeStoreLimits,
} from './edge-store';
import { DEFAULT_PAIRING, SpanPairer, type PairingLimits } from './pairing';
import type { Span } from './span';

/** What the hub is built with; tests pass a clock and short waits. */
export interface TraceHubOptions {
  pairing?: PairingLimits;
  edges?: EdgeStoreLimits;
  now?: () => number;
  /**
   * Changes within this long become one notification (each open graph then asks for its
   * project's edges, which reads the project's files: twice a second is enough for people).
   */
  notifyMs?: number;
}

/**
 * The observed calls of every project in one place: spans in (from the receiver), edges out
 * (to the API). Listeners hear, at most every `notifyMs`, that the edges changed.
 */
export class TraceHub {
  private readonly pairer: SpanPairer;
  private readonly store: EdgeStore;
  private readonly now: () => number;
  private readonly notifyMs: number;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly sweeper: ReturnType<typeof setInterval>;
  /** The receiver's URLs once one runs (`parity serve` and the app start it). */
  endpoints: { zipkin: string; otlp: string } | null = null;
  /** The window the edges cover. */
  readonly windowMs: number;

  constructor(options: TraceHubOptions = {}) {
    this.pairer = new SpanPairer(options.pairing ?? DEFAULT_PAIRING);
    this.store = new EdgeStore(options.edges ?? DEFAULT_EDGE_LIMITS);
    this.windowMs = (options.edges ?? DEFAULT_EDGE_LIMITS).windowMs;
    this.now = options.now ?? Date.now;
    this.notifyMs = options.notifyMs ?? 500;
    // Clients that named only a host become calls when their wait ends, spans or not.
    const waitMs = (options.pairing ?? DEFAULT_PAIRING).waitMs;
    this.sweeper = setInterval(() => this.sweep(), Math.max(50, Math.min(1000, waitMs / 2)));
    this.sweeper.unref();
  }

  /** Takes spans in; the calls they complete count at once. */
  add(spans: readonly Span[]): void {
    const now = this.now();
    const calls = [...this.pairer.expire(now), ...this.pairer.add(spans, now)];
    if (calls.length === 0) return;
    this.store.record(calls);
    this.changed();
  }

  /** The edges over the window, with calls from clients whose wait has ended. */
  edges(): EdgeAggregate[] {
    this.sweep();
    return this.store.list(this.now());
  }

  /** Forgets every edge and waiting span. */
  reset(): void {
    this.pairer.clear();
    this.store.clear();
    this.changed();
  }

  /** Calls `listener` after edges change; returns how to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the timers. */
  close(): void {
    clearInterval(this.sweeper);
    if (this.timer !== null) clearTimeout(this.timer);
    this.listeners.clear();
  }

  private sweep(): void {
    const calls = this.pairer.expire(this.now());
    if (calls.length === 0) return;
    this.store.record(calls);
    this.changed();
  }

  private changed(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const listener of this.listeners) listener();
    }, this.notifyMs);
    this.timer.unref();
  }
}
