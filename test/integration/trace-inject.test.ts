import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../src/main/api/create-api';
import { traceHandlers } from '../../src/main/api/trace-handlers';
import { loadProject } from '../../src/main/config/load-project';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import type { RunningReceiver } from '../../src/main/traces/receiver';
import { startTraceReceiver } from '../../src/main/traces/start-receiver';
import { TraceHub } from '../../src/main/traces/trace-hub';
import { memorySettings, recordingSession } from '../support/api';
import { runParity } from '../support/cli';
import { connectTestEngine, removeProject, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

// parity.yaml `traces: {inject: true}` on the real engine: a busybox service whose compose file
// names no trace endpoint is started with OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME and
// extra_hosts host-gateway, and posts OTLP/JSON spans with `wget --post-data` to the receiver
// through host.docker.internal. Once as `parity up --traces URL`, once as the app and
// `parity serve` start a stack (the API's stack.up, with the receiver on the API's hub).

const SESSION = recordingSession();

// An OTLP/JSON export of one CLIENT span of the service named by %s, calling `stock`.
const SPANS = JSON.stringify({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: '%s' } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: 'eee19b7ec3c1b174',
              name: 'GET /items',
              kind: 3,
              startTimeUnixNano: '1000000000',
              endTimeUnixNano: '1012000000',
              attributes: [{ key: 'peer.service', value: { stringValue: 'stock' } }],
            },
          ],
        },
      ],
    },
  ],
});

function tracedProject(name: string): string {
  return makeProject(name, {
    'parity.yaml': lines(`name: ${name}`, 'traces:', '  inject: true'),
    'compose.yaml': lines(
      'services:',
      '  shop:',
      '    image: busybox:1.37',
      '    environment:',
      `      SPANS: '${SPANS}'`,
      '    command:',
      '      - sh',
      '      - -c',
      '      - >-',
      '        echo "sending to $$OTEL_EXPORTER_OTLP_ENDPOINT as $$OTEL_SERVICE_NAME" &&',
      '        wget -q -O - --header "Content-Type: application/json"',
      '        --post-data "$$(printf "$$SPANS" "$$OTEL_SERVICE_NAME")"',
      '        "$$OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces" && echo && echo posted',
      '  stock:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      // Stopped at once when replaced: sleep as PID 1 would wait out the 10 s grace period.
      '    init: true',
    ),
  });
}

async function finishedLogs(docker: Docker, container: string): Promise<string> {
  const shop = docker.getContainer(container);
  await expect
    .poll(async () => (await shop.inspect()).State.Status, { timeout: 20_000 })
    .toBe('exited');
  const logs = (await shop.logs({ stdout: true, stderr: true })).toString();
  expect((await shop.inspect()).State.ExitCode, logs).toBe(0);
  return logs;
}

describe('traces: {inject: true} with parity up --traces', () => {
  const name = uniqueProjectName('parity-it-inject');
  let docker: Docker;
  let hub: TraceHub;
  let receiver: RunningReceiver;
  let dir: string;

  beforeAll(async () => {
    docker = await connectTestEngine();
    hub = new TraceHub({ pairing: { waitMs: 500, maxPending: 100 } });
    receiver = await startTraceReceiver(hub, { zipkin: 0, otlp: 0 });
    dir = tracedProject(name);
  });
  afterAll(async () => {
    await receiver?.close();
    hub?.close();
    if (docker) await removeProject(docker, name);
  });

  it('starts the service with the receiver in its env, and its spans arrive', async () => {
    const up = await runParity([
      'up',
      '-d',
      '--project-directory',
      dir,
      '--traces',
      receiver.otlpUrl,
    ]);
    expect(up.code, up.stderr).toBe(0);
    const endpoint = `http://host.docker.internal:${receiver.otlpPort}`;
    expect(up.stderr).toContain(
      `traces.inject: shop: OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint}, ` +
        'OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf, OTEL_SERVICE_NAME=shop, ' +
        'extra_hosts host.docker.internal:host-gateway',
    );
    const inspected = await docker.getContainer(`${name}-shop-1`).inspect();
    expect(inspected.Config.Env).toContain(`OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint}`);
    expect(inspected.Config.Env).toContain('OTEL_SERVICE_NAME=shop');
    expect(inspected.HostConfig.ExtraHosts).toEqual(['host.docker.internal:host-gateway']);

    const logs = await finishedLogs(docker, `${name}-shop-1`);
    expect(logs).toContain(`sending to ${endpoint} as shop`);
    expect(logs).toContain('posted');
    const handlers = traceHandlers(
      { load: (id) => Promise.resolve(loadProject({ dir: id, env: {} })) },
      hub,
    );
    const calls = await handlers['traces.edges']({ project: dir }, SESSION);
    expect(calls.edges).toEqual([
      expect.objectContaining({ from: 'shop', to: 'stock', calls: 1, failures: 0, p95Ms: 12 }),
    ]);
  });

  it('says so, and injects nothing, when no receiver is known', async () => {
    const up = await runParity(['up', '-d', '--project-directory', dir, 'stock'], {
      ...process.env,
      PARITY_TRACES_URL: '',
    });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain(
      'parity.yaml asks for traces.inject, but no span receiver is known here: pass --traces URL',
    );
    const inspected = await docker.getContainer(`${name}-stock-1`).inspect();
    expect(inspected.Config.Env?.join('\n')).not.toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
  });
});

describe('traces: {inject: true} when the app or parity serve starts the stack', () => {
  const name = uniqueProjectName('parity-it-inject-api');
  let docker: Docker;
  let api: ParityApi;
  let receiver: RunningReceiver;
  let dir: string;

  beforeAll(async () => {
    docker = await connectTestEngine();
    api = createApi({
      engine: DockerEngine.fromEnvironment(),
      settings: memorySettings(),
      env: process.env,
    });
    // As serve.ts and setup-traces.ts do: the receiver feeds the API's own hub.
    receiver = await startTraceReceiver(api.traces, { zipkin: 0, otlp: 0 });
    dir = tracedProject(name);
    await api.handlers['projects.add']({ directory: dir }, SESSION);
  });
  afterAll(async () => {
    await receiver?.close();
    await api?.close();
    if (docker) await removeProject(docker, name);
  });

  it('points the service at the running receiver, and the graph gets its call', async () => {
    expect(await api.handlers['stack.up']({ project: dir }, SESSION)).toEqual({ failed: [] });
    const inspected = await docker.getContainer(`${name}-shop-1`).inspect();
    expect(inspected.Config.Env).toContain(
      `OTEL_EXPORTER_OTLP_ENDPOINT=http://host.docker.internal:${receiver.otlpPort}`,
    );
    expect(await finishedLogs(docker, `${name}-shop-1`)).toContain('posted');
    await expect
      .poll(async () => (await api.handlers['traces.edges']({ project: dir }, SESSION)).edges)
      .toEqual([expect.objectContaining({ from: 'shop', to: 'stock', calls: 1 })]);
  });

  it('compares the running containers with the stack as it was started, not as stale', async () => {
    const runtime = await api.handlers['drift.get']({ project: dir, against: 'runtime' }, SESSION);
    if (!runtime.available) throw new Error(runtime.reason);
    const stock = runtime.report.findings.filter((f) => f.service === 'stock');
    expect(stock.map((f) => `${f.path}: ${f.rule}`)).toEqual([]);
  });
});
