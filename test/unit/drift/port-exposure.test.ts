import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { readKubernetes } from '../../../src/main/drift/kubernetes';
import { makeProject } from '../../support/project-dir';

// Ports in three layers, each reported on its own: the container port a service listens on
// (`ports.8080/tcp`), the port clients use by name in the cluster (`.service`), and how the
// outside world reaches it (`.outside`): published on the laptop vs internal in production is
// expected; a NodePort, LoadBalancer or another number outside is drift.
function deployment(name: string, ports: string): string[] {
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
    `          image: ${name}:1`,
    `          ports: ${ports}`,
    '---',
  ];
}

function service(
  name: string,
  type: string,
  port: number,
  target: number,
  extra = '',
  selector = name,
): string[] {
  return [
    'apiVersion: v1',
    'kind: Service',
    `metadata: { name: ${name} }`,
    'spec:',
    `  type: ${type}`,
    `  selector: { app: ${selector} }`,
    `  ports: [{ port: ${port}, targetPort: ${target}${extra} }]`,
    '---',
  ];
}

const dir = makeProject('port-exposure', {
  'compose.yaml': [
    'services:',
    '  web:', // published vs ClusterIP 80 -> 8080: both layers expected
    '    image: web:1',
    '    ports: ["127.0.0.1:18080:8080"]',
    '  vote:', // published vs NodePort (random node port): changed exposure
    '    image: vote:1',
    '    ports: ["8080:80"]',
    '  lb:', // published vs LoadBalancer: changed exposure
    '    image: lb:1',
    '    ports: ["443:8443"]',
    '  node:', // published vs the same number as a hostPort: nothing
    '    image: node:1',
    '    ports: ["9100:9100"]',
    '  np:', // published vs a NodePort of the same number: another kind, drift
    '    image: np:1',
    '    ports: ["30080:80"]',
    '  redis:', // nothing vs ClusterIP: expected
    '    image: redis:1',
    '  front:', // nothing vs NodePort: drift, only in production
    '    image: front:1',
    '  mq:', // nothing vs a containerPort no Service forwards to: drift, only in production
    '    image: mq:1',
    '  metrics:', // 8080 on both; production listens on 9090 too: drift
    '    image: metrics:1',
    '    ports: ["8080:8080"]',
    '  grpc:', // expose 7000 vs ClusterIP 7000: the same on every layer
    '    image: grpc:1',
    '    expose: ["7000"]',
    '',
  ].join('\n'),
  'k8s.yaml': [
    ...deployment('web', '[{ containerPort: 8080 }]'),
    ...service('web-svc', 'ClusterIP', 80, 8080, '', 'web'),
    ...deployment('vote', '[{ containerPort: 80 }]'),
    ...service('vote', 'NodePort', 8080, 80),
    ...deployment('lb', '[{ containerPort: 8443 }]'),
    ...service('lb', 'LoadBalancer', 443, 8443),
    ...deployment('node', '[{ containerPort: 9100, hostPort: 9100 }]'),
    ...deployment('np', '[{ containerPort: 80 }]'),
    ...service('np', 'NodePort', 80, 80, ', nodePort: 30080'),
    ...deployment('redis', '[{ containerPort: 6379 }]'),
    ...service('redis', 'ClusterIP', 6379, 6379),
    ...deployment('front', '[{ containerPort: 8079 }]'),
    ...service('front', 'NodePort', 80, 8079),
    ...deployment('mq', '[{ containerPort: 5672 }]'),
    ...deployment('metrics', '[{ containerPort: 8080 }, { containerPort: 9090, name: prom }]'),
    ...service('metrics', 'ClusterIP', 8080, 8080),
    ...service('metrics-prom', 'ClusterIP', 9090, 9090, '', 'metrics'),
    ...deployment('grpc', '[{ containerPort: 7000 }]'),
    ...service('grpc', 'ClusterIP', 7000, 7000),
    '',
  ].join('\n'),
});

