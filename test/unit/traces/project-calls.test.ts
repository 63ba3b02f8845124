import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { traceHandlers } from '../../../src/main/api/trace-handlers';
import { TraceHub } from '../../../src/main/traces/trace-hub';
import { productionHosts } from '../../../src/main/traces/production-hosts';
import type { Span } from '../../../src/main/traces/span';
import { makeProject, lines, deploymentWithEnv } from '../../support/project-dir';
import type { ApiSession } from '../../../src/shared/api/contract';

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));
const SESSION: ApiSession = { id: 't', emit: () => undefined, onClose: () => undefined };

function client(id: string, service: string, to: Partial<Span>, extra: Partial<Span> = {}): Span {
  return {
    traceId: 'feed',
    id,
    parentId: null,
    kind: 'CLIENT',
    service,
    remoteService: null,
    remoteHost: null,
    durationMs: 12,
    error: false,
    shared: false,
    ...to,
    ...extra,
  };
}

describe('production hosts', () => {
  it("finds the example's production database host in its ConfigMap, with file and line", () => {
    const { project } = loadProject({ dir: SHOP, env: {} });
    if (!project) throw new Error('examples/shop does not load');
    const hosts = productionHosts(project);
    expect(hosts.get('shop-db.prod.example.com')).toBe('deploy/k8s/config.yaml:14');
  });
});

describe('traces.edges for a project', () => {
  it('maps span names (and OTEL_SERVICE_NAME) to services, marks undeclared calls, lists outside hosts', async () => {
    const dir = makeProject('calls', {
      'compose.yaml': lines(
        'services:',
        '  web:',
        '    image: busybox:1.37',
        '    depends_on: [api]',
        '  api:',
        '    image: busybox:1.37',
        '    environment:',
        '      OTEL_SERVICE_NAME: shop-api',
        '  db:',
        '    image: busybox:1.37',
      ),
      'parity.yaml': lines('production:', '  - kubernetes: k8s'),
      'k8s/api.yaml': deploymentWithEnv('api', {
        PAYMENTS_URL: 'https://payments.prod.example.com/v1',
      }),
    });
    const hub = new TraceHub({ pairing: { waitMs: 0, maxPending: 10 } });
    await hub.add([
      client('01', 'web', { remoteService: 'shop-api' }, { error: true }),
      client('02', 'web', { remoteService: 'shop-api' }),
      client('03', 'shop-api', { remoteHost: 'db' }),
      client('04', 'shop-api', { remoteHost: 'payments.prod.example.com' }),
      client('05', 'web', { remoteHost: 'cdn.example.net' }),
      client('06', 'stranger', { remoteService: 'api' }),
    ]);
    const handlers = traceHandlers(
      { load: (id) => Promise.resolve(loadProject({ dir: id, env: {} })) },
      hub,
    );
    const calls = await handlers['traces.edges']({ project: dir }, SESSION);
    hub.close();
    expect(
      calls.edges.map((e) => [e.from, e.to, e.calls, e.failures, e.p95Ms, e.declared]),
    ).toEqual([
      ['api', 'db', 1, 0, 12, false],
      ['web', 'api', 2, 1, 12, true],
    ]);
    expect(calls.outside.map((o) => [o.host, o.from, o.production])).toEqual([
      ['payments.prod.example.com', ['api'], 'k8s/api.yaml:12'],
      ['cdn.example.net', ['web'], null],
    ]);
    expect(calls.windowMinutes).toBe(15);
  });
});
