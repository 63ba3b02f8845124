import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { readKubernetes } from '../../../src/main/drift/kubernetes';
import { makeProject } from '../../support/project-dir';

// How each port is exposed: published on the laptop vs a ClusterIP Service is the usual way to
// reach a service in development; vs a NodePort or LoadBalancer it is a changed exposure.
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

function service(name: string, type: string, port: number, target: number): string[] {
  return [
    'apiVersion: v1',
    'kind: Service',
    `metadata: { name: ${name} }`,
    'spec:',
    `  type: ${type}`,
    `  selector: { app: ${name} }`,
    `  ports: [{ port: ${port}, targetPort: ${target} }]`,
    '---',
  ];
}

const dir = makeProject('port-exposure', {
  'compose.yaml': [
    'services:',
    '  web:', // published vs ClusterIP: nothing to report
    '    image: web:1',
    '    ports: ["127.0.0.1:18080:8080"]',
    '  vote:', // published vs NodePort: changed exposure
    '    image: vote:1',
    '    ports: ["8080:80"]',
    '  lb:', // published vs LoadBalancer: changed exposure
    '    image: lb:1',
    '    ports: ["443:8443"]',
    '  node:', // published vs NodePort, same in production as a hostPort: nothing
    '    image: node:1',
    '    ports: ["9100:9100"]',
    '  redis:', // nothing vs ClusterIP: expected
    '    image: redis:1',
    '  front:', // nothing vs NodePort: drift, only in production
    '    image: front:1',
    '  mq:', // nothing vs a containerPort no Service forwards to: drift, only in production
    '    image: mq:1',
    '',
  ].join('\n'),
  'k8s.yaml': [
    ...deployment('web', '[{ containerPort: 8080 }]'),
    ...service('web', 'ClusterIP', 80, 8080),
    ...deployment('vote', '[{ containerPort: 80 }]'),
    ...service('vote', 'NodePort', 8080, 80),
    ...deployment('lb', '[{ containerPort: 8443 }]'),
    ...service('lb', 'LoadBalancer', 443, 8443),
    ...deployment('node', '[{ containerPort: 9100, hostPort: 9100 }]'),
    ...deployment('redis', '[{ containerPort: 6379 }]'),
    ...service('redis', 'ClusterIP', 6379, 6379),
    ...deployment('front', '[{ containerPort: 8079 }]'),
    ...service('front', 'NodePort', 80, 8079),
    ...deployment('mq', '[{ containerPort: 5672 }]'),
    '',
  ].join('\n'),
});

describe('port exposure', () => {
  const { project, diagnostics } = loadProject({ dir, files: ['compose.yaml'], env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const production = readKubernetes(['k8s.yaml'], dir);
  const { findings } = diffModels(project.model, production.model);
  const ports = (name: string): Finding[] =>
    findings.filter((f) => f.service === name && f.category === 'ports');

  it('reads the manifests, with how each port is exposed', () => {
    expect(production.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const exposure = (name: string) =>
      production.model.services[name]?.ports.map((p) => p.value.exposure);
    expect(exposure('web')).toEqual(['cluster']);
    expect(exposure('vote')).toEqual(['node-port']);
    expect(exposure('lb')).toEqual(['load-balancer']);
    expect(exposure('node')).toEqual(['host']);
    expect(exposure('mq')).toEqual(['none']);
  });

  it('reports nothing for a published port reached through a ClusterIP Service', () => {
    expect(ports('web')).toEqual([]);
  });

  it('reports nothing for a published port bound on the node with a hostPort', () => {
    expect(ports('node')).toEqual([]);
  });

  it('reports a published port vs a NodePort Service as a changed exposure, with both positions', () => {
    expect(ports('vote')).toMatchObject([
      {
        path: 'ports.80/tcp',
        kind: 'changed',
        status: 'drift',
        severity: 'info',
        dev: { value: '80/tcp: host port 8080', source: { file: 'compose.yaml', line: 7 } },
        prod: {
          value: '80/tcp: NodePort Service port 8080',
          source: { file: 'k8s.yaml', line: 33 },
        },
      },
    ]);
  });

  it('reports a published port vs a LoadBalancer Service as a changed exposure', () => {
    expect(ports('lb')).toMatchObject([
      {
        path: 'ports.8443/tcp',
        kind: 'changed',
        prod: { value: '8443/tcp: LoadBalancer Service port 443' },
      },
    ]);
  });

  it('marks a port only production declares, behind a ClusterIP Service only, as expected', () => {
    expect(ports('redis')).toMatchObject([
      { path: 'ports.6379/tcp', kind: 'only-prod', status: 'expected' },
    ]);
    expect(ports('redis')[0]?.reason).toContain('ClusterIP');
  });

  it('reports a port only production exposes outside, or declares unreached, as drift', () => {
    expect(ports('front')).toMatchObject([
      {
        path: 'ports.8079/tcp',
        kind: 'only-prod',
        status: 'drift',
        prod: { value: '8079/tcp: NodePort Service port 80' },
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

  it('lets parity.yaml rules override expected', () => {
    const { findings: ruled } = diffModels(project.model, production.model, {
      rules: { ignore: ['redis.ports.**'] },
    });
    expect(ruled.find((f) => f.service === 'redis' && f.category === 'ports')?.status).toBe(
      'ignored',
    );
  });
});
