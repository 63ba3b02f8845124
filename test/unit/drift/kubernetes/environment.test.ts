import { describe, expect, it } from 'vitest';
import { readKubernetes } from '../../../../src/main/drift/kubernetes';
import { makeProject } from '../../../support/project-dir';

// A Deployment named app whose only container gets the given lines under `env:`/`envFrom:`,
// plus any other documents.
function deployment(container: string[], extra: string[] = []): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: app, namespace: prod }',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels: { app: app, tier: backend }',
    '      annotations: { team: payments }',
    '    spec:',
    '      serviceAccountName: app-sa',
    '      containers:',
    '        - name: app',
    '          image: example/app:1',
    '          resources: { limits: { cpu: 500m, memory: 256Mi }, requests: { cpu: 250m } }',
    ...container.map((line) => `          ${line}`),
    ...extra.flatMap((doc) => ['---', doc]),
    '',
  ].join('\n');
}

function read(container: string[], extra: string[] = []) {
  const dir = makeProject('env', { 'k8s/app.yaml': deployment(container, extra) });
  const result = readKubernetes(['k8s'], dir);
  const app = result.model.services.app;
  if (!app) throw new Error(JSON.stringify(result.diagnostics));
  const env = Object.fromEntries(Object.entries(app.environment).map(([k, f]) => [k, f.value]));
  return { result, app, env };
}

const CONFIG = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: { name: settings, namespace: prod }',
  'data:',
  '  HOST: db.prod',
  '  PORT: "5432"',
].join('\n');
const SECRET = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata: { name: creds }',
  'data:',
  `  password: ${Buffer.from('s3cr3t').toString('base64')}`,
  `  user: ${Buffer.from('admin').toString('base64')}`,
  'stringData:',
  '  user: root',
].join('\n');

