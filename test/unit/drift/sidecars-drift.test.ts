import { describe, expect, it } from 'vitest';
import { readKubernetes } from '../../../src/main/drift/kubernetes';
import type { Finding } from '../../../src/shared/drift';
import { makeProject } from '../../support/project-dir';
import { driftOf, lines } from './drift-fixture';

const POD = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: queue }',
  'spec:',
  '  template:',
  '    metadata: { labels: { app: queue } }',
  '    spec:',
  '      initContainers:',
  '        - name: migrate',
  '          image: example/migrate:1',
  '      containers:',
  '        - name: queue',
  '          image: rabbitmq:3.13',
  '        - name: exporter',
  '          image: kbudde/rabbitmq-exporter',
  '          ports: [{ containerPort: 9090, name: exporter }]',
);

const topology = (findings: Finding[]): Finding[] =>
  findings.filter((f) => f.category === 'topology');

describe('sidecars and init containers', () => {
  it('are the service’s sidecars in the production model, at their entry', () => {
    const dir = makeProject('pod', { 'k8s/queue.yaml': POD });
    const { model } = readKubernetes(['k8s'], dir);
    const queue = model.services.queue;
    expect(Object.keys(model.services)).toEqual(['queue']);
    expect(Object.keys(queue?.sidecars ?? {})).toEqual(['exporter', 'migrate']);
    expect(queue?.sidecars).toMatchObject({
      exporter: {
        value: { role: 'sidecar', image: 'kbudde/rabbitmq-exporter', ports: ['9090/tcp'] },
        source: { file: 'k8s/queue.yaml', line: 14 },
      },
      migrate: {
        value: { role: 'init', image: 'example/migrate:1', ports: [] },
        source: { line: 9 },
      },
    });
  });

  it('report a problem of the pod they share (its volumes) once, not once per container', () => {
    const dir = makeProject('pod', {
      'k8s/queue.yaml': POD.replace('    spec:\n', '    spec:\n      volumes: oops\n'),
    });
    const { diagnostics } = readKubernetes(['k8s'], dir);
    expect(diagnostics.map((d) => [d.severity, d.message, d.position?.line])).toEqual([
      ['error', expect.stringContaining('spec.volumes'), 8],
    ]);
  });

  it('are reported as topology drift of the matched service, with the container’s line', () => {
    const { report } = driftOf({
      'compose.yaml': lines('services:', '  queue:', '    image: rabbitmq:3.13'),
      'k8s/queue.yaml': POD,
    });
    expect(topology(report.findings)).toMatchObject([
      {
        service: 'queue',
        path: 'sidecars.exporter',
        kind: 'only-prod',
        severity: 'warning',
        status: 'drift',
        rule: 'production runs a sidecar container the laptop does not',
        dev: { value: null, source: null },
        prod: {
          value: 'sidecar kbudde/rabbitmq-exporter, port 9090/tcp',
          source: { file: 'k8s/queue.yaml', line: 14 },
        },
      },
      {
        path: 'sidecars.migrate',
        rule: 'production runs work before it starts (an init container) that the laptop does not',
        prod: { value: 'init example/migrate:1' },
      },
    ]);
  });

  it('compare a dev service paired by a sidecar’s name with that container, the rest beside it', () => {
    const { report } = driftOf({
      'compose.yaml': lines('services:', '  exporter:', '    image: kbudde/rabbitmq-exporter'),
      'k8s/queue.yaml': POD,
    });
    expect(report.matches).toContainEqual(
      expect.objectContaining({ dev: 'exporter', prod: 'queue', by: 'container-name' }),
    );
    // Its own image, not the queue's: no image finding.
    expect(report.findings.filter((f) => f.category === 'image')).toEqual([]);
    expect(topology(report.findings).map((f) => [f.path, f.status, f.prod.value])).toEqual([
      ['service', 'expected', 'sidecar container of queue'],
      ['sidecars.migrate', 'drift', 'init example/migrate:1'],
      ['sidecars.queue', 'drift', 'sidecar rabbitmq:3.13'],
    ]);
  });

  it('pair a dev service with the sidecar of the pod another one is paired with, reported once', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  queue:',
        '    image: rabbitmq:3.13',
        '  exporter:',
        '    image: kbudde/rabbitmq-exporter:v1',
      ),
      'k8s/queue.yaml': POD,
    });
    expect(report.matches).toEqual([
      { dev: 'queue', prod: 'queue', by: 'name' },
      {
        dev: 'exporter',
        prod: 'queue',
        by: 'sidecar',
        evidence: "production sidecar container named exporter in queue's pod",
      },
    ]);
    const exporter = report.findings.filter((f) => f.service === 'exporter');
    expect(exporter).toMatchObject([
      {
        path: 'service',
        status: 'expected',
        prod: { value: 'sidecar container of queue', source: { line: 14 } },
      },
      {
        path: 'image.tag',
        status: 'drift',
        dev: { value: 'v1', source: { file: 'compose.yaml', line: 5 } },
        prod: { value: 'latest', source: { file: 'k8s/queue.yaml', line: 15 } },
      },
      // Compared as any pair is: the exporter's own port, not the queue's.
      {
        path: 'ports.9090/tcp',
        kind: 'only-prod',
        status: 'drift',
        prod: { value: '9090/tcp: not exposed', source: { line: 16 } },
      },
    ]);
    // Not also a sidecar the laptop lacks, nor a service production lacks.
    expect(report.findings.map((f) => `${f.service}.${f.path}`)).not.toContain(
      'queue.sidecars.exporter',
    );
    expect(topology(report.findings).filter((f) => f.status === 'drift')).toMatchObject([
      { path: 'sidecars.migrate' },
    ]);
  });
});
