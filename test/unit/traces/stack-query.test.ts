import type Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { traceHandlers, type TraceEngine } from '../../../src/main/api/trace-handlers';
import { loadProject } from '../../../src/main/config/load-project';
import type { EngineTarget } from '../../../src/main/engine/endpoint/engine-target';
import { StackQueries } from '../../../src/main/traces/stack-query';
import { querySources } from '../../../src/main/traces/stack-query-sources';
import { TraceHub } from '../../../src/main/traces/trace-hub';
import { lines, makeProject } from '../../support/project-dir';
import { json, startFakeStore, zipkinTrace, type FakeStore } from './fake-trace-store';

// A running container as the engine lists it, with only what detection reads.
function container(
  service: string,
  image: string,
  ports: Docker.Port[],
  labels: Record<string, string> = {},
  state = 'running',
): Docker.ContainerInfo {
  return {
    Id: `id-${service}`,
    Names: [`/p-${service}-1`],
    Image: image,
    State: state,
    Labels: { 'com.docker.compose.service': service, ...labels },
    Ports: ports,
  } as unknown as Docker.ContainerInfo;
}

const published = (inside: number, outside: number, ip = '127.0.0.1'): Docker.Port => ({
  IP: ip,
  PrivatePort: inside,
  PublicPort: outside,
  Type: 'tcp',
});

describe('finding the stack’s Zipkin or Jaeger', () => {
  it('knows them by image or label, and reads them only through a loopback-published port', () => {
    const sources = querySources([
      container('zipkin', 'openzipkin/zipkin:3', [published(9411, 19411)]),
      container('slim', 'docker.io/openzipkin/zipkin-slim@sha256:abc', [
        published(9411, 1, '0.0.0.0'),
      ]),
      container('jaeger', 'jaegertracing/all-in-one:1.57', [published(16686, 26686)]),
      container('hidden', 'openzipkin/zipkin', [{ PrivatePort: 9411, Type: 'tcp' } as Docker.Port]),
      container('lan', 'openzipkin/zipkin', [published(9411, 9411, '192.168.1.20')]),
      container('mine', 'local/tracing:dev', [published(9411, 3000)], {
        'dev.parity.traces.query': 'zipkin',
      }),
      container('shop', 'shop:latest', [published(9411, 4000)]),
      container('stopped', 'openzipkin/zipkin', [published(9411, 5000)], {}, 'exited'),
    ]);
    expect(sources.map((s) => [s.service, s.kind, s.port])).toEqual([
      ['zipkin', 'zipkin', 19411],
      ['slim', 'zipkin', 1],
      ['jaeger', 'jaeger', 26686],
      ['hidden', 'zipkin', null],
      ['lan', 'zipkin', null],
      ['mine', 'zipkin', 3000],
    ]);
    expect(sources[3]?.problem).toBe(
      'hidden publishes no port 9411 on 127.0.0.1 (ports: ["127.0.0.1::9411"] lets Parity read it)',
    );
  });
});

