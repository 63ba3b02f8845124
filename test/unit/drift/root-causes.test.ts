import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding, ServiceMatch } from '../../../src/shared/drift';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { loadProduction } from '../../../src/main/drift/production';
import { productionReaders } from '../../../src/main/drift/readers';
import { formatMarkdown, formatTable } from '../../../src/main/drift/format';
import { linkRootCauses } from '../../../src/main/drift/root-causes';
import { makeProject } from '../../support/project-dir';

function finding(
  service: string,
  path: string,
  dev: string | null,
  prod: string | null,
  extra: Partial<Finding> = {},
): Finding {
  const category =
    path.split('.')[0] === 'env' ? 'env' : path.startsWith('ports') ? 'ports' : 'image';
  return {
    service,
    path,
    kind: dev === null ? 'only-prod' : prod === null ? 'only-dev' : 'changed',
    category: extra.category ?? category,
    severity: 'warning',
    rule: 'differs',
    status: 'drift',
    secret: false,
    dev: { value: dev, source: null },
    prod: { value: prod, source: null },
    ...extra,
  };
}

const byName = (...names: string[]): ServiceMatch[] =>
  names.map((n) => ({ dev: n, prod: n, by: 'name' }));

const get = (findings: Finding[], service: string, path: string): Finding | undefined =>
  findings.find((f) => f.service === service && f.path === path);

