/** Whose side of a call a span records; anything else (INTERNAL, PRODUCER, ...) is OTHER. */
export type SpanKind = 'CLIENT' | 'SERVER' | 'OTHER';

/**
 * One span as the pairing needs it, whichever format it came in: only identities, the remote
 * side's names, a duration and whether it failed. Raw spans are never kept.
 */
export interface Span {
  traceId: string;
  id: string;
  parentId: string | null;
  kind: SpanKind;
  /** The service that recorded it (Zipkin localEndpoint.serviceName, OTLP service.name). */
  service: string;
  /** The callee's service name when the caller named it (remoteEndpoint, peer.service). */
  remoteService: string | null;
  /** The callee's host (server.address, net.peer.name, http.url), lower case, no port. */
  remoteHost: string | null;
  durationMs: number | null;
  error: boolean;
  /** A Zipkin server half that shares its client's span id. */
  shared: boolean;
}

/** What a body of spans held: the spans read, and how many were left out as unreadable. */
export interface ParsedSpans {
  spans: Span[];
  rejected: number;
}

/** A body that is not spans at all (not JSON, not the format's shape): the sender gets 400. */
export class MalformedSpansError extends Error {
  override readonly name = 'MalformedSpansError';
}

/** A JSON body parsed, or MalformedSpansError saying why it is not JSON. */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new MalformedSpansError(`the body is not JSON: ${(error as Error).message}`);
  }
}

// Identities are hex in both formats; anything longer than a 128-bit id is not one.
const ID = /^[0-9a-fA-F]{1,32}$/;

/** A trace or span id as a lower-case hex string, or null when it is none. */
export function spanId(value: unknown): string | null {
  return typeof value === 'string' && ID.test(value) ? value.toLowerCase() : null;
}

/** A name from a sender, trimmed and bounded, or null when empty or not a string. */
export function nameOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > 253 ? null : trimmed;
}

/**
 * The host of a `server.address`, `net.peer.name`, `http.host` or URL value, lower case and
 * without port or brackets; null when it holds none.
 */
export function hostOf(value: unknown): string | null {
  const text = nameOf(value);
  if (text === null) return null;
  if (text.includes('://')) {
    try {
      return new URL(text).hostname.replace(/^\[|\]$/g, '').toLowerCase() || null;
    } catch {
      return null;
    }
  }
  const host = text.startsWith('[')
    ? text.slice(1, text.indexOf(']'))
    : text.split(':').length === 2
      ? text.split(':')[0]
      : text;
  return host && /^[A-Za-z0-9._:-]+$/.test(host) ? host.toLowerCase() : null;
}

/** Whether an HTTP status (number or text) is a server failure. */
export function isServerFailure(status: unknown): boolean {
  const code = typeof status === 'string' ? Number(status) : status;
  return typeof code === 'number' && Number.isInteger(code) && code >= 500 && code <= 599;
}

// Attribute and tag names that say where a client span went, most specific first.
export const HOST_KEYS = [
  'server.address',
  'net.peer.name',
  'http.host',
  'url.full',
  'http.url',
] as const;
export const STATUS_KEYS = ['http.status_code', 'http.response.status_code'] as const;
