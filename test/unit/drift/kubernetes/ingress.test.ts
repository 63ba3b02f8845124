import { describe, expect, it } from 'vitest';
import { readKubernetes } from '../../../../src/main/drift/kubernetes';
import { lines, makeProject } from '../../../support/project-dir';

const WEB = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: web }',
  'spec:',
  '  template:',
  '    metadata: { labels: { app: web } }',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: example/web:1',
  '          ports: [{ containerPort: 8080 }]',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: { name: front }',
  'spec:',
  '  selector: { app: web }',
  '  ports: [{ name: http, port: 80, targetPort: 8080 }]',
);

function read(ingress: string) {
  const dir = makeProject('ingress', { 'k8s/web.yaml': WEB, 'k8s/ingress.yaml': ingress });
  return readKubernetes(['k8s'], dir);
}

describe('Ingress routes on the Service ports they reach', () => {
  it('a v1 rule by Service port name, with its host and path', () => {
    const { model, diagnostics, objects } = read(
      lines(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata: { name: shop }',
        'spec:',
        '  rules:',
        '    - host: shop.example.com',
        '      http:',
        '        paths:',
        '          - path: /app',
        '            pathType: Prefix',
        '            backend: { service: { name: front, port: { name: http } } }',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(model.services.web?.ports.map((p) => p.value)).toEqual([
      expect.objectContaining({
        target: 8080,
        published: '80',
        exposure: 'cluster',
        ingress: [{ name: 'shop', host: 'shop.example.com', path: '/app' }],
      }),
    ]);
    expect(objects.find((o) => o.kind === 'Ingress')?.use).toBe('ingress');
  });

  it('a default backend (any host, any path) and the v1beta1 serviceName form', () => {
    const { model } = read(
      lines(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata: { name: catch-all }',
        'spec:',
        '  defaultBackend: { service: { name: front, port: { number: 80 } } }',
        '---',
        'apiVersion: extensions/v1beta1',
        'kind: Ingress',
        'metadata: { name: old }',
        'spec:',
        '  rules:',
        '    - http:',
        '        paths:',
        '          - path: /old',
        '            backend: { serviceName: front, servicePort: 80 }',
      ),
    );
    expect(model.services.web?.ports[0]?.value.ingress).toEqual([
      { name: 'catch-all', host: null, path: null },
      { name: 'old', host: null, path: '/old' },
    ]);
  });

  it('a backend naming a Service or port the manifests lack is a warning at the backend', () => {
    const { model, diagnostics } = read(
      lines(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata: { name: shop }',
        'spec:',
        '  rules:',
        '    - host: shop.example.com',
        '      http:',
        '        paths:',
        '          - path: /',
        '            backend: { service: { name: gone, port: { number: 80 } } }',
        '          - path: /x',
        '            backend: { service: { name: front, port: { number: 81 } } }',
      ),
    );
    expect(model.services.web?.ports[0]?.value.ingress).toBeUndefined();
    expect(diagnostics.map((d) => [d.severity, d.message, d.position?.line])).toEqual([
      [
        'warning',
        'found Ingress "shop" routing shop.example.com/ to Service "gone", which the manifests do not define; expected a Service port of these manifests',
        10,
      ],
      [
        'warning',
        'found Ingress "shop" routing shop.example.com/x to port 81 of Service "front", which the manifests do not define; expected a Service port of these manifests',
        12,
      ],
    ]);
  });
});
