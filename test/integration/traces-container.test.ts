import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/main/config/load-project';
import { traceHandlers } from '../../src/main/api/trace-handlers';
import type { RunningReceiver } from '../../src/main/traces/receiver';
import { startTraceReceiver } from '../../src/main/traces/start-receiver';
import { TraceHub } from '../../src/main/traces/trace-hub';
import type { ApiSession } from '../../src/shared/api/contract';
import { runParity } from '../support/cli';
import { connectTestEngine, removeProject, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

// A container of a Compose project posts Zipkin spans with busybox wget to the receiver as
// host.docker.internal (extra_hosts host-gateway, Docker 20.10's way): the receiver must listen
// on the bridge's address, since the container cannot reach the host's 127.0.0.1.

const SESSION: ApiSession = { id: 't', emit: () => undefined, onClose: () => undefined };
const TRACE = 'c0ffee00c0ffee01';
const SPANS = JSON.stringify([
  {
    traceId: TRACE,
    id: 'a000000000000001',
    kind: 'CLIENT',
    duration: 12000,
    localEndpoint: { serviceName: 'shop' },
    tags: { 'http.url': 'http://stock:8080/items', 'http.status_code': '503' },
  },
  {
    traceId: TRACE,
    parentId: 'a000000000000001',
    id: 'b000000000000001',
    kind: 'SERVER',
    duration: 9000,
    localEndpoint: { serviceName: 'stock' },
  },
]);

describe('spans posted from a container through host.docker.internal', () => {
  const name = uniqueProjectName('parity-it-traces');
  let docker: Docker;
  let hub: TraceHub;
  let receiver: RunningReceiver;
  let dir: string;

  beforeAll(async () => {
    docker = await connectTestEngine();
    hub = new TraceHub({ pairing: { waitMs: 500, maxPending: 100 } });
    receiver = await startTraceReceiver(hub, { zipkin: 0, otlp: 0 });
    dir = makeProject(name, {
      'compose.yaml': lines(
        'services:',
        '  shop:',
        '    image: busybox:1.37',
        '    extra_hosts: ["host.docker.internal:host-gateway"]',
        '    environment:',
        `      ZIPKIN_ENDPOINT: http://host.docker.internal:${receiver.zipkinPort}/api/v2/spans`,
        `      SPANS: '${SPANS}'`,
        '    command:',
        '      - sh',
        '      - -c',
        `      - 'wget -q -O - --header "Content-Type: application/json" --post-data "$$SPANS" "$$ZIPKIN_ENDPOINT" && echo posted'`,
        '  stock:',
        '    image: busybox:1.37',
        '    command: [sleep, "600"]',
      ),
    });
  });
  afterAll(async () => {
    await receiver?.close();
    hub?.close();
    if (docker) await removeProject(docker, name);
  });

  it('listens on the container bridge as well as on loopback', () => {
    expect(receiver.bridgeProblem).toBeNull();
    expect(receiver.bridgeAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(receiver.zipkinUrl).toBe(`http://127.0.0.1:${receiver.zipkinPort}/api/v2/spans`);
  });

  it('receives them: the project shows shop → stock, one call, failed, p95 12 ms, not declared', async () => {
    const up = await runParity(['up', '-d', '--project-directory', dir, '-p', name]);
    expect(up.code, up.stderr).toBe(0);
    const shop = docker.getContainer(`${name}-shop-1`);
    await expect
      .poll(async () => (await shop.inspect()).State.Status, { timeout: 20_000 })
      .toBe('exited');
    const logs = (await shop.logs({ stdout: true, stderr: true })).toString();
    expect((await shop.inspect()).State.ExitCode, logs).toBe(0);
    expect(logs).toContain('posted');
    const handlers = traceHandlers(
      { load: (id) => Promise.resolve(loadProject({ dir: id, env: {} })) },
      hub,
    );
    const calls = await handlers['traces.edges']({ project: dir }, SESSION);
    expect(calls.edges).toEqual([
      expect.objectContaining({
        from: 'shop',
        to: 'stock',
        calls: 1,
        failures: 1,
        p95Ms: 12,
        declared: false,
      }),
    ]);
    expect(calls.receiver).toEqual({ zipkin: receiver.zipkinUrl, otlp: receiver.otlpUrl });
  });
});
