import { describe, expect, it } from 'vitest';
import { readKubernetes } from '../../../../src/main/drift/kubernetes';
import { makeProject } from '../../../support/project-dir';

function read(files: Record<string, string>, paths = ['k8s']) {
  return readKubernetes(paths, makeProject('workloads', files));
}

function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

const STATEFUL = lines(
  'apiVersion: apps/v1',
  'kind: StatefulSet',
  'metadata: { name: db }',
  'spec:',
  '  replicas: 3',
  '  serviceName: db',
  '  template:',
  '    metadata: { labels: { app: db } }',
  '    spec:',
  '      securityContext: { runAsUser: 999, runAsGroup: 999 }',
  '      containers:',
  '        - name: postgres',
  '          image: postgres:16',
  '          ports: [{ name: pg, containerPort: 5432 }]',
  '          volumeMounts:',
  '            - { name: data, mountPath: /var/lib/postgresql/data }',
  '            - { name: conf, mountPath: /etc/pg, readOnly: true }',
  '            - { name: certs, mountPath: /certs }',
  '            - { name: shm, mountPath: /dev/shm }',
  '            - { name: host, mountPath: /host/logs, subPath: pg }',
  '            - { name: claim, mountPath: /archive }',
  '      volumes:',
  '        - { name: conf, configMap: { name: pg-conf } }',
  '        - { name: certs, secret: { secretName: pg-certs } }',
  '        - { name: shm, emptyDir: { medium: Memory, sizeLimit: 1Gi } }',
  '        - { name: host, hostPath: { path: /var/log } }',
  '        - { name: claim, persistentVolumeClaim: { claimName: archive } }',
  '  volumeClaimTemplates:',
  '    - metadata: { name: data }',
  '      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 10Gi } } }',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: { name: db }',
  'spec:',
  '  selector: { app: db }',
  '  ports: [{ port: 15432, targetPort: pg }]',
);

