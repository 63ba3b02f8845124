import { describe, expect, it } from 'vitest';
import { DriftReportSchema, type Finding } from '../../../src/shared/drift';
import { runParity } from '../../support/cli';
import { lines, makeProject } from '../../support/project-dir';

// Health checks and resources as a user reads them: `parity drift` of the built CLI
// (`npm run build` first) on a project with parity.yaml naming its Kubernetes manifests.

const dir = makeProject('shop', {
  'parity.yaml': lines('production:', '  - kubernetes: deploy'),
  'compose.yaml': lines(
    'services:',
    '  api:',
    '    image: example/api:1',
    '    ports: ["8080:8080"]',
    '    mem_limit: 512m',
    '    healthcheck:',
    '      test: ["CMD", "curl", "-f", "http://localhost:80/health"]',
    '      interval: 10s',
    '      timeout: 1s',
    '      retries: 3',
    '  db:',
    '    image: postgres:16',
    '    healthcheck:',
    '      test: pg_isready -U postgres',
    '      interval: 10s',
    '      timeout: 1s',
    '      retries: 3',
  ),
  'deploy/prod.yaml': lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: api }',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: example/api:1',
    '          ports: [{ containerPort: 8080 }]',
    '          readinessProbe:',
    '            httpGet: { path: /ready, port: 8080 }',
    '          resources:',
    '            requests: { cpu: 250m }',
    '            limits: { memory: 512Mi }',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: db }',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: db',
    '          image: postgres:16',
    '          readinessProbe:',
    '            tcpSocket: { port: 5432 }',
  ),
});

describe('parity drift on health checks and resources', () => {
  it('reports what each check probes and the production-only request, in JSON', async () => {
    const run = await runParity(['drift', '--project-directory', dir, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = DriftReportSchema.parse(JSON.parse(run.stdout));
    const shown = (f: Finding) => [f.service, f.path, f.kind, f.dev.value, f.prod.value];
    // The host port the laptop publishes for local access is expected (production keeps it
    // internal); the rest is drift.
    const published = report.findings.find((f) => f.path === 'ports.8080/tcp.outside');
    expect(published?.status).toBe('expected');
    expect(report.findings.filter((f) => f !== published).map(shown)).toEqual([
      ['api', 'resources.requests.cpus', 'only-prod', null, '0.25 (250m)'],
      ['api', 'healthcheck.port', 'changed', '80', '8080'],
      ['api', 'healthcheck.path', 'changed', '/health', '/ready'],
      [
        'db',
        'healthcheck.mechanism',
        'changed',
        'exec pg_isready -U postgres (port 5432)',
        'TCP :5432',
      ],
    ]);
    const port = report.findings.find((f) => f.path === 'healthcheck.port');
    expect(port?.rule).toBe(
      "the laptop's check probes port 80, which the service does not listen on (8080); compared with production's readinessProbe",
    );
    expect(port?.dev.source).toMatchObject({ file: 'compose.yaml', line: 7 });
    expect(port?.prod.source).toMatchObject({ file: 'deploy/prod.yaml', line: 12 });
    expect(report.findings[0]?.prod.source).toMatchObject({ file: 'deploy/prod.yaml', line: 14 });
  }, 30_000);

  it('prints them for people, the equal memory limit (512m = 512Mi) among the equivalent', async () => {
    const run = await runParity(['drift', '--project-directory', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/resources\.requests\.cpus +production sets a CPU request/);
    expect(run.stdout).toMatch(/\n +prod +0\.25 \(250m\) +\(deploy\/prod\.yaml:14:\d+\)\n/);
    expect(run.stdout).toMatch(/healthcheck\.mechanism .*production's readinessProbe/);
    expect(run.stdout).not.toMatch(/resources\.memory/);
    expect(run.stdout).toMatch(/0 services dev-only, 0 prod-only, 4 drifts to fix \(0 errors\)/);
  }, 30_000);
});
