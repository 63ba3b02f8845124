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
} from './span';

/**
 * Spans of a Zipkin v2 JSON body (`POST /api/v2/spans`: an array of spans). A span without a
 * trace id, id or local service name is counted as rejected; a body that is not an array of
 * objects throws MalformedSpansError.
 */
export function parseZipkin(body: string): ParsedSpans {
  const json = parseJsonBody(body);
  if (!Array.isArray(json)) {
    throw new MalformedSpansError('expected a JSON array of Zipkin v2 spans');
  }
  const spans: Span[] = [];
  let rejected = 0;
  for (const item of json) {
    const span = zipkinSpan(item);
    if (span) spans.push(span);
    else rejected++;
  }
  return { spans, rejected };
}

function zipkinSpan(item: unknown): Span | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
  const raw = item as Record<string, unknown>;
  const traceId = spanId(raw.traceId);
  const id = spanId(raw.id);
  const service = nameOf(field(raw.localEndpoint, 'serviceName'));
  if (!traceId || !id || !service) return null;
  const tags = stringsOf(raw.tags);
  const remote = raw.remoteEndpoint;
  const duration = typeof raw.duration === 'number' && raw.duration >= 0 ? raw.duration : null;
  return {
    traceId,
    id,
    parentId: spanId(raw.parentId),
    kind: raw.kind === 'CLIENT' || raw.kind === 'SERVER' ? raw.kind : 'OTHER',
    service,
    remoteService: nameOf(field(remote, 'serviceName')) ?? nameOf(tags['peer.service']),
    remoteHost:
      HOST_KEYS.map((key) => hostOf(tags[key])).find((host) => host !== null) ??
      hostOf(field(remote, 'ipv4')) ??
      null,
    // Zipkin durations are microseconds.
    durationMs: duration === null ? null : duration / 1000,
    error: 'error' in tags || STATUS_KEYS.some((key) => isServerFailure(tags[key])),
    shared: raw.shared === true,
  };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function stringsOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'string') out[key] = entry;
  }
  return out;
}