describe('ports in three layers', () => {
  const { project, diagnostics } = loadProject({ dir, files: ['compose.yaml'], env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const production = readKubernetes(['k8s.yaml'], dir);
  const { findings } = diffModels(project.model, production.model);
  const ports = (name: string): Finding[] =>
    findings.filter((f) => f.service === name && f.category === 'ports');
  const brief = (name: string): string[] =>
    ports(name).map((f) => `${f.path} ${f.kind} ${f.status}`);

  it('reads the manifests, with how each port is exposed and through which Service', () => {
    expect(production.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const exposure = (name: string) =>
      production.model.services[name]?.ports.map((p) => p.value.exposure);
    expect(exposure('web')).toEqual(['cluster']);
    expect(exposure('vote')).toEqual(['node-port']);
    expect(exposure('lb')).toEqual(['load-balancer']);
    expect(exposure('node')).toEqual(['host']);
    expect(exposure('mq')).toEqual(['none']);
    expect(production.model.services.web?.ports[0]?.value.service).toEqual({
      name: 'web-svc',
      namespace: null,
    });
    expect(production.model.services.np?.ports[0]?.value.nodePort).toBe(30080);
    expect(production.model.services.vote?.ports[0]?.value.nodePort).toBeUndefined();
  });

  it('shows a port published on the laptop, internal in production, as expected on two layers', () => {
    expect(brief('web')).toEqual([
      'ports.8080/tcp.service changed expected',
      'ports.8080/tcp.outside only-dev expected',
    ]);
    expect(ports('web')[0]).toMatchObject({
      dev: { value: '8080/tcp: reached by service name at 8080' },
      prod: { value: '8080/tcp: ClusterIP Service web-svc port 80' },
    });
    expect(ports('web')[0]?.reason).toContain('web-svc forwards 80 to 8080');
    expect(ports('web')[1]?.reason).toContain('production keeps the service internal');
  });

  it('reports nothing for the same number outside, as a host port on both sides', () => {
    expect(ports('node')).toEqual([]);
  });

  it('reports nothing for a Compose expose against a ClusterIP Service of the same port', () => {
    expect(ports('grpc')).toEqual([]);
  });

  it('reports a published port vs a NodePort with a random node port as changed, with both positions', () => {
    expect(ports('vote').find((f) => f.path === 'ports.80/tcp.outside')).toMatchObject({
      kind: 'changed',
      status: 'drift',
      severity: 'info',
      dev: { value: '80/tcp: host port 8080', source: { file: 'compose.yaml', line: 7 } },
      prod: {
        value: '80/tcp: NodePort random (Service vote port 8080)',
        source: { file: 'k8s.yaml', line: 33 },
      },
    });
  });

  it('reports a NodePort of the same number as a host port as drift: another kind of exposure', () => {
    expect(ports('np')).toMatchObject([
      {
        path: 'ports.80/tcp.outside',
        kind: 'changed',
        status: 'drift',
        dev: { value: '80/tcp: host port 30080' },
        prod: { value: '80/tcp: NodePort 30080 (Service np port 80)' },
      },
    ]);
  });

  it('reports a published port vs a LoadBalancer Service as a changed exposure', () => {
    expect(brief('lb')).toEqual([
      'ports.8443/tcp.service changed expected',
      'ports.8443/tcp.outside changed drift',
    ]);
    expect(ports('lb')[1]?.prod.value).toBe('8443/tcp: LoadBalancer Service lb port 443');
  });

  it('marks a port only production declares, behind a ClusterIP Service only, as expected', () => {
    expect(brief('redis')).toEqual(['ports.6379/tcp only-prod expected']);
    expect(ports('redis')[0]?.reason).toContain('ClusterIP');
  });

  it('reports a port only production exposes outside, or declares unreached, as drift', () => {
    expect(ports('front')).toMatchObject([
      {
        path: 'ports.8079/tcp.outside',
        kind: 'only-prod',
        status: 'drift',
        prod: { value: '8079/tcp: NodePort random (Service front port 80)' },
      },
    ]);
    expect(ports('mq')).toMatchObject([
      {
        path: 'ports.5672/tcp',
        kind: 'only-prod',
        status: 'drift',
        prod: { value: '5672/tcp: not exposed' },
      },
    ]);
  });

  it('reports a port production listens on and the laptop does not, such as metrics, as drift', () => {
    expect(brief('metrics')).toEqual([
      'ports.8080/tcp.outside only-dev expected',
      'ports.9090/tcp only-prod drift',
    ]);
    expect(ports('metrics')[1]).toMatchObject({
      severity: 'warning',
      rule: 'production listens on a container port the laptop does not',
      prod: { value: '9090/tcp: ClusterIP Service metrics-prom port 9090' },
    });
  });

  it('lets parity.yaml rules override expected', () => {
    const { findings: ruled } = diffModels(project.model, production.model, {
      rules: { ignore: ['redis.ports.**'] },
    });
    expect(ruled.find((f) => f.service === 'redis' && f.category === 'ports')?.status).toBe(
      'ignored',
    );
  });
});
