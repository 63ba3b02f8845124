import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservedCalls } from '../../src/shared/traces';
import { websocketConnection, type TestConnection } from '../support/connections';
import { runParity, startParityServe, type ServeProcess } from '../support/cli';
import { connectTestEngine, removeProject, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';
import { testSettingsEnv } from '../support/shop';

// Through `parity serve`, as the page sees it: a project's own Zipkin (busybox httpd serving a
// static /api/v2/traces, under an openzipkin/zipkin image name) is read for the calls it
// holds, and a second "Jaeger" that answers nothing useful is a quiet status. Two projects
// both have a `shop` that posts spans from its container to the receiver: each project shows
// only its own shop's calls, told apart by the container's address.

// Zipkin's /api/v2/traces: cart calls stock twice, the second time stock fails with a 500.
function zipkinTraces(): object[][] {
  return ['1', '2'].map((n) => [
    {
      traceId: `7a00000000000${n}`,
      id: `ca0000000000000${n}`,
      kind: 'CLIENT',
      timestamp: 1_765_000_000_000_000,
      duration: 7_000,
      localEndpoint: { serviceName: 'cart' },
      tags: { 'http.url': 'http://stock/items', 'http.status_code': n === '2' ? '500' : '200' },
    },
    {
      traceId: `7a00000000000${n}`,
      parentId: `ca0000000000000${n}`,
      id: `5e0000000000000${n}`,
      kind: 'SERVER',
      timestamp: 1_765_000_000_001_000,
      duration: 5_000,
      localEndpoint: { serviceName: 'stock' },
    },
  ]);
}

// `count` calls shop -> stock, named by the client, failed or not.
function shopSpans(prefix: string, count: number, failed: boolean): string {
  return JSON.stringify(
    Array.from({ length: count }, (_, i) => ({
      traceId: `${prefix}00000000000${i}`,
      id: `${prefix}10000000000${i}`,
      kind: 'CLIENT',
      duration: 3_000,
      localEndpoint: { serviceName: 'shop' },
      remoteEndpoint: { serviceName: 'stock' },
      tags: failed ? { 'http.status_code': '503' } : {},
    })),
  );
}

// A shop that posts its spans once, through host.docker.internal, then stays up.
function shop(spans: string, receiverPort: number): string[] {
  return [
    '  shop:',
    `    image: ${TEST_IMAGE}`,
    '    extra_hosts: ["host.docker.internal:host-gateway"]',
    '    environment:',
    `      ZIPKIN_ENDPOINT: http://host.docker.internal:${receiverPort}/api/v2/spans`,
    `      SPANS: '${spans}'`,
    '    command:',
    '      - sh',
    '      - -c',
    `      - 'wget -q -O - --header "Content-Type: application/json" --post-data "$$SPANS" "$$ZIPKIN_ENDPOINT" && echo posted; exec sleep 600'`,
    '  stock:',
    `    image: ${TEST_IMAGE}`,
    '    command: [sleep, "600"]',
  ];
}

describe("a stack's own Zipkin, and two stacks with a shop, through parity serve", () => {
  const alpha = uniqueProjectName('parity-it-tq-a');
  const beta = uniqueProjectName('parity-it-tq-b');
  // busybox under Zipkin's name, so that the image name is what finds it.
  const zipkinImage = `openzipkin/zipkin:${alpha}`;
  let docker: Docker;
  let serve: ServeProcess;
  let client: TestConnection & { close: () => void };
  let dirs: { alpha: string; beta: string };

  beforeAll(async () => {
    docker = await connectTestEngine();
    await docker.getImage(TEST_IMAGE).tag({ repo: 'openzipkin/zipkin', tag: alpha });
    serve = await startParityServe(testSettingsEnv());
    const receiver = /traces: http:\/\/127\.0\.0\.1:(\d+)\/api\/v2\/spans/.exec(serve.output);
    const address = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([^&\s]+)/.exec(serve.url);
    if (!receiver?.[1] || !address?.[1] || !address[2]) {
      throw new Error(`unexpected output of parity serve: ${serve.output}`);
    }
    const receiverPort = Number(receiver[1]);
    client = websocketConnection(Number(address[1]), address[2]);
    dirs = {
      alpha: makeProject(alpha, {
        'zipkin/api/v2/traces': JSON.stringify(zipkinTraces()),
        'compose.yaml': lines(
          'services:',
          '  zipkin:',
          `    image: ${zipkinImage}`,
          '    ports: ["127.0.0.1::9411"]',
          '    volumes: ["./zipkin:/www:ro"]',
          '    command: [httpd, -f, -p, "9411", -h, /www]',
          '  jaeger:',
          `    image: ${TEST_IMAGE}`,
          '    labels: { dev.parity.traces.query: jaeger }',
          '    ports: ["127.0.0.1::16686"]',
          '    command: [httpd, -f, -p, "16686", -h, /]',
          '  cart:',
          `    image: ${TEST_IMAGE}`,
          '    command: [sleep, "600"]',
          ...shop(shopSpans('a', 1, false), receiverPort),
        ),
      }),
      beta: makeProject(beta, {
        'compose.yaml': lines('services:', ...shop(shopSpans('b', 3, true), receiverPort)),
      }),
    };
    for (const [name, dir] of [
      [alpha, dirs.alpha],
      [beta, dirs.beta],
    ] as const) {
      await client.api['projects.add']({ directory: dir });
      const up = await runParity(['up', '-d', '--project-directory', dir, '-p', name]);
      expect(up.code, up.stderr).toBe(0);
    }
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await serve?.stop();
    if (docker) {
      await removeProject(docker, alpha);
      await removeProject(docker, beta);
      await docker
        .getImage(zipkinImage)
        .remove()
        .catch(() => undefined);
    }
  });

  const edgesOf = async (dir: string): Promise<ObservedCalls> =>
    client.api['traces.edges']({ project: dir });
  const summary = (calls: ObservedCalls): string[] =>
    calls.edges.map((e) => `${e.from} → ${e.to}: ${e.calls} calls, ${e.failures} failed`);

  it('shows the calls held in the project’s Zipkin beside those its shop posted', async () => {
    await expect
      .poll(async () => summary(await edgesOf(dirs.alpha)), { timeout: 30_000, interval: 500 })
      .toEqual(['cart → stock: 2 calls, 1 failed', 'shop → stock: 1 calls, 0 failed']);
    const zipkin = (await docker.getContainer(`${alpha}-zipkin-1`).inspect()).NetworkSettings.Ports[
      '9411/tcp'
    ]?.[0]?.HostPort;
    const jaeger = (await docker.getContainer(`${alpha}-jaeger-1`).inspect()).NetworkSettings.Ports[
      '16686/tcp'
    ]?.[0]?.HostPort;
    const calls = await edgesOf(dirs.alpha);
    // By service name: jaeger, then zipkin.
    expect(calls.queries).toEqual([
      expect.objectContaining({
        service: 'jaeger',
        problem: `reading traces from jaeger at 127.0.0.1:${jaeger}: answered HTTP 404 to /api/services`,
      }),
      expect.objectContaining({ service: 'zipkin', address: `127.0.0.1:${zipkin}`, problem: null }),
    ]);
  });

  it('keeps each shop’s posted calls to its own project, though both are named shop', async () => {
    await expect
      .poll(async () => summary(await edgesOf(dirs.beta)), { timeout: 30_000, interval: 500 })
      .toEqual(['shop → stock: 3 calls, 3 failed']);
    // Read many times over by now: still counted once each.
    expect(summary(await edgesOf(dirs.alpha))).toEqual([
      'cart → stock: 2 calls, 1 failed',
      'shop → stock: 1 calls, 0 failed',
    ]);
    const posted = (await docker.getContainer(`${beta}-shop-1`).logs({ stdout: true })).toString();
    expect(posted).toContain('posted');
  });
});
