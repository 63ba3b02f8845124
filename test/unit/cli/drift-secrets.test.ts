import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DriftReportSchema } from '../../../src/shared/drift';
import { makeProject } from '../../support/project-dir';
import { runCliCaptured } from '../../support/cli';

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));
const FORMATS = ['table', 'json', 'markdown'] as const;

async function drift(dir: string, ...args: string[]) {
  return runCliCaptured(['drift', '--project-directory', dir, ...args], {});
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

// Secrets on both sides, every way they are written: by a secret-sounding name, through a
// secretKeyRef under an innocent name, a whole Secret through envFrom (data and stringData),
// only on one side, and the same on both.
const SECRETS = {
  devDsn: 'postgres://u:hunter2-dev@db/app',
  prodDsn: 'postgres://u:hunter2-prod@db.prod/app',
  devPassword: 'dev-pw-1111',
  prodPassword: 'prod-pw-3333',
  devToken: 'tok-dev-2222',
  devSeed: 'seed-dev-5555',
  prodSeed: 'seed-prod-4444',
  prodStripe: 'sk-prod-6666',
  shared: 'same-everywhere-7777',
};

const fixture = makeProject('secrets', {
  'compose.yaml': [
    'services:',
    '  app:',
    '    image: app:1',
    '    environment:',
    `      DSN: ${SECRETS.devDsn}`,
    `      DB_PASSWORD: ${SECRETS.devPassword}`,
    `      API_TOKEN: ${SECRETS.devToken}`,
    `      SESSION_SEED: ${SECRETS.devSeed}`,
    `      SHARED_SECRET: ${SECRETS.shared}`,
    '',
  ].join('\n'),
  'parity.yaml': 'production:\n  - kubernetes: k8s\n',
  'k8s/secrets.yaml': [
    'apiVersion: v1',
    'kind: Secret',
    'metadata: { name: app-secrets }',
    'stringData:',
    `  dsn: ${SECRETS.prodDsn}`,
    `  db-password: ${SECRETS.prodPassword}`,
    `  shared: ${SECRETS.shared}`,
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata: { name: bulk }',
    'data:',
    `  SESSION_SEED: ${b64(SECRETS.prodSeed)}`,
    `  STRIPE_API_KEY: ${b64(SECRETS.prodStripe)}`,
    '',
  ].join('\n'),
  'k8s/app.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: app }',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: app:1',
    '          envFrom:',
    '            - secretRef: { name: bulk }',
    '          env:',
    '            - name: DSN',
    '              valueFrom: { secretKeyRef: { name: app-secrets, key: dsn } }',
    '            - name: DB_PASSWORD',
    '              valueFrom: { secretKeyRef: { name: app-secrets, key: db-password } }',
    '            - name: SHARED_SECRET',
    '              valueFrom: { secretKeyRef: { name: app-secrets, key: shared } }',
    '',
  ].join('\n'),
});

const secretValues = Object.values(SECRETS).flatMap((value) => [value, b64(value)]);

function expectNoSecret(text: string, values: readonly string[]): void {
  for (const value of values) expect(text, `leaks ${value}`).not.toContain(value);
}

describe('secret values never leave parity drift', () => {
  it('in any format, on a fixture that holds secrets every way they are written', async () => {
    for (const format of FORMATS) {
      for (const all of [[], ['--all']]) {
        const { code, out, err } = await drift(fixture, '--format', format, ...all);
        expect(code, `${format} ${err}`).toBe(0);
        expectNoSecret(`${out}${err}`, secretValues);
      }
    }
    const report = DriftReportSchema.parse(JSON.parse((await drift(fixture, '--json')).out));
    const secretFindings = report.findings.filter((f) => f.path.startsWith('env.'));
    expect(secretFindings.map((f) => f.path).sort()).toEqual([
      'env.API_TOKEN',
      'env.DB_PASSWORD',
      'env.DSN',
      'env.SESSION_SEED',
      'env.STRIPE_API_KEY',
    ]);
    for (const f of secretFindings) {
      expect(f.secret, f.path).toBe(true);
      for (const side of [f.dev.value, f.prod.value]) expect([null, 'differs']).toContain(side);
    }
  });

  it('in any format, on examples/shop (PAYMENT_API_KEY, from a Secret in production)', async () => {
    const shopSecrets = ['dev-payment-key-not-secret', 'prod-fake-payment-key-not-real'];
    for (const format of FORMATS) {
      for (const all of [[], ['--all']]) {
        const { out, err } = await drift(SHOP, '--format', format, ...all);
        expectNoSecret(`${out}${err}`, [...shopSecrets, ...shopSecrets.map(b64)]);
        expect(out).toContain('PAYMENT_API_KEY');
      }
    }
  });
});
