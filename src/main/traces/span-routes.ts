import type { IncomingMessage } from 'node:http';
import { parseOtlpJson } from './otlp-json';
import { parseOtlpProtobuf } from './otlp-proto';
import { parseZipkin } from './zipkin';
import type { ParsedSpans } from './span';

/** The paths spans are posted to. */
export const ZIPKIN_PATH = '/api/v2/spans';
export const OTLP_PATH = '/v1/traces';

/** What a request asks for: a parser for its body, or the answer it gets at once. */
export type Route =
  | {
      kind: 'parse';
      format: 'zipkin' | 'otlp' | 'otlp-protobuf';
      parse: (body: Buffer) => ParsedSpans;
    }
  | { kind: 'refuse'; status: number; message: string; allow?: string };

/** Chooses by method, path and Content-Type, before the body is read. */
export function routeOf(request: IncomingMessage): Route {
  const path = (request.url ?? '/').split('?')[0];
  if (path !== ZIPKIN_PATH && path !== OTLP_PATH) {
    return {
      kind: 'refuse',
      status: 404,
      message: `Parity receives spans at POST ${ZIPKIN_PATH} (Zipkin v2 JSON) and POST ${OTLP_PATH} (OTLP/HTTP JSON)`,
    };
  }
  if (request.method !== 'POST') {
    return { kind: 'refuse', status: 405, message: `${path} takes POST only`, allow: 'POST' };
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (path === ZIPKIN_PATH) {
    if (type !== '' && type !== 'application/json' && type !== 'text/plain') {
      return {
        kind: 'refuse',
        status: 415,
        message: `Zipkin spans are accepted as JSON (v2), not ${type}`,
      };
    }
    return { kind: 'parse', format: 'zipkin', parse: (body) => parseZipkin(body.toString('utf8')) };
  }
  if (type === 'application/x-protobuf' || type === 'application/protobuf') {
    return { kind: 'parse', format: 'otlp-protobuf', parse: parseOtlpProtobuf };
  }
  if (type !== 'application/json') {
    return {
      kind: 'refuse',
      status: 415,
      message: `OTLP spans are accepted as application/json or application/x-protobuf, not ${type || 'no Content-Type'}`,
    };
  }
  return { kind: 'parse', format: 'otlp', parse: (body) => parseOtlpJson(body.toString('utf8')) };
}
