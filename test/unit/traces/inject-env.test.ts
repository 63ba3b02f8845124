import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/shared/diagnostics';
import { loadProject, type LoadedProject } from '../../../src/main/config/load-project';
import { configHash, containerSpec } from '../../../src/main/engine/container-spec';
import { injectionLines, injectTraceEnv } from '../../../src/main/traces/inject-env';
import { receiverTarget } from '../../../src/main/traces/inject-target';
import { runCliCaptured } from '../../support/cli';
import { lines, makeProject } from '../../support/project-dir';

const RECEIVER = 'http://127.0.0.1:4318/v1/traces';

const COMPOSE = lines(
  'services:',
  '  shop:',
  '    image: busybox:1.37',
  '  stock:',
  '    image: busybox:1.37',
  '    environment:',
  '      OTEL_SERVICE_NAME: inventory',
  '    extra_hosts: ["host.docker.internal:10.9.8.7"]',
  '  billing:',
  '    image: busybox:1.37',
  '    environment:',
  '      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: http://collector:4318/v1/traces',
  '  legacy:',
  '    image: busybox:1.37',
  '    environment:',
  '      ZIPKIN_ENDPOINT: http://zipkin:9411/api/v2/spans',
  '  probe:',
  '    image: busybox:1.37',
  '    network_mode: host',
  '  sidecar:',
  '    image: busybox:1.37',
  '    network_mode: service:shop',
  '  offline:',
  '    image: busybox:1.37',
  '    network_mode: none',
);

function load(parity: string, compose = COMPOSE): LoadedProject {
  const dir = makeProject('inject', { 'compose.yaml': compose, 'parity.yaml': parity });
  const { project, diagnostics } = loadProject({ dir, env: {} });
  if (!project) throw new Error(diagnostics.map(formatDiagnostic).join('\n'));
  return project;
}

const INJECTING = lines('name: inject', '# the receiver', 'traces:', '  inject: true');

