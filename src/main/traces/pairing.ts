import type { Span } from './span';

/** Where an observed call went: a service by its span name, or a host. */
export type CallTarget = { kind: 'service'; name: string } | { kind: 'host'; name: string };

/** One observed call from a service, ready to aggregate. */
export interface Call {
  from: string;
  to: CallTarget;
  durationMs: number | null;
  failed: boolean;
  /** When it was seen (ms since the epoch, the receiver's clock). */
  at: number;
}

/** How long a half waits for its other half, and how many halves may wait. */
export interface PairingLimits {
  waitMs: number;
  maxPending: number;
}

/** The defaults: a batch exporter sends within seconds; 10,000 halves is a few MB at most. */
export const DEFAULT_PAIRING: PairingLimits = { waitMs: 5000, maxPending: 10_000 };

interface Pending {
  span: Span;
  at: number;
}

/**
 * Turns spans into calls. A CLIENT span and the SERVER span of another service it led to
 * (the server's parent, or the same id for Zipkin's shared spans) make a call between the two
 * services, whichever arrives first and whatever their clocks say: the latency is the
 * client's own duration, measured on one clock. A client that named its callee
 * (remoteEndpoint, peer.service) is a call at once; one that only names a host waits for its
 * server and, when none comes in time, is a call to that host. A server whose client never
 * comes is no call (its caller is not traced). Memory is bounded: at most `maxPending` halves
 * wait, the oldest dropped first.
 */
export class SpanPairer {
  // Clients waiting for their server, by trace and span id.
  private readonly clients = new Map<string, Pending>();
  // Servers waiting for their client, by the client's trace and span id.
  private readonly servers = new Map<string, Pending>();
  // Clients already counted, so that their server arriving later is not counted again.
  private readonly settled = new Map<string, number>();
  /** Spans dropped unpaired because too many waited. */
  dropped = 0;

  constructor(private readonly limits: PairingLimits = DEFAULT_PAIRING) {}

  /** The calls these spans complete (others wait for their other half). */
  add(spans: readonly Span[], now: number): Call[] {
    const calls: Call[] = [];
    for (const span of spans) {
      if (span.kind === 'CLIENT') this.addClient(span, now, calls);
      else if (span.kind === 'SERVER') this.addServer(span, now, calls);
    }
    return calls;
  }

  /** Calls from clients whose server did not come in time; expired halves are forgotten. */
  expire(now: number): Call[] {
    const calls: Call[] = [];
    const before = now - this.limits.waitMs;
    for (const [key, { span, at }] of this.clients) {
      if (at > before) break;
      this.clients.delete(key);
      if (span.remoteHost !== null) {
        calls.push(callOf(span, { kind: 'host', name: span.remoteHost }, null, now));
      }
      this.settle(key, now);
    }
    for (const [key, { at }] of this.servers) {
      if (at > before) break;
      this.servers.delete(key);
    }
    for (const [key, at] of this.settled) {
      if (at > before) break;
      this.settled.delete(key);
    }
    return calls;
  }

  /** Halves waiting now. */
  get pending(): number {
    return this.clients.size + this.servers.size;
  }

  /** Forgets every waiting half. */
  clear(): void {
    this.clients.clear();
    this.servers.clear();
    this.settled.clear();
  }

  private addClient(span: Span, now: number, calls: Call[]): void {
    const key = `${span.traceId}:${span.id}`;
    if (this.settled.has(key) || this.clients.has(key)) return;
    const server = this.servers.get(key);
    if (server && server.span.service !== span.service) {
      this.servers.delete(key);
      calls.push(callOf(span, { kind: 'service', name: server.span.service }, server.span, now));
      this.settle(key, now);
    } else if (span.remoteService !== null && span.remoteService !== span.service) {
      calls.push(callOf(span, { kind: 'service', name: span.remoteService }, null, now));
      this.settle(key, now);
    } else {
      this.wait(this.clients, key, span, now);
    }
  }

  private addServer(span: Span, now: number, calls: Call[]): void {
    const parent = span.shared ? span.id : span.parentId;
    if (parent === null) return;
    const key = `${span.traceId}:${parent}`;
    if (this.settled.has(key)) return;
    const client = this.clients.get(key);
    if (client) {
      if (client.span.service === span.service) return;
      this.clients.delete(key);
      calls.push(callOf(client.span, { kind: 'service', name: span.service }, span, now));
      this.settle(key, now);
    } else {
      this.wait(this.servers, key, span, now);
    }
  }

  private wait(map: Map<string, Pending>, key: string, span: Span, now: number): void {
    if (this.pending >= this.limits.maxPending) {
      // The oldest of the longer queue goes: a flood of one kind cannot starve the other.
      const fuller = this.clients.size >= this.servers.size ? this.clients : this.servers;
      const oldest = fuller.keys().next().value;
      if (oldest !== undefined) fuller.delete(oldest);
      this.dropped++;
    }
    map.set(key, { span, at: now });
  }

  private settle(key: string, now: number): void {
    this.settled.delete(key);
    this.settled.set(key, now);
    if (this.settled.size > this.limits.maxPending) {
      const oldest = this.settled.keys().next().value;
      if (oldest !== undefined) this.settled.delete(oldest);
    }
  }
}

function callOf(client: Span, to: CallTarget, server: Span | null, at: number): Call {
  return {
    from: client.service,
    to,
    durationMs: client.durationMs ?? server?.durationMs ?? null,
    failed: client.error || (server?.error ?? false),
    at,
  };
}
