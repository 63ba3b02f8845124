import { z } from 'zod';

const count = z.number().int().nonnegative();
const millis = z.number().nonnegative().nullable();

/** A call between two services of the project, seen in traces over the window. */
export const ObservedEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  calls: count,
  failures: count,
  p50Ms: millis,
  p95Ms: millis,
  /** The last call's time, RFC 3339. */
  lastSeen: z.string(),
  /** Whether `from` declares depends_on `to`; an observed call that is not is worth a look. */
  declared: z.boolean(),
});
export type ObservedEdge = z.infer<typeof ObservedEdgeSchema>;

/** Calls from the project's services to a host that is no service of the stack. */
export const OutsideCallSchema = z.object({
  host: z.string(),
  /** The services that called it. */
  from: z.array(z.string()),
  calls: count,
  failures: count,
  lastSeen: z.string(),
  /** Where the production sources name this host (file:line), when they do: a laptop calling production. */
  production: z.string().nullable(),
});
export type OutsideCall = z.infer<typeof OutsideCallSchema>;

/** A trace store of the stack (its own Zipkin or Jaeger) Parity reads, and how that goes. */
export const TraceQueryStatusSchema = z.object({
  kind: z.enum(['zipkin', 'jaeger']),
  service: z.string(),
  /** Where its query API is read (`127.0.0.1:9411`), null when it publishes none there. */
  address: z.string().nullable(),
  /** Null while reading works; else what went wrong, as a quiet status line says it. */
  problem: z.string().nullable(),
});
export type TraceQueryStatus = z.infer<typeof TraceQueryStatusSchema>;

/** The observed call graph of one project, and where its stack sends spans. */
export const ObservedCallsSchema = z.object({
  edges: z.array(ObservedEdgeSchema),
  outside: z.array(OutsideCallSchema),
  /** The span receiver's URLs, when one runs (null in a core without one). */
  receiver: z.object({ zipkin: z.string(), otlp: z.string() }).nullable(),
  /** The window the counts cover, in minutes. */
  windowMinutes: z.number().positive(),
  /** The stack's own trace stores read for calls too (absent from a core that reads none). */
  queries: z.array(TraceQueryStatusSchema).optional(),
});
export type ObservedCalls = z.infer<typeof ObservedCallsSchema>;

/** The label a user reads for an edge: `shop → stock: 20 calls, 2 failed, p95 12 ms`. */
export function edgeLabel(
  edge: Pick<ObservedEdge, 'from' | 'to' | 'calls' | 'failures' | 'p95Ms'>,
): string {
  const parts = [`${edge.calls} ${edge.calls === 1 ? 'call' : 'calls'}`];
  if (edge.failures > 0) parts.push(`${edge.failures} failed`);
  if (edge.p95Ms !== null) parts.push(`p95 ${formatMs(edge.p95Ms)}`);
  return `${edge.from} → ${edge.to}: ${parts.join(', ')}`;
}

/** A latency as people write it: `12 ms`, `0.4 ms`, `1.2 s`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${Number(ms.toFixed(1))} ms`;
}
