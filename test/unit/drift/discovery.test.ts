import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { serviceDnsName } from '../../../src/main/drift/discovery';
import { readKubernetes, workloadsOf } from '../../../src/main/drift/kubernetes';
import { lines, makeProject } from '../../support/project-dir';

// Service discovery: a value names a service by host (and port). Compose names a service by
// its name at its container port; Kubernetes by a Service's name in any of its DNS forms at
// the Service's port. Values naming the same service and container port are not drift.

describe('serviceDnsName', () => {
  it('reads the four DNS forms of a Service, and nothing else', () => {
    expect(serviceDnsName('api')).toEqual({ name: 'api', namespace: null });
    expect(serviceDnsName('api.shop')).toEqual({ name: 'api', namespace: 'shop' });
    expect(serviceDnsName('api.shop.svc')).toEqual({ name: 'api', namespace: 'shop' });
    expect(serviceDnsName('API.shop.svc.cluster.local')).toEqual({
      name: 'api',
      namespace: 'shop',
    });
    expect(serviceDnsName('api.example.com')).toBeNull();
    expect(serviceDnsName('shop-db.prod.example.com')).toBeNull();
  });
});

function deployment(name: string, port: number | null, env: Record<string, string>): string[] {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: ${name}, namespace: shop }`,
    'spec:',
    `  selector: { matchLabels: { app: ${name} } }`,
    '  template:',
    `    metadata: { labels: { app: ${name} } }`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: example/${name}:1`,
    ...(port === null ? [] : [`          ports: [{ containerPort: ${port} }]`]),
    ...(Object.keys(env).length === 0 ? [] : ['          env:']),
    ...Object.entries(env).map(([k, v]) => `            - { name: ${k}, value: "${v}" }`),
    '---',
  ];
}

function service(name: string, app: string, port: number, target: number): string[] {
  return [
    'apiVersion: v1',
    'kind: Service',
    `metadata: { name: ${name}, namespace: shop }`,
    'spec:',
    `  selector: { app: ${app} }`,
    `  ports: [{ port: ${port}, targetPort: ${target} }]`,
    '---',
  ];
}

// api listens on 8080 on both sides; in production its Service is api-svc, port 80.
// cache is the same name on both sides, Service port = container port.
const CLIENT_ENV: [string, string, string][] = [
  // key, dev value, prod value
  ['CACHE_SHORT', 'cache:6379', 'cache.shop:6379'],
  ['CACHE_SVC', 'redis://cache:6379/0', 'redis://cache.shop.svc:6379/0'],
  ['CACHE_FQDN', 'cache:6379', 'cache.shop.svc.cluster.local:6379'],
  ['API_HOST', 'api:8080', 'api-svc.shop:80'],
  ['API_URL', 'http://api:8080/v1', 'http://api-svc/v1'],
  ['OTHER_NS', 'cache:6379', 'cache.other:6379'],
  ['WRONG_PORT', 'api:8080', 'api-svc:8080'],
  ['OUTSIDE', 'cache:6379', 'cache.example.com:6379'],
  ['OTHER_PATH', 'http://api:8080/v1', 'http://api-svc/v2'],
  ['SWAPPED', 'cache:6379', 'api-svc:80'],
];

const dir = makeProject('discovery', {
  'compose.yaml': lines(
    'services:',
    '  api:',
    '    image: example/api:1',
    '    expose: ["8080"]',
    '  cache:',
    '    image: example/cache:1',
    '    expose: ["6379"]',
    '  client:',
    '    image: example/client:1',
    '    environment:',
    ...CLIENT_ENV.map(([k, v]) => `      ${k}: "${v}"`),
  ),
  'k8s.yaml': lines(
    ...deployment('api', 8080, {}),
    ...service('api-svc', 'api', 80, 8080),
    ...deployment('cache', 6379, {}),
    ...service('cache', 'cache', 6379, 6379),
    ...deployment('client', null, Object.fromEntries(CLIENT_ENV.map(([k, , v]) => [k, v]))),
  ),
});