describe('polling a project’s own Zipkin while it is shown', () => {
  let store: FakeStore | null = null;
  let hub: TraceHub | null = null;
  let queries: StackQueries | null = null;
  afterEach(async () => {
    queries?.close();
    hub?.close();
    await store?.close();
  });

  it('counts each call once however often it is read, and stops when no window shows it', async () => {
    let traces = [zipkinTrace(1)];
    store = await startFakeStore({
      '/api/v2/traces': (request, response) => json(traces)(request, response),
    });
    const port = store.port;
    // The pairer forgets a settled call after its wait: the reading must remember more.
    hub = new TraceHub({ notifyMs: 5, pairing: { waitMs: 10, maxPending: 100 } });
    let touched = 0;
    hub.onChange(() => touched++);
    queries = new StackQueries(
      {
        containers: (project) =>
          Promise.resolve(
            project === 'shop'
              ? [container('zipkin', 'openzipkin/zipkin', [published(9411, port)])]
              : [],
          ),
        hub,
      },
      { intervalMs: 40 },
    );
    let stop: (() => void) | null = null;
    queries.watch('window-1', 'shop', (s) => (stop = s));
    await expect.poll(() => hub?.edges().map((e) => e.calls)).toEqual([1]);
    await expect.poll(() => store?.asked.length).toBeGreaterThan(3);
    traces = [zipkinTrace(1), zipkinTrace(2, '500')];
    await expect.poll(() => hub?.edges().map((e) => [e.calls, e.failures])).toEqual([[2, 1]]);
    expect(queries.statuses('shop')).toEqual([
      { kind: 'zipkin', service: 'zipkin', address: `127.0.0.1:${port}`, problem: null },
    ]);
    expect(touched).toBeGreaterThan(0);
    // The first read looks back over the whole window, later ones since the last read.
    const lookbacks = store.asked.map((path) =>
      Number(new URL(`http://x${path}`).searchParams.get('lookback')),
    );
    expect(lookbacks[0]).toBe(15 * 60_000);
    expect(lookbacks.at(-1)).toBeLessThan(60_000);
    expect(stop).not.toBeNull();
    stop!();
    const asked = store.asked.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(store.asked.length).toBeLessThanOrEqual(asked + 1);
    expect(queries.statuses('shop')).toEqual([]);
  });

  it('counts nothing again when a window shows the project again', async () => {
    store = await startFakeStore({ '/api/v2/traces': json([zipkinTrace(1)]) });
    const port = store.port;
    // The pairer forgets a settled call after its wait: the reading must remember more.
    hub = new TraceHub({ notifyMs: 5, pairing: { waitMs: 10, maxPending: 100 } });
    queries = new StackQueries(
      {
        containers: () =>
          Promise.resolve([container('zipkin', 'openzipkin/zipkin', [published(9411, port)])]),
        hub,
      },
      { intervalMs: 20 },
    );
    queries.watch('window', 'shop', () => undefined);
    await expect.poll(() => hub?.edges().map((e) => e.calls)).toEqual([1]);
    queries.watch('window', 'other', () => undefined);
    queries.watch('window', 'shop', () => undefined);
    const asked = store.asked.length;
    await expect.poll(() => store?.asked.length).toBeGreaterThan(asked + 2);
    expect(hub.edges().map((e) => e.calls)).toEqual([1]);
  });

  it('shows a store that stops answering as a quiet status, and goes on reading', async () => {
    store = await startFakeStore({ '/api/v2/traces': json([zipkinTrace(1)]) });
    const port = store.port;
    hub = new TraceHub({ notifyMs: 5 });
    queries = new StackQueries(
      {
        containers: () =>
          Promise.resolve([container('tracing', 'openzipkin/zipkin', [published(9411, port)])]),
        hub,
      },
      { intervalMs: 40 },
    );
    queries.watch('window-1', 'shop', () => undefined);
    await expect.poll(() => hub?.edges().length).toBe(1);
    await store.close();
    store = null;
    await expect
      .poll(() => queries?.statuses('shop')[0]?.problem)
      .toBe(`reading traces from zipkin at 127.0.0.1:${port}: connection refused`);
    // Another window showing another project stops nothing of this one.
    queries.watch('window-2', 'other', () => undefined);
    expect(queries.statuses('shop')).toHaveLength(1);
  });
});

describe('traces.edges and the engine it reads stores through', () => {
  const SESSION_CLOSES: (() => void)[] = [];
  const session = {
    id: 'window',
    emit: () => undefined,
    onClose: (cleanup: () => void) => void SESSION_CLOSES.push(cleanup),
  };
  let hub: TraceHub | null = null;
  afterEach(() => {
    for (const close of SESSION_CLOSES.splice(0)) close();
    hub?.close();
  });

  // An engine whose only container is a Zipkin no one answers at, on a local or a remote socket.
  function engineAt(parsed: EngineTarget['parsed']) {
    const asked: string[] = [];
    const engine: TraceEngine = {
      target: { endpoint: 'x', parsed, source: { kind: 'docker-host' }, tls: null },
      listProjectContainers: (project) => {
        asked.push(project);
        return Promise.resolve([container('zipkin', 'openzipkin/zipkin', [published(9411, 1)])]);
      },
      listRunningContainers: () => Promise.resolve([]),
    };
    return { engine, asked };
  }

  it('reads the shown project’s store on a local engine, and never through a remote one', async () => {
    const dir = makeProject('shop', { 'compose.yaml': lines('services:', '  web: { image: x }') });
    const registry = { load: (id: string) => Promise.resolve(loadProject({ dir: id, env: {} })) };
    for (const [parsed, reads] of [
      [{ scheme: 'unix', path: '/var/run/docker.sock' }, true],
      [{ scheme: 'tcp', host: '127.0.0.1', port: 2375 }, true],
      [{ scheme: 'tcp', host: '10.1.2.3', port: 2376 }, false],
      [{ scheme: 'ssh', host: 'build-box', port: 22, username: null }, false],
    ] as const) {
      hub?.close();
      hub = new TraceHub({ notifyMs: 5 });
      const { engine, asked } = engineAt(parsed);
      const handlers = traceHandlers(registry, hub, engine);
      await handlers['traces.edges']({ project: dir }, session);
      if (reads) {
        await expect.poll(() => asked).toEqual(['shop']);
        await expect
          .poll(async () => (await handlers['traces.edges']({ project: dir }, session)).queries)
          .toEqual([
            expect.objectContaining({
              problem: 'reading traces from zipkin at 127.0.0.1:1: connection refused',
            }),
          ]);
      } else {
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(asked).toEqual([]);
        expect((await handlers['traces.edges']({ project: dir }, session)).queries).toBeUndefined();
      }
    }
  });
});