describe('Kubernetes workloads', () => {
  it('reads a StatefulSet with volumeClaimTemplates and every volume type', () => {
    const { model, diagnostics } = read({ 'k8s/db.yaml': STATEFUL });
    expect(diagnostics).toEqual([]);
    const db = model.services.db;
    expect(db?.replicas?.value).toBe(3);
    expect(db?.user?.value).toBe('999:999');
    expect(db?.restart?.value).toBe('always');
    expect(db?.ports.map((p) => [p.value.target, p.value.published, p.value.name])).toEqual([
      [5432, '15432', 'pg'],
    ]);
    expect(db?.volumes.map((v) => v.value)).toEqual([
      { type: 'volume', source: 'data', target: '/var/lib/postgresql/data', readOnly: false },
      { type: 'bind', source: 'configmap:pg-conf', target: '/etc/pg', readOnly: true },
      { type: 'bind', source: 'secret:pg-certs', target: '/certs', readOnly: true },
      {
        type: 'tmpfs',
        source: null,
        target: '/dev/shm',
        readOnly: false,
        tmpfs: { size: 2 ** 30 },
      },
      { type: 'bind', source: '/var/log/pg', target: '/host/logs', readOnly: false },
      { type: 'volume', source: 'archive', target: '/archive', readOnly: false },
    ]);
    expect(db?.volumes[0]?.source).toMatchObject({ file: 'k8s/db.yaml', line: 16 });
    // A claim template is defined here; a claim no PVC in the inputs defines is external.
    expect(
      Object.entries(model.volumes).map(([key, v]) => [key, v.value.external, v.source.line]),
    ).toEqual([
      ['data', false, 29],
      ['archive', true, 21],
    ]);
  });

  it('reads a CronJob from its jobTemplate, with the restart policy of its pods', () => {
    const { model, diagnostics } = read({
      'k8s/backup.yaml': lines(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: { name: backup }',
        'spec:',
        '  schedule: "0 3 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          restartPolicy: OnFailure',
        '          containers:',
        '            - name: backup',
        '              image: example/backup:2',
        '              command: [/bin/sh, -c]',
        '              args: ["pg_dump > /backup/db.sql"]',
      ),
    });
    expect(diagnostics).toEqual([]);
    const backup = model.services.backup;
    expect(backup?.image?.value.raw).toBe('example/backup:2');
    expect(backup?.entrypoint?.value).toEqual(['/bin/sh', '-c']);
    expect(backup?.command?.value).toEqual(['pg_dump > /backup/db.sql']);
    expect(backup?.restart?.value).toBe('on-failure');
    expect(backup?.replicas).toBeNull();
  });

  it('makes the first regular container main; init containers and sidecars are its sidecars', () => {
    const { model, objects } = read({
      'k8s/pod.yaml': lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: tool }',
        'spec:',
        '  initContainers:',
        '    - { name: migrate, image: example/migrate:1 }',
        '    - { name: proxy, image: example/proxy:1, restartPolicy: Always }',
        '  containers:',
        '    - name: tool',
        '      image: example/tool:1',
        '      env: [{ name: POD, valueFrom: { fieldRef: { fieldPath: metadata.name } } }]',
        '    - { name: logs, image: example/logs:1 }',
      ),
    });
    expect(Object.keys(model.services)).toEqual(['tool']);
    expect(model.services.tool?.environment.POD?.value).toBe('tool');
    expect(model.services.tool?.restart?.value).toBe('always');
    expect(objects[0]?.containers?.map((c) => [c.name, c.role, c.image])).toEqual([
      ['tool', 'main', 'example/tool:1'],
      ['logs', 'sidecar', 'example/logs:1'],
      ['migrate', 'init', 'example/migrate:1'],
      ['proxy', 'sidecar', 'example/proxy:1'],
    ]);
    expect(
      Object.entries(model.services.tool?.sidecars ?? {}).map(([name, s]) => [name, s.value.role]),
    ).toEqual([
      ['logs', 'sidecar'],
      ['migrate', 'init'],
      ['proxy', 'sidecar'],
    ]);
  });

  it('honours kubectl.kubernetes.io/default-container for the main container', () => {
    const { model } = read({
      'k8s/job.yaml': lines(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: { name: report }',
        'spec:',
        '  template:',
        '    metadata:',
        '      annotations: { kubectl.kubernetes.io/default-container: report }',
        '    spec:',
        '      restartPolicy: Never',
        '      containers:',
        '        - { name: istio-proxy, image: istio/proxyv2:1.20.0 }',
        '        - { name: report, image: example/report:3 }',
      ),
    });
    expect(model.services.report?.image?.value.raw).toBe('example/report:3');
    expect(model.services.report?.restart?.value).toBe('no');
  });

  it('reads a DaemonSet with hostPort and hostNetwork, and probes of every kind', () => {
    const { model, diagnostics } = read({
      'k8s/agent.yaml': lines(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: { name: agent }',
        'spec:',
        '  template:',
        '    spec:',
        '      hostNetwork: true',
        '      terminationGracePeriodSeconds: 5',
        '      containers:',
        '        - name: agent',
        '          image: example/agent:1',
        '          ports: [{ name: metrics, containerPort: 9100, hostPort: 9100, protocol: UDP }]',
        '          livenessProbe: { tcpSocket: { port: metrics } }',
      ),
    });
    expect(diagnostics).toEqual([]);
    const agent = model.services.agent;
    expect(agent?.ports.map((p) => p.value)).toEqual([
      {
        target: 9100,
        published: '9100',
        hostIp: null,
        protocol: 'udp',
        mode: 'host',
        name: 'metrics',
        exposure: 'host',
      },
    ]);
    expect(agent?.networks).toEqual([]);
    expect(agent?.networkMode?.value).toBe('host');
    expect(agent?.stopGracePeriodMs?.value).toBe(5000);
    expect(agent?.replicas).toBeNull();
    expect(agent?.healthcheck?.value).toMatchObject({ test: ['TCP', ':9100'], intervalMs: null });
  });

  it('turns exec and grpc probes into tests', () => {
    const probe = (spec: string) =>
      read({
        'k8s/p.yaml': lines(
          'apiVersion: v1',
          'kind: Pod',
          'metadata: { name: p }',
          'spec:',
          '  containers:',
          `    - { name: p, image: "x:1", readinessProbe: ${spec} }`,
        ),
      }).model.services.p?.healthcheck?.value.test;
    expect(probe('{ exec: { command: [pg_isready, -U, app] } }')).toEqual([
      'CMD',
      'pg_isready',
      '-U',
      'app',
    ]);
    expect(probe('{ grpc: { port: 9090, service: health } }')).toEqual(['GRPC', ':9090', 'health']);
    expect(
      probe('{ httpGet: { scheme: HTTPS, port: 8443, httpHeaders: [{ name: X-A, value: b }] } }'),
    ).toEqual(['HTTP', 'GET', 'https://:8443/', 'X-A: b']);
  });

  it('names a second workload with the same name Kind/name, and lists unknown kinds', () => {
    const worker = (kind: string) =>
      lines(
        'apiVersion: apps/v1',
        `kind: ${kind}`,
        'metadata: { name: worker }',
        'spec: { template: { spec: { containers: [{ name: w, image: "w:1" }] } } }',
      );
    const { model, objects, diagnostics } = read({
      'k8s/a.yaml': worker('Deployment'),
      'k8s/b.yaml': worker('StatefulSet'),
      'k8s/c.yaml': lines(
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: { name: web }',
      ),
    });
    expect(Object.keys(model.services)).toEqual(['worker', 'StatefulSet/worker']);
    expect(objects.map((o) => [o.kind, o.use, o.service])).toEqual([
      ['Deployment', 'workload', 'worker'],
      ['StatefulSet', 'workload', 'StatefulSet/worker'],
      ['NetworkPolicy', 'ignored', undefined],
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message:
          'found a second workload named "worker" (also at k8s/a.yaml:3); it is read as service "StatefulSet/worker"',
      }),
    ]);
  });
});
