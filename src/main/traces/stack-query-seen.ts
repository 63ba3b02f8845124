import type { Span } from './span';

/**
 * The spans already read from a stack's trace store, so that reading overlapping windows
 * counts each once. Bounded: past `max`, the span read longest ago is forgotten (by then it is
 * outside the window read).
 */
export class SeenSpans {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 20_000) {}

  /** The spans not seen before; they are seen from now on. */
  fresh(spans: readonly Span[]): Span[] {
    const out: Span[] = [];
    for (const span of spans) {
      // Zipkin's shared spans: a client and its server share an id, not a kind or a service.
      const key = `${span.traceId}/${span.id}/${span.kind}/${span.service}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      out.push(span);
      if (this.seen.size > this.max) {
        const oldest = this.seen.values().next().value;
        if (oldest !== undefined) this.seen.delete(oldest);
      }
    }
    return out;
  }
}
