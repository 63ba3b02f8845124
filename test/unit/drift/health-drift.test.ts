import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { makeProject } from '../../support/project-dir';
import { deployment, driftOf, lines } from './drift-fixture';

// Health checks compared on what they check (mechanism, port, path, command) before timings,
// against the probe they are mapped to, with Kubernetes' defaults for what a probe leaves out.

function health(compose: string[], ...container: string[]): Finding[] {
  const { report } = driftOf({
    'compose.yaml': lines('services:', '  app:', '    image: example/app:1', ...compose),
    'k8s/app.yaml': deployment('app', ...container),
  });
  return report.findings.filter((f) => f.category === 'health');
}

const PORT_8080 = 'ports: [{ containerPort: 8080 }]';
// A compose check whose timings equal a probe's Kubernetes defaults (10 s, 1 s, 3 failures).
const DEFAULT_TIMINGS = ['      interval: 10s', '      timeout: 1s', '      retries: 3'];

describe('health checks compared on what they check', () => {
  it('finds nothing when curl of a URL and an httpGet probe check the same endpoint', () => {
    const findings = health(
      [
        '    healthcheck:',
        '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]',
        ...DEFAULT_TIMINGS,
      ],
      PORT_8080,
      'readinessProbe: { httpGet: { path: /health, port: 8080 } }',
    );
    expect(findings).toEqual([]);
  });

  it('reports /health against /liveness, naming the probe it was compared with', () => {
    const [finding, ...rest] = health(
      [
        '    healthcheck:',
        '      test: wget -qO- http://127.0.0.1:8080/health',
        ...DEFAULT_TIMINGS,
      ],
      PORT_8080,
      'livenessProbe: { httpGet: { path: /liveness, port: 8080 } }',
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      path: 'healthcheck.path',
      kind: 'changed',
      severity: 'warning',
      dev: { value: '/health', source: { file: 'compose.yaml', line: 5 } },
      prod: { value: '/liveness', source: { file: 'k8s/app.yaml' } },
    });
    expect(finding?.rule).toMatch(/livenessProbe/);
  });

  it('reports a check on a port the service does not listen on', () => {
    const findings = health(
      [
        '    ports: ["8080:8080"]',
        '    healthcheck:',
        '      test: ["CMD", "curl", "-f", "http://localhost:80/health"]',
        ...DEFAULT_TIMINGS,
      ],
      PORT_8080,
      'readinessProbe: { httpGet: { path: /health, port: 8080 } }',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      path: 'healthcheck.port',
      dev: { value: '80' },
      prod: { value: '8080' },
    });
    expect(findings[0]?.rule).toMatch(/port 80, which the service does not listen on \(8080\)/);
  });

  it('reports a command against a TCP probe as another mechanism, even on the same port', () => {
    const findings = health(
      ['    healthcheck:', '      test: pg_isready -U postgres', ...DEFAULT_TIMINGS],
      'readinessProbe: { tcpSocket: { port: 5432 } }',
    );
    expect(findings.map((f) => [f.path, f.dev.value, f.prod.value])).toEqual([
      ['healthcheck.mechanism', 'exec pg_isready -U postgres (port 5432)', 'TCP :5432'],
    ]);
    // nc -z on that port is the same TCP connect.
    expect(
      health(
        ['    healthcheck:', '      test: nc -z localhost 5432', ...DEFAULT_TIMINGS],
        'readinessProbe: { tcpSocket: { port: 5432 } }',
      ),
    ).toEqual([]);
  });

  it('says that the port of a command it cannot read is unknown', () => {
    const [finding] = health(
      ['    healthcheck:', '      test: ["CMD", "rabbitmqctl", "status"]', ...DEFAULT_TIMINGS],
      'readinessProbe: { tcpSocket: { port: 5672 } }',
    );
    expect(finding?.path).toBe('healthcheck.mechanism');
    expect(finding?.rule).toMatch(/port is unknown: the command names no port Parity can read/);
  });

  it("counts Kubernetes' defaults for the timings a probe does not write", () => {
    const findings = health(
      [
        '    healthcheck:',
        '      test: ["CMD", "nc", "-z", "localhost", "8080"]',
        '      interval: 30s',
        '      timeout: 10s',
        '      retries: 5',
      ],
      'readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 30 }',
    );
    expect(findings.map((f) => [f.path, f.dev.value, f.prod.value])).toEqual([
      ['healthcheck.timeout', '10s', '1s (default)'],
      ['healthcheck.retries', '5', '3 (default)'],
    ]);
    expect(findings[0]?.rule).toMatch(/compared with production's readinessProbe/);
  });

  it('compares with the readiness probe and reports a liveness probe that checks elsewhere', () => {
    const findings = health(
      ['    healthcheck:', '      test: curl -f http://localhost:3001/health', ...DEFAULT_TIMINGS],
      'readinessProbe: { httpGet: { path: /health, port: 3001 } }',
      'livenessProbe: { httpGet: { path: /liveness, port: 3001 } }',
      'startupProbe: { httpGet: { path: /health, port: 3001 } }',
    );
    expect(findings.map((f) => [f.path, f.dev.value, f.prod.value])).toEqual([
      ['healthcheck.livenessProbe', 'HTTP GET :3001/health', 'HTTP GET :3001/liveness'],
    ]);
  });

  it('maps the check to a startup probe when that is the only one', () => {
    const [finding] = health(
      ['    healthcheck:', '      test: curl -f http://localhost:3001/health', ...DEFAULT_TIMINGS],
      'startupProbe: { httpGet: { path: /ready, port: 3001 } }',
    );
    expect(finding).toMatchObject({ path: 'healthcheck.path', prod: { value: '/ready' } });
    expect(finding?.rule).toMatch(/startupProbe/);
  });

  it('says what production checks when the laptop checks nothing', () => {
    const findings = health(
      [],
      'readinessProbe: { exec: { command: [cat, /proc/1/status] } }',
      'livenessProbe: { exec: { command: [cat, /proc/1/status] } }',
    );
    expect(findings).toMatchObject([
      {
        path: 'healthcheck',
        kind: 'only-prod',
        severity: 'warning',
        prod: {
          value: 'readinessProbe exec cat /proc/1/status; livenessProbe exec cat /proc/1/status',
        },
      },
    ]);
  });

  it("says that a check keeping its image's test probes what cannot be known", () => {
    const findings = health(
      ['    healthcheck:', ...DEFAULT_TIMINGS],
      'readinessProbe: { tcpSocket: { port: 5432 } }',
    );
    expect(findings.map((f) => [f.path, f.severity, f.dev.value, f.prod.value])).toEqual([
      ['healthcheck.mechanism', 'info', "the image's check", 'TCP :5432'],
    ]);
    expect(findings[0]?.rule).toMatch(/what it probes is unknown/);
  });

  it('says when a check only the laptop has probes a port the service does not listen on', () => {
    const [deaf] = health(
      ['    healthcheck:', '      test: curl -f http://localhost/health'],
      PORT_8080,
    );
    expect(deaf).toMatchObject({ path: 'healthcheck', kind: 'only-dev', severity: 'warning' });
    expect(deaf?.rule).toBe(
      'only the laptop checks health, on port 80, which the service does not listen on (8080)',
    );
    const [fine] = health(
      ['    healthcheck:', '      test: curl -f http://localhost:8080/health'],
      PORT_8080,
    );
    expect(fine).toMatchObject({ path: 'healthcheck', severity: 'info' });
  });

  it("compares two Compose checks with Docker's defaults for what neither writes", () => {
    const dir = makeProject('health', {
      'compose.yaml': lines(
        'services:',
        '  api:',
        '    image: example/api:1',
        '    healthcheck: { test: "curl -f http://localhost:8080/health", interval: 30s }',
      ),
      'compose.prod.yaml': lines(
        'services:',
        '  api:',
        '    image: example/api:1',
        '    healthcheck: { test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"] }',
      ),
    });
    const model = (file: string) => {
      const { project, diagnostics } = loadProject({ dir, files: [file], env: {} });
      if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
      return project.model;
    };
    // The same endpoint, and 30s written against Docker's default 30s: nothing.
    expect(diffModels(model('compose.yaml'), model('compose.prod.yaml')).findings).toEqual([]);
  });
});
