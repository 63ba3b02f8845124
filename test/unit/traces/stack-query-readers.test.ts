import { afterEach, describe, expect, it } from 'vitest';
import { readJaeger } from '../../../src/main/traces/jaeger-query';
import { QueryProblem, getJson } from '../../../src/main/traces/stack-query-fetch';
import { readZipkin } from '../../../src/main/traces/zipkin-query';
import { json, startFakeStore, zipkinTrace, type FakeStore } from './fake-trace-store';

const WINDOW = { endMs: 1_765_000_100_000, lookbackMs: 900_000, maxTraces: 10 };
const LIMITS = { maxBytes: 64 * 1024, timeoutMs: 500 };

// A Jaeger /api/traces answer as its UI gets it: shop calls stock, the server failing.
const JAEGER_TRACE = {
  traceID: '00000000000000000000000000abc123',
  spans: [
    {
      traceID: '00000000000000000000000000abc123',
      spanID: '1111111111111111',
      operationName: 'GET /items',
      references: [],
      startTime: 1_765_000_000_000_000,
      duration: 20_000,
      tags: [
        { key: 'span.kind', type: 'string', value: 'client' },
        { key: 'http.status_code', type: 'int64', value: 503 },
      ],
      processID: 'p1',
    },
    {
      traceID: '00000000000000000000000000abc123',
      spanID: '2222222222222222',
      operationName: 'GET /items',
      references: [
        {
          refType: 'CHILD_OF',
          traceID: '00000000000000000000000000abc123',
          spanID: '1111111111111111',
        },
      ],
      startTime: 1_765_000_000_002_000,
      duration: 15_000,
      tags: [
        { key: 'span.kind', type: 'string', value: 'server' },
        { key: 'error', type: 'bool', value: true },
      ],
      processID: 'p2',
    },
    { spanID: 'not a span' },
  ],
  processes: { p1: { serviceName: 'shop', tags: [] }, p2: { serviceName: 'stock', tags: [] } },
};

describe("reading a stack's own trace store", () => {
  let store: FakeStore | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
  });

  it('reads Zipkin traces as spans, asking for the window and the trace limit', async () => {
    store = await startFakeStore({ '/api/v2/traces': json([zipkinTrace(1), zipkinTrace(2)]) });
    const spans = await readZipkin(store.port, WINDOW, LIMITS);
    expect(spans.map((s) => `${s.service} ${s.kind} ${s.durationMs} ms`)).toEqual([
      'shop CLIENT 12 ms',
      'stock SERVER 9 ms',
      'shop CLIENT 12 ms',
      'stock SERVER 9 ms',
    ]);
    const asked = new URL(`http://x${store.asked[0]}`);
    expect(asked.pathname).toBe('/api/v2/traces');
    expect(asked.searchParams.get('endTs')).toBe('1765000100000');
    expect(asked.searchParams.get('lookback')).toBe('900000');
    expect(asked.searchParams.get('limit')).toBe('10');
  });

  it('takes no more traces than asked when the store sends more', async () => {
    const traces = Array.from({ length: 30 }, (_, i) => zipkinTrace(i));
    store = await startFakeStore({ '/api/v2/traces': json(traces) });
    expect(await readZipkin(store.port, WINDOW, LIMITS)).toHaveLength(20);
  });

  it('reads Jaeger: every service but its own, spans with parents, kinds and failures', async () => {
    store = await startFakeStore({
      '/api/services': json({ data: ['stock', 'jaeger-all-in-one', 'shop'], total: 3 }),
      '/api/traces': json({ data: [JAEGER_TRACE], total: 1, limit: 0, offset: 0, errors: null }),
    });
    const spans = await readJaeger(store.port, WINDOW, LIMITS);
    const asked = store.asked.map((path) => new URL(`http://x${path}`));
    expect(asked.map((u) => u.searchParams.get('service'))).toEqual([null, 'shop', 'stock']);
    // Jaeger's times are microseconds.
    expect(asked[1]?.searchParams.get('start')).toBe('1764999200000000');
    expect(asked[1]?.searchParams.get('end')).toBe('1765000100000000');
    expect(spans[0]).toMatchObject({
      service: 'shop',
      kind: 'CLIENT',
      parentId: null,
      durationMs: 20,
      error: true,
    });
    expect(spans[1]).toMatchObject({
      service: 'stock',
      kind: 'SERVER',
      parentId: '1111111111111111',
      error: true,
    });
    // Both services' traces hold the same trace: read twice, the poller counts it once.
    expect(spans).toHaveLength(4);
  });

  it('says what is wrong with a store that answers badly, never throwing anything else', async () => {
    store = await startFakeStore({
      '/api/v2/traces': json('{"not": "closed'),
      '/api/services': json({ services: [] }),
      '/big': json(`[${'"x",'.repeat(40_000)}"x"]`),
      '/fails': json({ message: 'storage down' }, 500),
      '/slow': () => undefined,
    });
    const port = store.port;
    await expect(readZipkin(port, WINDOW, LIMITS)).rejects.toThrow(
      /answered something that is not JSON/,
    );
    await expect(readJaeger(port, WINDOW, LIMITS)).rejects.toThrow(
      'answered /api/services without the list under "data" Jaeger sends',
    );
    await expect(getJson(port, '/big', LIMITS)).rejects.toThrow('answered more than');
    await expect(getJson(port, '/fails', LIMITS)).rejects.toThrow('answered HTTP 500 to /fails');
    const started = Date.now();
    await expect(getJson(port, '/slow', LIMITS)).rejects.toThrow('no answer within 0.5 s');
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(getJson(port, '/slow', LIMITS)).rejects.toBeInstanceOf(QueryProblem);
  });

  it('reports a store that is not there as connection refused', async () => {
    store = await startFakeStore({});
    const port = store.port;
    await store.close();
    store = null;
    await expect(readZipkin(port, WINDOW, LIMITS)).rejects.toThrow('connection refused');
  });

  it('refuses a Zipkin answer that is JSON of another shape', async () => {
    store = await startFakeStore({ '/api/v2/traces': json({ traces: [] }) });
    await expect(readZipkin(store.port, WINDOW, LIMITS)).rejects.toThrow(
      'answered /api/v2/traces with something other than a list of traces',
    );
  });
});
