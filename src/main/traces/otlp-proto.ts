import { spanOfOtlp } from './otlp-json';
import { wireFields, type WireField } from './protobuf-wire';
import { nameOf, type ParsedSpans, type Span } from './span';

// Field numbers of opentelemetry/proto/trace/v1/trace.proto and common/v1/common.proto.
const REQUEST_RESOURCE_SPANS = 1;
const RESOURCE_SPANS = { resource: 1, scopeSpans: 2, instrumentationLibrarySpans: 1000 };
const RESOURCE_ATTRIBUTES = 1;
const SCOPE_SPANS_SPANS = 2;
const SPAN = {
  traceId: 1,
  spanId: 2,
  parentSpanId: 4,
  kind: 6,
  start: 7,
  end: 8,
  attributes: 9,
  status: 15,
};
const STATUS_CODE = 3;
const KEY_VALUE = { key: 1, value: 2 };
const ANY_VALUE = { string: 1, bool: 2, int: 3, double: 4 };

/**
 * Spans of an OTLP/HTTP protobuf body (`application/x-protobuf`: an ExportTraceServiceRequest),
 * decoded by hand from the wire format for the few fields pairing needs; every other field is
 * skipped. Malformed wire data throws MalformedSpansError.
 */
export function parseOtlpProtobuf(body: Buffer): ParsedSpans {
  const spans: Span[] = [];
  let rejected = 0;
  for (const resourceSpans of bytesOf(body, REQUEST_RESOURCE_SPANS)) {
    let service: string | null = null;
    for (const resource of bytesOf(resourceSpans, RESOURCE_SPANS.resource)) {
      const name = attributesOf(resource, RESOURCE_ATTRIBUTES)['service.name'];
      service = nameOf(name) ?? service;
    }
    const fields = [...wireFields(resourceSpans)];
    for (const scope of fields) {
      if (
        scope.type !== 'bytes' ||
        (scope.field !== RESOURCE_SPANS.scopeSpans &&
          scope.field !== RESOURCE_SPANS.instrumentationLibrarySpans)
      ) {
        continue;
      }
      for (const raw of bytesOf(scope.value, SCOPE_SPANS_SPANS)) {
        const span = service === null ? null : protoSpan(raw, service);
        if (span) spans.push(span);
        else rejected++;
      }
    }
  }
  return { spans, rejected };
}

function protoSpan(raw: Buffer, service: string): Span | null {
  const values: Partial<Record<number, WireField>> = {};
  for (const field of wireFields(raw)) {
    if (field.field !== SPAN.attributes) values[field.field] = field;
  }
  const hex = (n: number): string | null => {
    const field = values[n];
    return field?.type === 'bytes' && field.value.length > 0 ? field.value.toString('hex') : null;
  };
  const fixed = (n: number): bigint | null => {
    const field = values[n];
    return field?.type === 'fixed64' ? field.value.readBigUInt64LE(0) : null;
  };
  const kind = values[SPAN.kind];
  const status = values[SPAN.status];
  let statusCode: number | null = null;
  if (status?.type === 'bytes') {
    for (const field of wireFields(status.value)) {
      if (field.field === STATUS_CODE && field.type === 'varint') statusCode = Number(field.value);
    }
  }
  return spanOfOtlp(
    {
      traceId: hex(SPAN.traceId),
      spanId: hex(SPAN.spanId),
      parentSpanId: hex(SPAN.parentSpanId),
      kind: kind?.type === 'varint' ? Number(kind.value) : null,
      startTimeUnixNano: fixed(SPAN.start),
      endTimeUnixNano: fixed(SPAN.end),
      attributes: attributesOf(raw, SPAN.attributes),
      statusCode,
    },
    service,
  );
}

// The length-delimited values of one field number.
function bytesOf(message: Buffer, field: number): Buffer[] {
  const out: Buffer[] = [];
  for (const f of wireFields(message))
    if (f.field === field && f.type === 'bytes') out.push(f.value);
  return out;
}

// KeyValue attributes as plain values: strings, booleans, integers (as decimal text) and doubles.
function attributesOf(message: Buffer, field: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of bytesOf(message, field)) {
    let key: string | null = null;
    let value: unknown;
    for (const f of wireFields(entry)) {
      if (f.field === KEY_VALUE.key && f.type === 'bytes') key = f.value.toString('utf8');
      if (f.field === KEY_VALUE.value && f.type === 'bytes') value = anyValue(f.value);
    }
    if (key !== null) out[key] = value;
  }
  return out;
}

function anyValue(message: Buffer): unknown {
  for (const f of wireFields(message)) {
    if (f.field === ANY_VALUE.string && f.type === 'bytes') return f.value.toString('utf8');
    if (f.field === ANY_VALUE.bool && f.type === 'varint') return f.value !== 0n;
    if (f.field === ANY_VALUE.int && f.type === 'varint')
      return BigInt.asIntN(64, f.value).toString();
    if (f.field === ANY_VALUE.double && f.type === 'fixed64') return f.value.readDoubleLE(0);
  }
  return undefined;
}

/**
 * The ExportTraceServiceResponse of a protobuf request: empty, or `partial_success (1) {
 * rejected_spans (1), error_message (2) }` counting the spans left out.
 */
export function exportResponseProtobuf(rejected: number, reason: string): Buffer {
  if (rejected === 0) return Buffer.alloc(0);
  const message = Buffer.from(reason);
  const inner = Buffer.concat([
    Buffer.from([0x08]),
    varint(rejected),
    Buffer.from([0x12]),
    varint(message.length),
    message,
  ]);
  return Buffer.concat([Buffer.from([0x0a]), varint(inner.length), inner]);
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
