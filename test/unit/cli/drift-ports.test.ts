import { describe, expect, it } from 'vitest';
import { DriftReportSchema, type Finding } from '../../../src/shared/drift';
import { runParity } from '../../support/cli';
import { lines, makeProject } from '../../support/project-dir';

// Ports as a user reads them in `parity drift` (the built CLI: `npm run build` first): each
// layer on its own — the container port, the Service port clients use in the cluster, the
// exposure outside — with parity.yaml at the repository root naming files in subfolders.
const dir = makeProject('ports-cli', {
  'parity.yaml': lines(
    'compose: [docker/compose.yaml]',
    'production:',
    '  - kubernetes: deploy/k8s',
  ),
  'docker/compose.yaml': lines(
    'services:',
    '  web:', // published for the laptop; production: ClusterIP web-svc 80 -> 8080
    '    image: example/web:1',
    '    ports: ["8080:8080"]',
    '  shop:', // published on 8081; production: NodePort 30081
    '    image: example/shop:1',
    '    ports: ["8081:3000"]',
    '  api:', // listens on 9000 on the laptop, 9001 in production; metrics only in production
    '    image: example/api:1',
    '    environment: { PORT: "9000" }',
    '    expose: ["9000"]',
    '  bot:',
    '    image: example/bot:1',
    '    environment:',
    '      WEB: http://web:8080',
    '      API: api:9000',
  ),
  'deploy/k8s/app.yaml': lines(
    ...deployment('web', '[{ containerPort: 8080, name: http }]'),
    ...service('web-svc', 'web', 'ClusterIP', '{ port: 80, targetPort: http }'),
    ...deployment('shop', '[{ containerPort: 3000 }]'),
    ...service('shop', 'shop', 'NodePort', '{ port: 80, targetPort: 3000, nodePort: 30081 }'),
    ...deployment(
      'api',
      '[{ containerPort: 9001 }, { containerPort: 9090 }]',
      '[{ name: PORT, value: "9001" }]',
    ),
    ...service('api', 'api', 'ClusterIP', '{ port: 9001 }'),
    ...deployment(
      'bot',
      '[]',
      '[{ name: WEB, value: "http://web-svc.shop.svc.cluster.local" }, { name: API, value: "api.shop:9001" }]',
    ),
  ),
});

function deployment(name: string, ports: string, env = '[]'): string[] {
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
    `          ports: ${ports}`,
    `          env: ${env}`,
    '---',
  ];
}

function service(name: string, app: string, type: string, port: string): string[] {
  return [
    'apiVersion: v1',
    'kind: Service',
    `metadata: { name: ${name}, namespace: shop }`,
    'spec:',
    `  type: ${type}`,
    `  selector: { app: ${app} }`,
    `  ports: [${port}]`,
    '---',
  ];
}

describe('parity drift on ports, through the CLI', () => {
  const run = (...args: string[]) => runParity(['drift', '--project-directory', dir, ...args]);

  it('reports each layer of each port with its kind and status, in JSON', async () => {
    const out = await run('--format', 'json');
    expect(out.stderr).toBe('');
    const report = DriftReportSchema.parse(JSON.parse(out.stdout));
    const row = (f: Finding): string =>
      `${f.service} ${f.path} ${f.kind} ${f.status}${f.causedBy ? ` <- ${f.causedBy}` : ''}`;
    expect(report.findings.filter((f) => f.category !== 'image').map(row)).toEqual([
      // the container port: published for the laptop, internal in production (expected)
      'web ports.8080/tcp.service changed expected',
      'web ports.8080/tcp.outside only-dev expected',
      // exposed outside differently: a host port against a NodePort
      'shop ports.3000/tcp.service changed expected',
      'shop ports.3000/tcp.outside changed drift',
      // a listening-port change and what it explains
      'api env.PORT changed drift <- api.ports.9000/tcp',
      'api ports.9000/tcp only-dev drift',
      'api ports.9001/tcp only-prod drift <- api.ports.9000/tcp',
      'api ports.9090/tcp only-prod drift',
      // the same endpoint through a Service port: expected, under the Service port
      'bot env.WEB changed expected <- web.ports.8080/tcp.service',
      'bot env.API changed drift <- api.ports.9000/tcp',
    ]);
    const shop = report.findings.find((f) => f.path === 'ports.3000/tcp.outside');
    expect([shop?.dev.value, shop?.prod.value]).toEqual([
      '3000/tcp: host port 8081',
      '3000/tcp: NodePort 30081 (Service shop port 80)',
    ]);
    expect(shop?.dev.source?.file).toMatch(/compose\.yaml$/);
    expect(shop?.dev.source?.line).toBe(7);
    expect(shop?.prod.source).toMatchObject({ file: 'deploy/k8s/app.yaml' });
  });

  it('shows the port change as a root with its symptoms under it, and hides the expected layers', async () => {
    const out = await run();
    const text = out.stdout;
    expect(text).not.toContain('ports.8080/tcp.outside');
    expect(text).toMatch(
      /^ {2}! warning api ports\.9000\/tcp +the laptop listens on a container port production does not declare\n(?:.*\n){2} {4}3 more follow from it:\n {4}↳ follows from ports\.9000\/tcp of api: /m,
    );
    expect(text).toContain(
      '↳ follows from ports.9000/tcp of api: sets the port the service listens on, 9000 on the laptop and 9001 in production\n',
    );
    expect(text).toContain(
      '↳ follows from ports.9000/tcp of api: names api:9000, which listens on 9001 in production\n',
    );
    expect(text).toMatch(/· info +shop ports\.3000\/tcp\.outside +exposed outside differently/);
    const all = (await run('--all')).stdout;
    expect(all).toContain(
      '[expected: published on the laptop for local access; production keeps the service internal]',
    );
    expect(all).toContain(
      ': names web:8080, which clients in the cluster reach through its Service port 80\n',
    );
  });
});
