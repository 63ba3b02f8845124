import type { Span } from './span';
import { getJson, QueryProblem, type QueryLimits } from './stack-query-fetch';
import { parseZipkin } from './zipkin';

/** What one read of a stack's trace store asks for. */
export interface QueryWindow {
  /** The end of the window, ms since the epoch. */
  endMs: number;
  /** How far back from `endMs`. */
  lookbackMs: number;
  /** The most traces taken (per service, for Jaeger). */
  maxTraces: number;
}

/**
 * The spans of the recent traces in a Zipkin at 127.0.0.1:`port`, read with its query API
 * (`GET /api/v2/traces`: an array of traces, each an array of v2 spans). An answer of another
 * shape is a QueryProblem; unreadable spans inside a good answer are left out.
 */
export async function readZipkin(
  port: number,
  window: QueryWindow,
  limits?: QueryLimits,
): Promise<Span[]> {
  const query = new URLSearchParams({
    endTs: String(Math.round(window.endMs)),
    lookback: String(Math.round(window.lookbackMs)),
    limit: String(window.maxTraces),
  });
  const traces = await getJson(port, `/api/v2/traces?${query.toString()}`, limits);
  if (!Array.isArray(traces) || !traces.every((trace) => Array.isArray(trace))) {
    throw new QueryProblem('answered /api/v2/traces with something other than a list of traces');
  }
  // A store may ignore `limit`: the rest is not read.
  const spans: unknown[] = (traces as unknown[][]).slice(0, window.maxTraces).flat();
  return parseZipkin(JSON.stringify(spans)).spans;
}