describe('linkRootCauses on hand-made findings', () => {
  it('links URLs naming the old and the new port of a service to its port change', () => {
    const linked = linkRootCauses(
      [
        finding('api', 'ports.8081/tcp', '8081/tcp: host port 18081', null),
        finding('api', 'ports.8082/tcp', null, '8082/tcp: ClusterIP Service port 80'),
        finding('worker', 'env.API_URL', 'http://api:8081', 'http://api:8082'),
        finding(
          'web',
          'env.API',
          'http://api:8081/v1',
          'https://api.shop.svc.cluster.local:8082/v1',
        ),
        finding('web', 'env.OTHER', 'http://other:8081', 'http://other:8082'),
        finding('web', 'env.SUFFIX', 'http://order-api:8081', 'http://order-api:8082'),
        finding('web', 'env.LONGER', 'http://api:80810', 'http://api:8082'),
      ],
      byName('api', 'worker', 'web'),
    );
    expect(get(linked, 'api', 'ports.8081/tcp')).toMatchObject({ id: 'api.ports.8081/tcp' });
    expect(get(linked, 'api', 'ports.8081/tcp')?.causedBy).toBeUndefined();
    expect(get(linked, 'api', 'ports.8082/tcp')).toMatchObject({
      id: 'api.ports.8082/tcp',
      causedBy: 'api.ports.8081/tcp',
    });
    expect(get(linked, 'worker', 'env.API_URL')).toMatchObject({
      id: 'worker.env.API_URL',
      causedBy: 'api.ports.8081/tcp',
      cause: 'names api:8081, which listens on 8082 in production',
      severity: 'warning',
      status: 'drift',
    });
    expect(get(linked, 'web', 'env.API')?.causedBy).toBe('api.ports.8081/tcp');
    for (const path of ['env.OTHER', 'env.SUFFIX', 'env.LONGER']) {
      expect(get(linked, 'web', path), path).not.toHaveProperty('causedBy');
      expect(get(linked, 'web', path), path).not.toHaveProperty('id');
    }
  });

  it('knows a service by its production name too', () => {
    const linked = linkRootCauses(
      [
        finding('worker', 'ports.9000/tcp', '9000/tcp', null),
        finding('worker', 'ports.9100/tcp', null, '9100/tcp'),
        finding('api', 'env.WORKER', 'http://worker:9000', 'http://order-worker:9100'),
      ],
      [{ dev: 'worker', prod: 'order-worker', by: 'map' }, ...byName('api')],
    );
    expect(get(linked, 'api', 'env.WORKER')?.causedBy).toBe('worker.ports.9000/tcp');
  });

  it('links values naming a renamed service (map) to the rename', () => {
    const linked = linkRootCauses(
      [
        finding('api', 'env.WORKER_URL', 'http://worker:9000', 'http://order-worker:9000'),
        finding('api', 'env.UNRELATED', 'a', 'b'),
      ],
      [{ dev: 'worker', prod: 'order-worker', by: 'map' }, ...byName('api')],
    );
    expect(get(linked, 'api', 'env.WORKER_URL')).toMatchObject({
      causedBy: 'worker.map',
      cause: "names worker, which parity.yaml's map calls order-worker in production",
    });
    expect(get(linked, 'api', 'env.UNRELATED')).not.toHaveProperty('causedBy');
  });

  it('prints a rename as the root of the values naming it', () => {
    const matches: ServiceMatch[] = [
      { dev: 'api', prod: 'api', by: 'name' },
      { dev: 'worker', prod: 'order-worker', by: 'map' },
    ];
    const findings = linkRootCauses(
      [finding('api', 'env.WORKER_URL', 'http://worker:9000', 'http://order-worker:9000')],
      matches,
    );
    const table = formatTable({ matches, findings }, { all: false }).split('\n');
    expect(table.slice(0, 5)).toEqual([
      'Root causes, each with the differences that follow from it:',
      '  → the rename of worker to order-worker (parity.yaml map)',
      '    1 more follows from it:',
      "    ↳ follows from the rename of worker to order-worker (parity.yaml map): names worker, which parity.yaml's map calls order-worker in production",
      expect.stringMatching(/^ {6}! warning api env\.WORKER_URL +differs$/),
    ]);
    const md = formatMarkdown({ matches, findings }, { all: false });
    expect(md).toContain(
      '| ! warning | renamed | map | `worker` | `order-worker` | renamed in production (parity.yaml map); 1 more follows from it |',
    );
    expect(md).toContain('| ! warning | ↳ api `env.WORKER_URL` |');
  });

  it('links values naming the version of a backing service to its image tag', () => {
    const linked = linkRootCauses(
      [
        finding('db', 'image.tag', '15.4', '16.1', { severity: 'error' }),
        finding('api', 'env.PG_VERSION', '15', '16'),
        finding('api', 'env.DB_IMAGE', 'postgres:15.4', 'postgres:16.1'),
        finding(
          'api',
          'env.DATABASE_URL',
          'postgres://db:5432/app?v=15',
          'postgres://db.prod:5432/app?v=16',
        ),
        finding('api', 'env.RETRIES', '15', '20'),
        finding('api', 'env.PORTISH', '8150', '8160'),
      ],
      byName('db', 'api'),
    );
    expect(get(linked, 'db', 'image.tag')).toMatchObject({ id: 'db.image.tag', severity: 'error' });
    expect(get(linked, 'api', 'env.PG_VERSION')).toMatchObject({
      causedBy: 'db.image.tag',
      cause: 'names db 15, which is 16 in production',
    });
    expect(get(linked, 'api', 'env.DB_IMAGE')?.causedBy).toBe('db.image.tag');
    expect(get(linked, 'api', 'env.DATABASE_URL')?.causedBy).toBe('db.image.tag');
    expect(get(linked, 'api', 'env.RETRIES')).not.toHaveProperty('causedBy');
    expect(get(linked, 'api', 'env.PORTISH')).not.toHaveProperty('causedBy');
  });

  it('links values naming the engine of a service to a different image', () => {
    const linked = linkRootCauses(
      [
        finding('db', 'image', 'mysql:8.0', 'postgres:16', { severity: 'error' }),
        finding('api', 'env.DATABASE_URL', 'mysql://db:3306/app', 'postgres://db:5432/app'),
      ],
      byName('db', 'api'),
    );
    expect(get(linked, 'api', 'env.DATABASE_URL')?.causedBy).toBe('db.image');
  });

  it('never links a secret, and leaves findings without a link as they were', () => {
    const secret = finding('worker', 'env.API_TOKEN', 'differs', 'differs', { secret: true });
    const plain = finding('worker', 'replicas', '1', '2', { category: 'resources' });
    const linked = linkRootCauses(
      [
        finding('api', 'ports.8081/tcp', '8081/tcp', null),
        finding('api', 'ports.8082/tcp', null, '8082/tcp'),
        secret,
        plain,
      ],
      byName('api', 'worker'),
    );
    expect(get(linked, 'worker', 'env.API_TOKEN')).toEqual(secret);
    expect(get(linked, 'worker', 'replicas')).toEqual(plain);
    // One port for another is one change: its two findings form a group of their own.
    expect(get(linked, 'api', 'ports.8081/tcp')).toMatchObject({ id: 'api.ports.8081/tcp' });
    expect(get(linked, 'api', 'ports.8082/tcp')).toMatchObject({ causedBy: 'api.ports.8081/tcp' });
  });
});

