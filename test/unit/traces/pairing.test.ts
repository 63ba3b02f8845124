import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EdgeStore } from '../../../src/main/traces/edge-store';
import { SpanPairer } from '../../../src/main/traces/pairing';
import type { Span } from '../../../src/main/traces/span';
import { parseZipkin } from '../../../src/main/traces/zipkin';

const WAIT = { waitMs: 1000, maxPending: 100 };

function span(partial: Partial<Span> & Pick<Span, 'id' | 'kind' | 'service'>): Span {
  return {
    traceId: 't1',
    parentId: null,
    remoteService: null,
    remoteHost: null,
    durationMs: 10,
    error: false,
    shared: false,
    ...partial,
  };
}

describe('pairing client and server spans into calls', () => {
  it('pairs the fixture trace whatever the servers clock says, and names the callee that named itself', () => {
    const pairer = new SpanPairer(WAIT);
    const { spans } = parseZipkin(
      readFileSync(new URL('../../fixtures/traces/zipkin-shop.json', import.meta.url), 'utf8'),
    );
    const calls = pairer.add(spans, 0);
    // The stock server's timestamp is before its client's (clock skew): still one call, timed
    // by the client.
    expect(calls).toEqual([
      {
        from: 'shop',
        to: { kind: 'service', name: 'stock-svc' },
        durationMs: 12,
        failed: false,
        at: 0,
      },
      {
        from: 'shop',
        to: { kind: 'service', name: 'payments' },
        durationMs: 250,
        failed: true,
        at: 0,
      },
    ]);
    // The shop's own SERVER span has no parent (an untraced caller): no call, nothing waits.
    expect(pairer.pending).toBe(0);
  });

  it('forgets a server whose client span never comes (a missing parent), with no call', () => {
    const pairer = new SpanPairer(WAIT);
    pairer.add([span({ id: 's', parentId: 'gone', kind: 'SERVER', service: 'stock' })], 0);
    expect(pairer.pending).toBe(1);
    expect(pairer.expire(1000)).toEqual([]);
    expect(pairer.pending).toBe(0);
  });

  it('pairs a server that arrives before its client, and counts a failure on either side', () => {
    const pairer = new SpanPairer(WAIT);
    expect(
      pairer.add(
        [span({ id: 's', parentId: 'c', kind: 'SERVER', service: 'stock', error: true })],
        0,
      ),
    ).toEqual([]);
    const calls = pairer.add(
      [span({ id: 'c', kind: 'CLIENT', service: 'shop', durationMs: 7 })],
      10,
    );
    expect(calls).toEqual([
      { from: 'shop', to: { kind: 'service', name: 'stock' }, durationMs: 7, failed: true, at: 10 },
    ]);
  });

  it("pairs Zipkin's shared spans (the server half keeps the client's id)", () => {
    const pairer = new SpanPairer(WAIT);
    const calls = pairer.add(
      [
        span({ id: 'x', kind: 'CLIENT', service: 'web' }),
        span({ id: 'x', kind: 'SERVER', service: 'api', shared: true }),
      ],
      0,
    );
    expect(calls.map((c) => [c.from, c.to.name])).toEqual([['web', 'api']]);
  });

  it('makes a client with only a host, whose server never comes (missing parent), a call to the host', () => {
    const pairer = new SpanPairer(WAIT);
    expect(
      pairer.add(
        [span({ id: 'c', kind: 'CLIENT', service: 'shop', remoteHost: 'api.stripe.com' })],
        0,
      ),
    ).toEqual([]);
    expect(pairer.expire(500)).toEqual([]);
    expect(pairer.expire(1000)).toEqual([
      {
        from: 'shop',
        to: { kind: 'host', name: 'api.stripe.com' },
        durationMs: 10,
        failed: false,
        at: 1000,
      },
    ]);
  });

  it('counts a client named at once only once when its server comes later, and ignores calls to itself', () => {
    const pairer = new SpanPairer(WAIT);
    const first = pairer.add(
      [span({ id: 'c', kind: 'CLIENT', service: 'shop', remoteService: 'stock' })],
      0,
    );
    const later = pairer.add(
      [span({ id: 's', parentId: 'c', kind: 'SERVER', service: 'stock' })],
      5,
    );
    const self = pairer.add(
      [
        span({ id: 'd', kind: 'CLIENT', service: 'a' }),
        span({ id: 'e', parentId: 'd', kind: 'SERVER', service: 'a' }),
      ],
      6,
    );
    expect([first.length, later.length, self.length]).toEqual([1, 0, 0]);
  });

  it('keeps at most maxPending halves, dropping the oldest', () => {
    const pairer = new SpanPairer({ waitMs: 1000, maxPending: 10 });
    const spans = Array.from({ length: 50 }, (_, i) =>
      span({ id: `c${i}`, kind: 'CLIENT', service: 'a', remoteHost: 'h' }),
    );
    pairer.add(spans, 0);
    expect(pairer.pending).toBe(10);
    expect(pairer.dropped).toBe(40);
  });
});

describe('the edge store', () => {
  const call = (at: number, durationMs: number, failed = false, to = 'b') => ({
    from: 'a',
    to: { kind: 'service' as const, name: to },
    durationMs,
    failed,
    at,
  });

  it('counts calls and failures with p50 and p95 over the window, and forgets what left it', () => {
    const store = new EdgeStore({ windowMs: 60_000, maxEdges: 10, samples: 100 });
    store.record(Array.from({ length: 20 }, (_, i) => call(1000, i + 1, i < 2)));
    expect(store.list(2000)).toEqual([
      {
        from: 'a',
        to: { kind: 'service', name: 'b' },
        calls: 20,
        failures: 2,
        p50Ms: 10,
        p95Ms: 19,
        lastSeen: 1000,
      },
    ]);
    store.record([call(50_000, 100)]);
    expect(store.list(65_000)[0]).toMatchObject({ calls: 1, failures: 0, p50Ms: 100, p95Ms: 100 });
    expect(store.list(200_000)).toEqual([]);
    expect(store.size).toBe(0);
  });

  it('keeps at most maxEdges edges, the one seen longest ago making room', () => {
    const store = new EdgeStore({ windowMs: 60_000, maxEdges: 3, samples: 4 });
    for (let i = 0; i < 10; i++) store.record([call(i, 1, false, `s${i}`)]);
    expect(store.list(100).map((e) => e.to.name)).toEqual(['s7', 's8', 's9']);
  });
});
