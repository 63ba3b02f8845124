import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOtlpJson } from '../../../src/main/traces/otlp-json';
import { MalformedSpansError } from '../../../src/main/traces/span';
import { parseZipkin } from '../../../src/main/traces/zipkin';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/traces/${name}`, import.meta.url), 'utf8');

describe('Zipkin v2 JSON', () => {
  it('reads kinds, services, the remote side, durations and failures; rejects spans without ids', () => {
    const { spans, rejected } = parseZipkin(fixture('zipkin-shop.json'));
    expect(rejected).toBe(1);
    expect(
      spans.map((s) => [s.kind, s.service, s.remoteService, s.remoteHost, s.durationMs, s.error]),
    ).toEqual([
      ['SERVER', 'shop', null, null, 30, false],
      ['CLIENT', 'shop', null, 'stock', 12, false],
      ['SERVER', 'stock-svc', null, null, 9, false],
      ['CLIENT', 'shop', 'payments', null, 250, true],
    ]);
    expect(spans[2]?.parentId).toBe('0000000000000002');
  });

  it('says what it expected of a body that is no span list', () => {
    expect(() => parseZipkin('{"not": "a list"}')).toThrow(MalformedSpansError);
    expect(() => parseZipkin('{"not": "a list"}')).toThrow(
      'expected a JSON array of Zipkin v2 spans',
    );
    expect(() => parseZipkin('[{"traceId": ')).toThrow(/not JSON/);
  });

  it('counts an error tag and peer.service, and leaves odd values out rather than failing', () => {
    const { spans, rejected } = parseZipkin(
      JSON.stringify([
        {
          traceId: 'ab',
          id: 'cd',
          kind: 'CLIENT',
          localEndpoint: { serviceName: 'a' },
          tags: { error: '', 'peer.service': 'b', 'server.address': 'B.Example.com:443' },
          duration: -5,
        },
        null,
        7,
        { traceId: 'ab', id: 'ef', localEndpoint: { serviceName: ['x'] } },
      ]),
    );
    expect(rejected).toBe(3);
    expect(spans[0]).toMatchObject({
      error: true,
      remoteService: 'b',
      remoteHost: 'b.example.com',
      durationMs: null,
    });
  });
});

describe('OTLP/HTTP JSON', () => {
  it('reads service.name, kinds by number or name, nanosecond durations and the ERROR status', () => {
    const { spans, rejected } = parseOtlpJson(fixture('otlp-shop.json'));
    expect(rejected).toBe(1);
    expect(
      spans.map((s) => [s.kind, s.service, s.remoteHost, s.durationMs, s.error, s.parentId]),
    ).toEqual([
      ['CLIENT', 'shop', 'shop-db.prod.example.com', 12.5, false, null],
      ['SERVER', 'stock-svc', null, 2, true, 'd7ad6b7169203331'],
    ]);
  });

  it('says what it expected of a body that is no export request', () => {
    expect(() => parseOtlpJson('[]')).toThrow('expected an OTLP ExportTraceServiceRequest');
    expect(() => parseOtlpJson('')).toThrow(/not JSON/);
  });

  it('rejects every span of a resource without service.name', () => {
    const body = {
      resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'aa', spanId: 'bb' }] }] }],
    };
    expect(parseOtlpJson(JSON.stringify(body))).toEqual({ spans: [], rejected: 1 });
  });
});