describe('root causes of a compose stack against Kubernetes manifests', () => {
  // The API listens on 8081 on the laptop and on 8082 in production; two services reach it.
  const dir = makeProject('chain', {
    'compose.yaml': [
      'services:',
      '  api:',
      '    image: example/api:1.0',
      '    ports: ["127.0.0.1:18081:8081"]',
      '  worker:',
      '    image: example/worker:1.0',
      '    environment:',
      '      API_URL: http://api:8081',
      '      API_TOKEN: dev-token-value',
      '  web:',
      '    image: example/web:1.0',
      '    environment:',
      '      API_BASE: http://api:8081/v1',
      '      TITLE: Shop',
      '',
    ].join('\n'),
    'parity.yaml': ['production:', '  - kubernetes: k8s', ''].join('\n'),
    'k8s/app.yaml': [
      ...deployment('api', 'example/api:1.0', [], '8082'),
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: api }',
      'spec:',
      '  selector: { app: api }',
      '  ports: [{ port: 8082, targetPort: 8082 }]',
      '---',
      ...deployment('worker', 'example/worker:1.0', [
        ['API_URL', 'http://api.chain.svc.cluster.local:8082'],
        ['API_TOKEN', 'prod-token-value'],
      ]),
      '---',
      ...deployment('web', 'example/web:1.0', [
        ['API_BASE', 'http://api:8082/v1'],
        ['TITLE', 'Shop'],
      ]),
      '',
    ].join('\n'),
  });
  const { project, diagnostics } = loadProject({ dir, env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const production = loadProduction(project, productionReaders);
  if (!production.model) throw new Error(production.diagnostics.map((d) => d.message).join('\n'));
  const report = diffModels(project.model, production.model, {
    secretKeys: production.secretKeys,
  });
  const { findings } = report;

  it('explains both URL differences by the port change', () => {
    const root = get(findings, 'api', 'ports.8081/tcp');
    expect(root).toMatchObject({ id: 'api.ports.8081/tcp', kind: 'only-dev' });
    expect(root?.causedBy).toBeUndefined();
    const symptoms = findings.filter((f) => f.causedBy === 'api.ports.8081/tcp');
    expect(symptoms.map((f) => `${f.service}.${f.path}`).sort()).toEqual([
      'api.ports.8082/tcp',
      'web.env.API_BASE',
      'worker.env.API_URL',
    ]);
  });

  it('prints the symptoms indented under their root cause in the table', () => {
    // The laptop declares its port, so production's 8082 is drift (the other side of the change).
    const shown = ['api ports.8082/tcp', 'worker env.API_URL', 'web env.API_BASE'];
    for (const all of [false, true]) {
      const lines = formatTable(report, { all }).split('\n');
      const root = lines.findIndex((l) => /^ {2}! warning api ports\.8081\/tcp/.test(l));
      expect(root).toBeGreaterThan(0);
      expect(lines[root + 3]).toBe(`    ${shown.length} more follow from it:`);
      const nested = lines.slice(root + 4).filter((l) => /^ {6}[✘!·] /.test(l));
      expect(nested.map((l) => l.trim().split(/\s+/).slice(2, 4).join(' '))).toEqual(shown);
      // A symptom is printed once, under its root, not again under its own service.
      expect(lines.filter((l) => l.includes('env.API_URL'))).toHaveLength(1);
      expect(lines.join('\n')).not.toContain('token-value');
    }
    expect(formatTable(report, { all: false })).toContain(
      '    ↳ follows from ports.8081/tcp of api: names api:8081, which listens on 8082 in production\n',
    );
  });

  it('puts the symptom rows right after their root row in Markdown', () => {
    const md = formatMarkdown(report, { all: false });
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    const root = rows.findIndex((l) => l.includes('api `ports.8081/tcp`'));
    expect(rows[root]).toContain('3 more follow from it');
    expect(rows[root + 1]).toContain('↳ api `ports.8082/tcp`');
    expect(rows[root + 2]).toContain('↳ worker `env.API_URL`');
    expect(rows[root + 3]).toContain('↳ web `env.API_BASE`');
    expect(md).not.toContain('token-value');
  });

  it('keeps the secret a secret and unlinked', () => {
    const secret = get(findings, 'worker', 'env.API_TOKEN');
    expect(secret).toMatchObject({ secret: true, dev: { value: 'differs' } });
    expect(secret?.causedBy).toBeUndefined();
    expect(JSON.stringify(findings)).not.toContain('token-value');
  });
});

describe('root causes of examples/shop', () => {
  // The shop's differences are independent of each other but one: worker's API_URL names api
  // at 8081 on the laptop and through its Service's port 80 (http's default) in production,
  // the same container port: expected, grouped under api's Service port.
  it('links only the URL that reaches api through its Service port', () => {
    const dir = fileURLToPath(new URL('../../../examples/shop', import.meta.url));
    const { project } = loadProject({ dir, env: {} });
    if (!project) throw new Error('examples/shop does not load');
    const production = loadProduction(project, productionReaders);
    if (!production.model) throw new Error('examples/shop production does not load');
    const { findings } = diffModels(project.model, production.model, {
      map: project.parity?.map ?? {},
      secretKeys: production.secretKeys,
    });
    expect(findings.length).toBeGreaterThan(0);
    const linked = findings.filter((f) => f.causedBy !== undefined || f.id !== undefined);
    expect(linked.map((f) => [f.id, f.status, f.causedBy])).toEqual([
      ['api.ports.8081/tcp.service', 'expected', undefined],
      ['worker.env.API_URL', 'expected', 'api.ports.8081/tcp.service'],
    ]);
    expect(linked[1]?.cause).toBe(
      'names api:8081, which clients in the cluster reach through its Service port 80',
    );
    expect(linked[1]?.reason).toBe(
      'the same endpoint: api:8081 on the laptop and api (port 80) in production reach the same service and container port',
    );
  });
});

function deployment(name: string, image: string, env: [string, string][], port?: string): string[] {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: ${name} }`,
    'spec:',
    `  selector: { matchLabels: { app: ${name} } }`,
    '  template:',
    `    metadata: { labels: { app: ${name} } }`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: ${image}`,
    ...(port ? [`          ports: [{ containerPort: ${port} }]`] : []),
    ...(env.length > 0
      ? ['          env:', ...env.map(([k, v]) => `            - { name: ${k}, value: "${v}" }`)]
      : []),
  ];
}
