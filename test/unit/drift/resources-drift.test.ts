import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { deployment, driftOf, lines } from './drift-fixture';

// Limits and requests (Compose reservations), compared as amounts whatever unit writes them.

function resources(compose: string[], ...container: string[]): Finding[] {
  const { report } = driftOf({
    'compose.yaml': lines('services:', '  app:', '    image: example/app:1', ...compose),
    'k8s/app.yaml': deployment('app', ...container),
  });
  return report.findings.filter((f) => f.category === 'resources');
}

const shown = (findings: Finding[]) =>
  findings.map((f) => [f.path, f.kind, f.dev.value, f.prod.value]);

describe('resources compared as amounts', () => {
  it('reports a CPU request only production sets, at its line', () => {
    const findings = resources([], 'resources: { requests: { cpu: 100m } }');
    expect(findings).toMatchObject([
      {
        path: 'resources.requests.cpus',
        kind: 'only-prod',
        severity: 'info',
        dev: { value: null, source: null },
        prod: { value: '0.1 (100m)', source: { file: 'k8s/app.yaml', line: 11 } },
      },
    ]);
  });

  it('never reports equal amounts written in different units (deploy.resources)', () => {
    expect(
      resources(
        [
          '    deploy:',
          '      resources:',
          '        limits: { cpus: "0.5", memory: 512m }',
          '        reservations: { cpus: "0.25", memory: 1g }',
        ],
        'resources:',
        '  limits: { cpu: 500m, memory: 512Mi }',
        '  requests: { cpu: "0.25", memory: 1024Mi }',
      ),
    ).toEqual([]);
  });

  it('never reports equal amounts in the legacy keys, e-notation and decimal units', () => {
    expect(
      resources(
        ['    cpus: 1.5', '    mem_limit: 1000000000', '    mem_reservation: 64k'],
        'resources:',
        '  limits: { cpu: 1500m, memory: 1e9 }',
        '  requests: { memory: 64Ki }',
      ),
    ).toEqual([]);
    expect(
      resources(
        // Compose's k is KiB: 1000000k is not 1G.
        ['    mem_limit: 1000000k'],
        'resources: { limits: { memory: 1G } }',
      ),
    ).toMatchObject([{ path: 'resources.memory', dev: { value: '1024M' }, prod: { value: '1G' } }]);
  });

  it('reports each differing limit and request, a production-only memory limit as a warning', () => {
    const findings = resources(
      ['    mem_reservation: 128m', '    cpus: 2'],
      'resources:',
      '  limits: { cpu: "1", memory: 256Mi }',
      '  requests: { memory: 128M }',
    );
    expect(shown(findings)).toEqual([
      ['resources.cpus', 'changed', '2', '1'],
      ['resources.memory', 'only-prod', null, '256Mi'],
      ['resources.requests.memory', 'changed', '128Mi', '128M'],
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['info', 'warning', 'info']);
  });
});