describe('traces: {inject: true}', () => {
  it('points a service that names no endpoint at the receiver as host.docker.internal', () => {
    const { project, injected, note } = injectTraceEnv(load(INJECTING), RECEIVER);
    expect(note).toBeNull();
    const shop = project.model.services.shop;
    expect(shop?.environment.OTEL_EXPORTER_OTLP_ENDPOINT?.value).toBe(
      'http://host.docker.internal:4318',
    );
    expect(shop?.environment.OTEL_EXPORTER_OTLP_PROTOCOL?.value).toBe('http/protobuf');
    expect(shop?.environment.OTEL_SERVICE_NAME?.value).toBe('shop');
    expect(shop?.extraHosts?.value).toEqual(['host.docker.internal:host-gateway']);
    // Its source is the line that asked for it, not a compose file that never set it.
    expect(shop?.environment.OTEL_SERVICE_NAME?.source).toEqual({
      file: 'parity.yaml',
      line: 4,
      column: 11,
    });
    expect(injected.map((i) => i.service).sort()).toEqual(['probe', 'shop', 'sidecar', 'stock']);
  });

  it('creates the container with that env and host, and a config hash of its own', () => {
    const loaded = load(INJECTING);
    const { project } = injectTraceEnv(loaded, RECEIVER);
    const shop = project.model.services.shop;
    if (!shop) throw new Error('no shop');
    const spec = containerSpec(project, shop, 1);
    expect(spec.Env).toContain('OTEL_EXPORTER_OTLP_ENDPOINT=http://host.docker.internal:4318');
    expect(spec.HostConfig?.ExtraHosts).toEqual(['host.docker.internal:host-gateway']);
    // Turning inject on (or the receiver's port changing) recreates the container.
    const plain = loaded.model.services.shop;
    if (!plain) throw new Error('no shop');
    expect(configHash(project, shop)).not.toBe(configHash(loaded, plain));
  });

  it('never replaces what the compose file sets', () => {
    const loaded = load(INJECTING);
    const { project } = injectTraceEnv(loaded, RECEIVER);
    const { stock, billing, legacy } = project.model.services;
    // Its own service name and its own host.docker.internal stay.
    expect(stock?.environment.OTEL_SERVICE_NAME?.value).toBe('inventory');
    expect(stock?.environment.OTEL_EXPORTER_OTLP_ENDPOINT?.value).toBe(
      'http://host.docker.internal:4318',
    );
    expect(stock?.extraHosts?.value).toEqual(['host.docker.internal:10.9.8.7']);
    // A service that sends its spans elsewhere (OTLP or Zipkin) is left entirely alone.
    expect(billing).toBe(loaded.model.services.billing);
    expect(legacy).toBe(loaded.model.services.legacy);
    // The loaded project itself is not changed: drift compares the files.
    expect(loaded.model.services.shop?.environment.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it("uses the host's loopback on the host network, and no extra_hosts where the engine refuses it", () => {
    const { project } = injectTraceEnv(load(INJECTING), RECEIVER);
    const { probe, sidecar, offline } = project.model.services;
    expect(probe?.environment.OTEL_EXPORTER_OTLP_ENDPOINT?.value).toBe('http://127.0.0.1:4318');
    expect(probe?.extraHosts).toBeNull();
    expect(sidecar?.environment.OTEL_EXPORTER_OTLP_ENDPOINT?.value).toBe(
      'http://host.docker.internal:4318',
    );
    expect(sidecar?.extraHosts).toBeNull();
    expect(offline?.environment.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it('does nothing without inject, and says why when no receiver is known', () => {
    const off = injectTraceEnv(load(lines('traces:', '  inject: false')), RECEIVER);
    expect(off.injected).toEqual([]);
    expect(off.note).toBeNull();
    const unknown = injectTraceEnv(load(INJECTING), null);
    expect(unknown.injected).toEqual([]);
    expect(injectionLines(unknown)).toEqual([
      expect.stringMatching(
        /no span receiver is known here: pass --traces URL .* PARITY_TRACES_URL/,
      ),
    ]);
    const bad = injectTraceEnv(load(INJECTING), 'ftp://127.0.0.1:4318');
    expect(bad.note).toBe(
      'traces.inject: found "ftp://127.0.0.1:4318" as the receiver, expected an http:// or https:// URL',
    );
  });

  it('keeps a collector of your own as written', () => {
    expect(receiverTarget('http://collector.internal:4318/v1/traces')).toEqual({
      fromContainer: 'http://collector.internal:4318',
      fromHostNetwork: 'http://collector.internal:4318',
      viaHostGateway: false,
    });
    expect(receiverTarget('http://localhost:9411/api/v2/spans')).toMatchObject({
      fromContainer: 'http://host.docker.internal:9411',
      viaHostGateway: true,
    });
    expect(receiverTarget('not a url')).toEqual({
      problem: 'found "not a url" as the receiver, expected a URL such as http://127.0.0.1:4318',
    });
  });
});

describe('traces in parity.yaml', () => {
  function problems(parity: string): string[] {
    const dir = makeProject('inject', { 'compose.yaml': COMPOSE, 'parity.yaml': parity });
    return loadProject({ dir, env: {} }).diagnostics.map(formatDiagnostic);
  }

  it('rejects a value that is not true or false at its line', () => {
    expect(problems(lines('traces:', '  inject: "yes please"'))).toEqual([
      'parity.yaml:2:11: error: traces.inject: found "yes please", expected true or false',
    ]);
    expect(problems(lines('traces: true'))).toEqual([
      'parity.yaml:1:9: error: traces: found true, expected a mapping such as { inject: true }',
    ]);
  });

  it('warns about an unknown key under traces', () => {
    expect(problems(lines('traces:', '  injekt: true'))).toEqual([
      'parity.yaml:2:3: warning: unknown key "traces.injekt" in parity.yaml',
    ]);
  });
});

describe('parity config with traces.inject', () => {
  it('shows the injected values, and says what it added', async () => {
    const dir = makeProject('inject', { 'compose.yaml': COMPOSE, 'parity.yaml': INJECTING });
    const shown = await runCliCaptured(
      ['config', '--project-directory', dir, '--traces', RECEIVER],
      {},
    );
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain('OTEL_EXPORTER_OTLP_ENDPOINT: http://host.docker.internal:4318');
    expect(shown.out).toContain('- host.docker.internal:host-gateway');
    expect(shown.err).toContain(
      'traces.inject: shop: OTEL_EXPORTER_OTLP_ENDPOINT=http://host.docker.internal:4318, ' +
        'OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf, OTEL_SERVICE_NAME=shop, ' +
        'extra_hosts host.docker.internal:host-gateway',
    );
    const fromEnv = await runCliCaptured(['config', '--project-directory', dir], {
      PARITY_TRACES_URL: 'http://127.0.0.1:4999/v1/traces',
    });
    expect(fromEnv.out).toContain('OTEL_EXPORTER_OTLP_ENDPOINT: http://host.docker.internal:4999');
    const none = await runCliCaptured(['config', '--project-directory', dir], {});
    expect(none.code).toBe(0);
    expect(none.out).not.toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
    expect(none.err).toContain('no span receiver is known here');
  });
});
