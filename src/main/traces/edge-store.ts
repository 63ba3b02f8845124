import type { Call, CallTarget } from './pairing';

/** One aggregated edge over the window: from a span service to a service or a host. */
export interface EdgeAggregate {
  from: string;
  to: CallTarget;
  calls: number;
  failures: number;
  p50Ms: number | null;
  p95Ms: number | null;
  /** The last call's time, ms since the epoch. */
  lastSeen: number;
}

/** How much the store keeps. */
export interface EdgeStoreLimits {
  /** Calls older than this no longer count. */
  windowMs: number;
  maxEdges: number;
  /** Latencies kept per edge for its percentiles (the most recent ones). */
  samples: number;
}

/** Fifteen minutes, 2,000 edges, 256 latencies each: well under 10 MB whatever is sent. */
export const DEFAULT_EDGE_LIMITS: EdgeStoreLimits = {
  windowMs: 15 * 60_000,
  maxEdges: 2000,
  samples: 256,
};

// Counts go in buckets of a minute (or of the window / 15 when shorter), so the window slides
// without keeping each call.
interface Edge {
  from: string;
  to: CallTarget;
  buckets: { start: number; calls: number; failures: number }[];
  // A ring of [time, latency] of the latest calls.
  samples: [number, number][];
  next: number;
  lastSeen: number;
}

/**
 * The observed call edges, aggregated: counts per time bucket over a sliding window and a
 * bounded ring of recent latencies per edge. Past `maxEdges`, the edge seen longest ago makes
 * room.
 */
export class EdgeStore {
  private readonly edges = new Map<string, Edge>();
  private readonly bucketMs: number;

  constructor(private readonly limits: EdgeStoreLimits = DEFAULT_EDGE_LIMITS) {
    this.bucketMs = Math.max(1, Math.min(60_000, Math.floor(limits.windowMs / 15)));
  }

  /** Counts calls in. */
  record(calls: readonly Call[]): void {
    for (const call of calls) this.recordOne(call);
  }

  /** Every edge with a call inside the window ending at `now`. */
  list(now: number): EdgeAggregate[] {
    const since = now - this.limits.windowMs;
    const out: EdgeAggregate[] = [];
    for (const [key, edge] of this.edges) {
      edge.buckets = edge.buckets.filter((b) => b.start + this.bucketMs > since);
      if (edge.buckets.length === 0) {
        this.edges.delete(key);
        continue;
      }
      const latencies = edge.samples
        .filter(([at]) => at > since)
        .map(([, ms]) => ms)
        .sort((a, b) => a - b);
      out.push({
        from: edge.from,
        to: edge.to,
        calls: edge.buckets.reduce((n, b) => n + b.calls, 0),
        failures: edge.buckets.reduce((n, b) => n + b.failures, 0),
        p50Ms: percentile(latencies, 0.5),
        p95Ms: percentile(latencies, 0.95),
        lastSeen: edge.lastSeen,
      });
    }
    return out;
  }

  /** Forgets every edge. */
  clear(): void {
    this.edges.clear();
  }

  /** Edges kept now. */
  get size(): number {
    return this.edges.size;
  }

  private recordOne(call: Call): void {
    const key = `${call.from}\0${call.to.kind}\0${call.to.name}`;
    let edge = this.edges.get(key);
    if (edge) {
      // Most recently seen last: the first in the map is the one to evict.
      this.edges.delete(key);
    } else {
      if (this.edges.size >= this.limits.maxEdges) {
        const oldest = this.edges.keys().next().value;
        if (oldest !== undefined) this.edges.delete(oldest);
      }
      edge = { from: call.from, to: call.to, buckets: [], samples: [], next: 0, lastSeen: 0 };
    }
    this.edges.set(key, edge);
    const start = call.at - (call.at % this.bucketMs);
    let bucket = edge.buckets.at(-1);
    if (bucket?.start !== start) {
      bucket = { start, calls: 0, failures: 0 };
      edge.buckets.push(bucket);
      // More buckets than the window holds are stale.
      if (edge.buckets.length > 16) edge.buckets.shift();
    }
    bucket.calls++;
    if (call.failed) bucket.failures++;
    if (call.durationMs !== null) {
      const sample: [number, number] = [call.at, call.durationMs];
      if (edge.samples.length < this.limits.samples) edge.samples.push(sample);
      else edge.samples[edge.next] = sample;
      edge.next = (edge.next + 1) % this.limits.samples;
    }
    edge.lastSeen = Math.max(edge.lastSeen, call.at);
  }
}

// Nearest-rank percentile of sorted values.
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? null;
}
