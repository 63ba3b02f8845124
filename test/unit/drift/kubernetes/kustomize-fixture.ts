import { lines } from '../../../support/project-dir';

// A project as teams keep production: a Kustomize base (a Deployment, a Service, a ConfigMap
// generator) and a prod overlay with a name prefix, a strategic-merge patch changing image and
// replicas, and a JSON 6902 patch adding a memory limit. The dev stack differs from it in each.

/** The files of the project, by path. */
export const KUSTOMIZE_PROJECT: Record<string, string> = {
  'compose.yaml': lines(
    'services:',
    '  api:',
    '    image: shop/api:1.0',
    '    ports: ["8080:8080"]',
    '    environment:',
    '      LOG_LEVEL: debug',
  ),
  'parity.yaml': lines(
    'compose: [compose.yaml]',
    'production:',
    '  - kubernetes: deploy/overlays/prod',
    'map: { api: Deployment/prod-api }',
  ),
  'deploy/base/kustomization.yaml': lines(
    'resources:',
    '  - api.yaml',
    '  - service.yaml',
    'configMapGenerator:',
    '  - name: api-config',
    '    literals:',
    '      - LOG_LEVEL=info',
  ),
  'deploy/base/api.yaml': lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    'spec:',
    '  replicas: 1',
    '  selector:',
    '    matchLabels: { app: api }',
    '  template:',
    '    metadata:',
    '      labels: { app: api }',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: shop/api:1.0',
    '          envFrom:',
    '            - configMapRef:',
    '                name: api-config',
    '          ports:',
    '            - containerPort: 8080',
  ),
  'deploy/base/service.yaml': lines(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: api',
    'spec:',
    '  selector: { app: api }',
    '  ports:',
    '    - port: 8080',
  ),
  'deploy/overlays/prod/kustomization.yaml': lines(
    'namePrefix: prod-',
    'resources:',
    '  - ../../base',
    'patches:',
    '  - path: api-patch.yaml',
    '  - path: limits.yaml',
    '    target: { kind: Deployment, name: api }',
  ),
  'deploy/overlays/prod/api-patch.yaml': lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    'spec:',
    '  replicas: 3',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: shop/api:2.0',
  ),
  'deploy/overlays/prod/limits.yaml': lines(
    '- op: add',
    '  path: /spec/template/spec/containers/0/resources',
    '  value:',
    '    limits:',
    '      memory: 512Mi',
  ),
};

/** The 1-based line of the first line of `file` in the fixture that contains `text`. */
export function lineOf(file: string, text: string): number {
  const index = (KUSTOMIZE_PROJECT[file] ?? '').split('\n').findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`the fixture's ${file} has no line with ${text}`);
  return index + 1;
}