describe('values naming a service across the platforms', () => {
  const { project, diagnostics } = loadProject({ dir, files: ['compose.yaml'], env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const production = readKubernetes(['k8s.yaml'], dir);
  const report = diffModels(project.model, production.model, {
    workloads: workloadsOf(production),
  });
  const env = (key: string): Finding | undefined =>
    report.findings.find((f) => f.service === 'client' && f.path === `env.${key}`);

  it('pairs the services by name', () => {
    expect(production.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.matches.map((m) => `${m.dev}~${m.prod}`)).toEqual([
      'api~api',
      'cache~cache',
      'client~client',
    ]);
  });

  it('treats svc, svc.ns, svc.ns.svc and svc.ns.svc.cluster.local as the same service: equivalent', () => {
    for (const key of ['CACHE_SHORT', 'CACHE_SVC', 'CACHE_FQDN']) expect(env(key)).toBeUndefined();
  });

  it('follows a Service to its container port: expected, grouped under the Service port', () => {
    expect(env('API_HOST')).toMatchObject({
      status: 'expected',
      reason:
        'the same endpoint: api:8080 on the laptop and api-svc.shop:80 in production reach the same service and container port',
      causedBy: 'api.ports.8080/tcp.service',
    });
    // http's default port is the Service's port 80.
    expect(env('API_URL')).toMatchObject({ status: 'expected' });
    expect(env('API_URL')?.reason).toContain('api-svc (port 80)');
    expect(report.findings.find((f) => f.id === 'api.ports.8080/tcp.service')).toMatchObject({
      status: 'expected',
      kind: 'changed',
    });
  });

  it('reports another namespace, a port no Service has, an outside host, another path or service as drift', () => {
    for (const key of ['OTHER_NS', 'WRONG_PORT', 'OUTSIDE', 'OTHER_PATH', 'SWAPPED']) {
      expect(env(key), key).toMatchObject({ status: 'drift', kind: 'changed' });
    }
  });

  it('counts the equivalent values', () => {
    const plain = diffModels(project.model, { ...production.model, services: {} });
    expect(report.equivalent).toBeGreaterThan(plain.equivalent ?? 0);
  });
});

describe('a service renamed in production', () => {
  // db on the laptop is postgres in production (parity.yaml's map): values naming it follow.
  const renamed = makeProject('discovery-rename', {
    'compose.yaml': lines(
      'services:',
      '  db:',
      '    image: postgres:16',
      '    expose: ["5432"]',
      '  app:',
      '    image: example/app:1',
      '    environment:',
      '      DATABASE_URL: postgres://app@db:5432/app',
    ),
    'k8s.yaml': lines(
      ...deployment('postgres', 5432, {}),
      ...service('postgres', 'postgres', 5432, 5432),
      ...deployment('app', null, {
        DATABASE_URL: 'postgres://app@postgres.shop.svc.cluster.local:5432/app',
      }),
    ),
  });
  const { project, diagnostics } = loadProject({ dir: renamed, files: ['compose.yaml'], env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const production = readKubernetes(['k8s.yaml'], renamed);

  it('shows the value as expected, grouped under the rename', () => {
    const report = diffModels(project.model, production.model, { map: { db: 'postgres' } });
    expect(
      report.findings.find((f) => f.service === 'app' && f.path === 'env.DATABASE_URL'),
    ).toMatchObject({
      status: 'expected',
      causedBy: 'db.map',
      reason:
        'the same endpoint: db:5432 on the laptop and postgres.shop.svc.cluster.local:5432 in production reach the same service and container port',
    });
  });

  it('follows a pairing made by evidence too, with no rename to group it under', () => {
    const report = diffModels(project.model, production.model);
    expect(report.matches.find((m) => m.dev === 'db')).toMatchObject({ prod: 'postgres' });
    const url = report.findings.find((f) => f.service === 'app' && f.path === 'env.DATABASE_URL');
    expect(url).toMatchObject({ status: 'expected' });
    expect(url?.causedBy).toBeUndefined();
  });
});
