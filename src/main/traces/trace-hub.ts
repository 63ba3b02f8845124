import {
  DEFAULT_EDGE_LIMITS,
  EdgeStore,
  type EdgeAggregate,
  type EdgeStoreLimits,
} from './edge-store';
import { DEFAULT_PAIRING, SpanPairer, type PairingLimits } from './pairing';
import type { Span } from './span';
import { ownAggregates, qualifiedService } from './stack-query-own';

/** Tells which project's container an address is, when it is one (container-bridges.ts). */
export interface SenderLookup {
  projectOf(address: string): Promise<string | null>;
}

function isLoopback(address: string): boolean {
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  return ip === '::1' || ip.startsWith('127.');
}

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
  private readonly closers: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly sweeper: ReturnType<typeof setInterval>;
  /** The receiver's URLs once one runs (`parity serve` and the app start it). */
  endpoints: { zipkin: string; otlp: string } | null = null;
  /** The window the edges cover. */
  readonly windowMs: number;
  /**
   * Finds the project of a container posting spans, so that two projects with a service of
   * the same name each see their own calls; without it (or for senders that are no container)
   * spans count for every project with a service of that name.
   */
  senders: SenderLookup | null = null;

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

  /**
   * Takes spans posted by `sender` (an address) in; the calls they complete count once the
   * sender's project is known, at once when there is nothing to look up.
   */
  add(spans: readonly Span[], sender?: string): void | Promise<void> {
    const senders = this.senders;
    if (!senders || sender === undefined || isLoopback(sender)) return this.addFor(spans, null);
    return senders.projectOf(sender).then(
      (project) => this.addFor(spans, project),
      () => this.addFor(spans, null),
    );
  }

  /** Takes spans in that are known to come from `project` (null: not known). */
  addFor(spans: readonly Span[], project: string | null): void {
    const own =
      project === null
        ? spans
        : spans.map((span) => ({ ...span, service: qualifiedService(project, span.service) }));
    const now = this.now();
    const calls = [...this.pairer.expire(now), ...this.pairer.add(own, now)];
    if (calls.length === 0) return;
    this.store.record(calls);
    this.changed();
  }

  /**
   * The edges over the window, with calls from clients whose wait has ended, by the services'
   * plain names: with `project` (a Compose project name), only those that may be its own
   * (stack-query-own.ts).
   */
  edges(project: string | null = null): EdgeAggregate[] {
    this.sweep();
    return ownAggregates(this.store.list(this.now()), project);
  }

  /** Forgets every edge and waiting span. */
  reset(): void {
    this.pairer.clear();
    this.store.clear();
    this.changed();
  }

  /** Tells listeners that what traces.edges answers changed (a status, not an edge). */
  touch(): void {
    this.changed();
  }

  /** Runs `closer` when the hub closes (pollers that feed it). */
  onClose(closer: () => void): void {
    this.closers.push(closer);
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
    for (const closer of this.closers.splice(0)) closer();
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
