import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKubernetes } from '../../../../src/main/drift/kubernetes';
import { makeProject } from '../../../support/project-dir';

function read(files: Record<string, string>, paths = ['k8s']) {
  return readKubernetes(paths, makeProject('workloads', files));
}

function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

describe('Kubernetes inputs', () => {
  it('keeps the Helm template of each rendered document', () => {
    const { model, objects, diagnostics } = read({
      'k8s/rendered.yaml': lines(
        '---',
        '# Source: shop/templates/service.yaml',
        'apiVersion: v1',
        'kind: Service',
        'metadata: { name: shop-api }',
        'spec: { selector: { app: api }, ports: [{ port: 80, targetPort: 8080 }] }',
        '---',
        '# Source: shop/templates/deployment.yaml',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: shop-api }',
        'spec:',
        '  template:',
        '    metadata: { labels: { app: api, release: shop } }',
        '    spec: { containers: [{ name: api, image: "example/api:1" }] }',
      ),
    });
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => [o.kind, o.helmSource])).toEqual([
      ['Service', 'shop/templates/service.yaml'],
      ['Deployment', 'shop/templates/deployment.yaml'],
    ]);
    // A Service port to a number no container declares still reaches the main container.
    expect(model.services['shop-api']?.ports.map((p) => p.value)).toEqual([
      {
        target: 8080,
        published: '80',
        hostIp: null,
        protocol: 'tcp',
        mode: 'ingress',
        exposure: 'cluster',
        service: { name: 'shop-api', namespace: null },
      },
    ]);
    expect(model.services['shop-api']?.ports[0]?.source.line).toBe(6);
  });

  it('reads the items of a List, and JSON files', () => {
    const { model, objects } = read({
      'k8s/list.yaml': lines(
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - apiVersion: v1',
        '    kind: ConfigMap',
        '    metadata: { name: cfg }',
        '    data: { MODE: list }',
        '  - apiVersion: apps/v1',
        '    kind: Deployment',
        '    metadata: { name: from-list }',
        '    spec:',
        '      template:',
        '        spec:',
        '          containers:',
        '            - name: app',
        '              image: example/app:1',
        '              envFrom: [{ configMapRef: { name: cfg } }]',
      ),
      'k8s/nested/pod.json': JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'from-json' },
        spec: {
          containers: [{ name: 'c', image: 'example/json:1', ports: [{ containerPort: 9 }] }],
        },
      }),
    });
    expect(objects.map((o) => [o.kind, o.name, o.use])).toEqual([
      ['ConfigMap', 'cfg', 'configmap'],
      ['Deployment', 'from-list', 'workload'],
      ['Pod', 'from-json', 'workload'],
    ]);
    expect(model.services['from-list']?.environment.MODE?.value).toBe('list');
    expect(model.services['from-list']?.environment.MODE?.source).toMatchObject({ line: 7 });
    expect(model.services['from-json']?.ports[0]?.value).toMatchObject({
      target: 9,
      published: null,
    });
    expect(model.services['from-json']?.ports[0]?.source.file).toBe('k8s/nested/pod.json');
  });

  it('reports malformed manifests with positions and never throws', () => {
    const { model, objects, diagnostics } = read({
      'k8s/bad.yaml': lines(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: broken }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers: 5',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: odd }',
        'spec:',
        '  replicas: many',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: odd',
        '          resources: { limits: { memory: lots } }',
        '          volumeMounts: [{ name: nowhere, mountPath: /x }]',
        '---',
        'just a string',
        '---',
        'a: [unclosed',
        '---',
        'apiVersion: v1',
        'metadata: { name: kindless }',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: empty }',
      ),
    });
    const found = diagnostics
      .map((d) => [d.position?.line ?? 0, d.severity, d.message] as const)
      .sort((a, b) => a[0] - b[0]);
    expect(found).toEqual([
      [
        7,
        'error',
        'found "5" for Deployment "broken" spec.template.spec.containers, expected a list',
      ],
      [13, 'error', 'found "many" for Deployment.spec.replicas, expected a whole number'],
      [17, 'error', 'found Deployment "odd" container "odd" without an image'],
      [
        18,
        'error',
        expect.stringContaining('found "lots" for limits.memory, expected a Kubernetes'),
      ],
      [19, 'error', 'found volumeMount "nowhere", which no pod volume defines'],
      [
        21,
        'error',
        'found "just a string", expected a Kubernetes object (a mapping with apiVersion and kind)',
      ],
      [24, 'error', expect.stringContaining('Flow sequence')],
      [25, 'error', 'found an object without kind, expected a Kubernetes object'],
      [28, 'error', 'found Deployment "empty" without containers'],
    ]);
    expect(diagnostics.every((d) => d.position?.file === 'k8s/bad.yaml')).toBe(true);
    expect(Object.keys(model.services)).toEqual(['odd']);
    expect(objects.map((o) => [o.name, o.use, o.service])).toEqual([
      ['broken', 'workload', undefined],
      ['odd', 'workload', 'odd'],
      ['empty', 'workload', undefined],
    ]);
  });

  it('reads folders recursively in sorted order, skips Kustomize files below them, reports missing paths', () => {
    const pod = (name: string) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name },
        spec: { containers: [{ name, image: 'x:1' }] },
      });
    const { objects, diagnostics } = read(
      {
        'k8s/b.yaml': pod('b'),
        'k8s/a/z.yml': pod('az'),
        'k8s/c.json': pod('c'),
        'k8s/notes.txt': 'not a manifest',
        // A kustomization inside a folder of loose files (a folder holding one is rendered).
        'k8s/prod/kustomization.yaml': 'resources: [../b.yaml]\n',
        'single.yaml': pod('single'),
      },
      ['k8s', 'single.yaml', 'missing'],
    );
    expect(objects.map((o) => [o.name, o.source.file])).toEqual([
      ['az', 'k8s/a/z.yml'],
      ['b', 'k8s/b.yaml'],
      ['c', 'k8s/c.json'],
      ['single', 'single.yaml'],
    ]);
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        message:
          'k8s/prod/kustomization.yaml is a Kustomize file: skipped, not applied; name its folder (k8s/prod) in parity.yaml to have it rendered with Kustomize',
      },
      {
        severity: 'error',
        message: 'found no file or folder "missing", expected Kubernetes manifests',
      },
    ]);
  });

  it('follows a link to a manifest file, not a link to a folder or a link to nothing', () => {
    const pod = (name: string) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name },
        spec: { containers: [{ name, image: 'x:1' }] },
      });
    const dir = makeProject('links', {
      'k8s/a.yaml': pod('a'),
      'shared/linked.yaml': pod('linked'),
      'shared/more/deep.yaml': pod('deep'),
    });
    symlinkSync('../shared/linked.yaml', join(dir, 'k8s/b-linked.yaml'));
    symlinkSync('../shared/more', join(dir, 'k8s/c-folder.yaml'));
    symlinkSync('../shared/gone.yaml', join(dir, 'k8s/d-gone.yaml'));
    const { objects, diagnostics } = readKubernetes(['k8s'], dir);
    expect(objects.map((o) => [o.name, o.source.file])).toEqual([
      ['a', 'k8s/a.yaml'],
      ['linked', 'k8s/b-linked.yaml'],
    ]);
    expect(diagnostics).toEqual([]);
  });
});
