import {
  HOST_KEYS,
  MalformedSpansError,
  STATUS_KEYS,
  hostOf,
  isServerFailure,
  nameOf,
  parseJsonBody,
  spanId,
  type ParsedSpans,
  type Span,
  type SpanKind,
} from './span';

/**
 * Spans of an OTLP/HTTP JSON body (`POST /v1/traces`, an ExportTraceServiceRequest in the
 * protobuf JSON mapping). A span without ids or a service.name is counted as rejected; a body
 * that is not such a request throws MalformedSpansError.
 */
export function parseOtlpJson(body: string): ParsedSpans {
  const json = parseJsonBody(body);
  const resourceSpans = objectOf(json)?.resourceSpans;
  if (!Array.isArray(resourceSpans)) {
    throw new MalformedSpansError(
      'expected an OTLP ExportTraceServiceRequest: {"resourceSpans": [...]}',
    );
  }
  const spans: Span[] = [];
  let rejected = 0;
  for (const resourceSpan of resourceSpans) {
    const resource = objectOf(resourceSpan);
    const service = nameOf(attributes(objectOf(resource?.resource)?.attributes)['service.name']);
    // scopeSpans since OTLP 0.15; instrumentationLibrarySpans before it.
    const scopes = resource?.scopeSpans ?? resource?.instrumentationLibrarySpans;
    for (const scope of Array.isArray(scopes) ? scopes : []) {
      const list = objectOf(scope)?.spans;
      for (const item of Array.isArray(list) ? list : []) {
        const span = service === null ? null : otlpSpan(item, service);
        if (span) spans.push(span);
        else rejected++;
      }
    }
  }
  return { spans, rejected };
}

/** A span of OTLP, read from the values it has whichever wire it came on. */
export interface OtlpSpanFields {
  traceId: unknown;
  spanId: unknown;
  parentSpanId: unknown;
  kind: unknown;
  startTimeUnixNano: unknown;
  endTimeUnixNano: unknown;
  attributes: Record<string, unknown>;
  statusCode: unknown;
}

/** The Span of OTLP span fields, or null when ids are missing. */
export function spanOfOtlp(fields: OtlpSpanFields, service: string): Span | null {
  const traceId = spanId(fields.traceId);
  const id = spanId(fields.spanId);
  if (!traceId || !id) return null;
  const attrs = fields.attributes;
  const start = nanos(fields.startTimeUnixNano);
  const end = nanos(fields.endTimeUnixNano);
  return {
    traceId,
    id,
    parentId: spanId(fields.parentSpanId),
    kind: kindOf(fields.kind),
    service,
    remoteService: nameOf(attrs['peer.service']),
    remoteHost: HOST_KEYS.map((key) => hostOf(attrs[key])).find((host) => host !== null) ?? null,
    durationMs: start !== null && end !== null && end >= start ? Number(end - start) / 1e6 : null,
    error:
      fields.statusCode === 2 ||
      fields.statusCode === 'STATUS_CODE_ERROR' ||
      STATUS_KEYS.some((key) => isServerFailure(attrs[key])),
    shared: false,
  };
}

function otlpSpan(item: unknown, service: string): Span | null {
  const raw = objectOf(item);
  if (!raw) return null;
  return spanOfOtlp(
    {
      traceId: raw.traceId,
      spanId: raw.spanId,
      parentSpanId: raw.parentSpanId,
      kind: raw.kind,
      startTimeUnixNano: raw.startTimeUnixNano,
      endTimeUnixNano: raw.endTimeUnixNano,
      attributes: attributes(raw.attributes),
      statusCode: objectOf(raw.status)?.code,
    },
    service,
  );
}

// SPAN_KIND_SERVER = 2, SPAN_KIND_CLIENT = 3, as numbers or enum names.
function kindOf(kind: unknown): SpanKind {
  if (kind === 2 || kind === 'SPAN_KIND_SERVER') return 'SERVER';
  if (kind === 3 || kind === 'SPAN_KIND_CLIENT') return 'CLIENT';
  return 'OTHER';
}

// Nanosecond times are 64-bit: strings in the JSON mapping, kept exact as bigints.
function nanos(value: unknown): bigint | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  return null;
}

// OTLP attributes: [{key, value: {stringValue | intValue | ...}}], as plain values.
function attributes(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of Array.isArray(list) ? list : []) {
    const { key, value } = objectOf(entry) ?? {};
    const anyValue = objectOf(value);
    if (typeof key !== 'string' || !anyValue) continue;
    out[key] =
      anyValue.stringValue ?? anyValue.intValue ?? anyValue.boolValue ?? anyValue.doubleValue;
  }
  return out;
}

function objectOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
