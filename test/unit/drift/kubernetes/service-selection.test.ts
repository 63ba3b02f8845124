import { describe, expect, it } from 'vitest';
import { readKubernetes } from '../../../../src/main/drift/kubernetes';
import { lines, makeProject } from '../../../support/project-dir';

// Which Services reach a workload, and which claims are defined, are looked up by index
// (service-index.ts, read-kubernetes.ts): the answers must be those of comparing every pair.

const service = (name: string, port: number, spec: string[], namespace = 'shop'): string =>
  lines(
    '---',
    'apiVersion: v1',
    'kind: Service',
    `metadata: { name: ${name}, namespace: ${namespace} }`,
    'spec:',
    ...spec,
    `  ports: [{ port: ${port}, targetPort: 8080 }]`,
  );

const WEB = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: web, namespace: shop }',
  'spec:',
  '  template:',
  '    metadata: { labels: { app: web, tier: front } }',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: example/web:1',
  '          ports: [{ containerPort: 8080 }]',
  '          volumeMounts: [{ name: data, mountPath: /data }, { name: cache, mountPath: /cache }]',
  '      volumes:',
  '        - { name: data, persistentVolumeClaim: { claimName: web-data } }',
  '        - { name: cache, persistentVolumeClaim: { claimName: web-cache } }',
);

const SERVICES = [
  service('by-tier', 81, ['  selector: { tier: front }']),
  service('elsewhere', 82, ['  selector: { app: web }'], 'other'),
  service('external', 83, [
    '  type: ExternalName',
    '  externalName: x.example.com',
    '  selector: { app: web }',
  ]),
  service('both', 84, ['  selector: { tier: front, app: web }']),
  service('by-app', 85, ['  selector: { app: web }']),
  service('back', 86, ['  selector: { app: web, tier: back }']),
  service('no-selector', 87, []),
  service('api', 88, ['  selector: { app: api }']),
].join('');

const CLAIM = lines(
  '---',
  'apiVersion: v1',
  'kind: PersistentVolumeClaim',
  'metadata: { name: web-data, namespace: shop }',
  'spec: { resources: { requests: { storage: 1Gi } } }',
);

describe('the Services and claims a workload is joined with', () => {
  const dir = makeProject('service-selection', {
    'k8s/web.yaml': WEB,
    'k8s/services.yaml': SERVICES,
    'k8s/claim.yaml': CLAIM,
  });
  const { model, diagnostics, objects } = readKubernetes(['k8s'], dir);

  it('publishes the port once per Service whose whole selector the pod carries, in the order written', () => {
    expect(diagnostics).toEqual([]);
    expect(
      model.services.web?.ports.map((p) => [p.value.published, p.value.service?.name]),
    ).toEqual([
      ['81', 'by-tier'],
      ['84', 'both'],
      ['85', 'by-app'],
    ]);
  });

  it('records which container each selecting Service reaches, and none for the others', () => {
    const reaches: Record<string, string[]> = {};
    for (const o of objects) {
      if (o.kind === 'Service')
        reaches[o.name ?? ''] = o.serviceSpec?.ports.flatMap((p) => p.reaches) ?? [];
    }
    expect(reaches).toEqual({
      'by-tier': ['web/web'],
      elsewhere: [],
      external: [],
      both: ['web/web'],
      'by-app': ['web/web'],
      back: [],
      'no-selector': [],
      api: [],
    });
  });

  it('makes a claim a defined volume only when a PersistentVolumeClaim of its name is among the inputs', () => {
    expect(model.volumes['web-data']?.value.external).toBe(false);
    expect(model.volumes['web-data']?.source).toMatchObject({ file: 'k8s/claim.yaml', line: 2 });
    expect(model.volumes['web-cache']?.value.external).toBe(true);
    expect(model.volumes['web-cache']?.source.file).toBe('k8s/web.yaml');
  });
});
