import {
  HOST_KEYS,
  STATUS_KEYS,
  hostOf,
  isServerFailure,
  nameOf,
  spanId,
  type Span,
  type SpanKind,
} from './span';
import { getJson, QueryProblem, type QueryLimits } from './stack-query-fetch';
import type { QueryWindow } from './zipkin-query';

// Jaeger traces itself; its own services are not the stack's.
const OWN = /^jaeger(-query|-all-in-one|-collector)?$/;
// A stack of more services than this is read in part, the first ones by name.
const MAX_SERVICES = 30;

/**
 * The spans of recent traces in a Jaeger at 127.0.0.1:`port`, read with the query API its UI
 * uses: `/api/services`, then `/api/traces?service=` for each. Answers of another shape are a
 * QueryProblem; unreadable spans inside a good answer are left out.
 */
export async function readJaeger(
  port: number,
  window: QueryWindow,
  limits?: QueryLimits,
): Promise<Span[]> {
  const services = dataOf(await getJson(port, '/api/services', limits), '/api/services')
    .map(nameOf)
    .filter((name): name is string => name !== null && !OWN.test(name))
    .sort()
    .slice(0, MAX_SERVICES);
  const spans: Span[] = [];
  for (const service of services) {
    const query = new URLSearchParams({
      service,
      // Jaeger's times are microseconds.
      start: String(Math.round((window.endMs - window.lookbackMs) * 1000)),
      end: String(Math.round(window.endMs * 1000)),
      limit: String(window.maxTraces),
    });
    const traces = dataOf(
      await getJson(port, `/api/traces?${query.toString()}`, limits),
      '/api/traces',
    );
    for (const trace of traces.slice(0, window.maxTraces)) spans.push(...traceSpans(trace));
  }
  return spans;
}

function dataOf(answer: unknown, path: string): unknown[] {
  const data = field(answer, 'data');
  if (!Array.isArray(data)) {
    throw new QueryProblem(`answered ${path} without the list under "data" Jaeger sends`);
  }
  return data;
}

// One trace: {traceID, spans: [...], processes: {p1: {serviceName}}}.
function traceSpans(trace: unknown): Span[] {
  const spans = field(trace, 'spans');
  const processes = field(trace, 'processes');
  if (!Array.isArray(spans)) return [];
  const out: Span[] = [];
  for (const raw of spans) {
    const span = jaegerSpan(raw, processes);
    if (span) out.push(span);
  }
  return out;
}

function jaegerSpan(raw: unknown, processes: unknown): Span | null {
  const traceId = spanId(field(raw, 'traceID'));
  const id = spanId(field(raw, 'spanID'));
  const processId = field(raw, 'processID');
  const process =
    field(raw, 'process') ??
    (typeof processId === 'string' ? field(processes, processId) : undefined);
  const service = nameOf(field(process, 'serviceName'));
  if (!traceId || !id || !service) return null;
  const tags = tagsOf(field(raw, 'tags'));
  const references = field(raw, 'references');
  const parent: unknown = Array.isArray(references)
    ? (references as unknown[]).find((ref) => field(ref, 'refType') === 'CHILD_OF')
    : undefined;
  const duration = field(raw, 'duration');
  const kindTag = tags['span.kind'];
  const kind = typeof kindTag === 'string' ? kindTag.toUpperCase() : '';
  return {
    traceId,
    id,
    parentId: spanId(field(parent, 'spanID')) ?? spanId(field(raw, 'parentSpanID')),
    kind: (kind === 'CLIENT' || kind === 'SERVER' ? kind : 'OTHER') satisfies SpanKind,
    service,
    remoteService: nameOf(tags['peer.service']),
    remoteHost:
      [...HOST_KEYS, 'peer.hostname'].map((key) => hostOf(tags[key])).find((h) => h !== null) ??
      null,
    // Jaeger durations are microseconds.
    durationMs: typeof duration === 'number' && duration >= 0 ? duration / 1000 : null,
    error:
      tags.error === true ||
      tags.error === 'true' ||
      tags['otel.status_code'] === 'ERROR' ||
      STATUS_KEYS.some((key) => isServerFailure(tags[key])),
    shared: false,
  };
}

// Jaeger tags: [{key, type, value}], the value typed (string, bool, int64, float64).
function tagsOf(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(value)) return out;
  for (const tag of value) {
    const key = field(tag, 'key');
    if (typeof key === 'string') out[key] = field(tag, 'value');
  }
  return out;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