describe('Kubernetes env resolution', () => {
  it('expands $(VAR) against earlier entries only, keeping $$ and unknown references', () => {
    const { env, result } = read([
      'env:',
      '  - { name: A, value: one }',
      '  - { name: B, value: "$(A)-$(C)-$$(A)-$A" }',
      '  - { name: C, value: three }',
      '  - { name: D, value: "$(C)$(" }',
      '  - { name: E }',
    ]);
    expect(env).toEqual({ A: 'one', B: 'one-$(C)-$(A)-$A', C: 'three', D: 'three$(', E: '' });
    expect(result.diagnostics).toEqual([]);
  });

  it('applies envFrom first, with its prefix, then env over it', () => {
    const { env, app, result } = read(
      [
        'envFrom:',
        '  - configMapRef: { name: settings }',
        '  - prefix: DB_',
        '    configMapRef: { name: settings }',
        'env:',
        '  - { name: PORT, value: "6432" }',
        '  - { name: URL, value: "postgres://$(DB_HOST):$(PORT)" }',
      ],
      [CONFIG],
    );
    expect(env).toEqual({
      HOST: 'db.prod',
      PORT: '6432',
      DB_HOST: 'db.prod',
      DB_PORT: '5432',
      URL: 'postgres://db.prod:6432',
    });
    // envFrom keys sit at the ConfigMap key; an env entry at its value.
    expect(app.environment.DB_HOST?.source).toMatchObject({ file: 'k8s/app.yaml', line: 27 });
    expect(app.environment.PORT?.source.line).toBe(20);
    expect(result.secretKeys).toEqual({});
  });

  it('decodes Secret data, lets stringData win, and marks secret keys', () => {
    const { env, result } = read(
      [
        'envFrom:',
        '  - secretRef: { name: creds }',
        '    prefix: DB_',
        'env:',
        '  - name: PASSWORD',
        '    valueFrom: { secretKeyRef: { name: creds, key: password } }',
        '  - { name: DSN, value: "$(DB_user):$(PASSWORD)@db" }',
        '  - { name: DB_user, value: overridden }',
      ],
      [SECRET],
    );
    expect(env).toEqual({
      DB_password: 's3cr3t',
      DB_user: 'overridden',
      PASSWORD: 's3cr3t',
      DSN: 'root:s3cr3t@db',
    });
    // A value built from a secret is a secret; one written over it is not.
    expect(result.secretKeys.app?.sort()).toEqual(['DB_password', 'DSN', 'PASSWORD']);
  });

  it('resolves fieldRef where the manifest fixes it and marks the rest with placeholders', () => {
    const { env, result } = read([
      'env:',
      '  - { name: NS, valueFrom: { fieldRef: { fieldPath: metadata.namespace } } }',
      '  - { name: POD, valueFrom: { fieldRef: { fieldPath: metadata.name } } }',
      '  - { name: IP, valueFrom: { fieldRef: { fieldPath: status.podIP } } }',
      `  - { name: TIER, valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } }`,
      `  - { name: TEAM, valueFrom: { fieldRef: { fieldPath: "metadata.annotations['team']" } } }`,
      '  - { name: SA, valueFrom: { fieldRef: { fieldPath: spec.serviceAccountName } } }',
      '  - { name: URL, value: "http://$(IP):80" }',
    ]);
    expect(env).toEqual({
      NS: 'prod',
      POD: '<fieldRef:metadata.name>',
      IP: '<fieldRef:status.podIP>',
      TIER: 'backend',
      TEAM: 'payments',
      SA: 'app-sa',
      URL: 'http://<fieldRef:status.podIP>:80',
    });
    expect(result.diagnostics).toEqual([]);
    const origins = result.objects.find((o) => o.name === 'app')?.env;
    expect(origins?.IP).toMatchObject({ from: 'fieldRef', resolved: false });
    expect(origins?.NS).toMatchObject({ from: 'fieldRef', resolved: true });
  });

  it('computes resourceFieldRef as the kubelet does, rounding up by the divisor', () => {
    const { env } = read([
      'env:',
      '  - { name: CPU, valueFrom: { resourceFieldRef: { resource: limits.cpu } } }',
      '  - { name: MCPU, valueFrom: { resourceFieldRef: { resource: requests.cpu, divisor: 1m } } }',
      '  - name: MEM',
      '    valueFrom: { resourceFieldRef: { resource: limits.memory, divisor: 1Mi } }',
      '  - name: REQMEM',
      '    valueFrom: { resourceFieldRef: { resource: requests.memory, containerName: app } }',
      '  - { name: DISK, valueFrom: { resourceFieldRef: { resource: limits.ephemeral-storage } } }',
    ]);
    expect(env).toEqual({
      CPU: '1',
      MCPU: '250',
      MEM: '256',
      REQMEM: String(256 * 2 ** 20),
      DISK: '<resourceFieldRef:limits.ephemeral-storage>',
    });
  });

  it('skips optional references that are missing and warns about required ones', () => {
    const { env, result } = read(
      [
        'envFrom:',
        '  - configMapRef: { name: absent, optional: true }',
        '  - secretRef: { name: vault-synced }',
        'env:',
        '  - name: A',
        '    valueFrom: { configMapKeyRef: { name: settings, key: NOPE, optional: true } }',
        '  - name: B',
        '    valueFrom: { secretKeyRef: { name: vault-synced, key: token } }',
        '  - name: C',
        '    valueFrom: { configMapKeyRef: { name: settings, key: NOPE } }',
      ],
      [CONFIG],
    );
    expect(env).toEqual({
      B: '<secretKeyRef:vault-synced/token>',
      C: '<configMapKeyRef:settings/NOPE>',
    });
    expect(result.secretKeys).toEqual({ app: ['B'] });
    expect(result.diagnostics.map((d) => [d.severity, d.message, d.position?.line])).toEqual([
      [
        'warning',
        'found no Secret "vault-synced" among the manifests; Deployment "app" container "app" gets none of its keys',
        17,
      ],
      [
        'warning',
        'found no key "NOPE" in ConfigMap "settings" among the manifests; env C of Deployment "app" container "app" gets a placeholder',
        24,
      ],
    ]);
  });

  it('looks ConfigMaps up in the workload namespace first', () => {
    const other = CONFIG.replace('namespace: prod', 'namespace: staging').replace(
      'db.prod',
      'db.staging',
    );
    const { env } = read(['envFrom: [{ configMapRef: { name: settings } }]'], [other, CONFIG]);
    expect(env.HOST).toBe('db.prod');
  });

  it('expands $(VAR) in command and args, but never a secret', () => {
    const { app } = read(
      [
        'command: ["/bin/$(BIN)"]',
        'args: ["--host=$(HOST)", "--password=$(PASSWORD)", "$$(HOST)"]',
        'env:',
        '  - { name: BIN, value: server }',
        '  - { name: HOST, value: db }',
        '  - { name: PASSWORD, valueFrom: { secretKeyRef: { name: creds, key: password } } }',
      ],
      [SECRET],
    );
    expect(app.entrypoint?.value).toEqual(['/bin/server']);
    expect(app.command?.value).toEqual(['--host=db', '--password=$(PASSWORD)', '$(HOST)']);
  });

  it('reports Secret data that is not base64', () => {
    const bad = SECRET.replace(/password: .*/, 'password: not base64!');
    const { result } = read(['envFrom: [{ secretRef: { name: creds } }]'], [bad]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: 'found data.password of Secret "creds" that is not base64',
        position: expect.objectContaining({ line: 21 }) as unknown,
      }),
    ]);
  });
});
