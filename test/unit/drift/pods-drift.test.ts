import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { readKubernetes, workloadsOf } from '../../../src/main/drift/kubernetes';
import type { DriftReport, Finding } from '../../../src/shared/drift';

// test/fixtures/drift-pods: production pods that run more than one container (a log shipper
// beside the api, init containers that wait for the database or migrate it) and an Ingress as
// the front door, against a Compose file where each of those is a service or a depends_on.
const DIR = fileURLToPath(new URL('../../fixtures/drift-pods', import.meta.url));

function drift(): { report: DriftReport; diagnostics: string[] } {
  const { project, diagnostics } = loadProject({ dir: DIR, env: {}, profiles: ['*'] });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const production = readKubernetes(['k8s'], DIR);
  const report = diffModels(project.model, production.model, {
    secretKeys: production.secretKeys,
    workloads: workloadsOf(production),
  });
  return { report, diagnostics: production.diagnostics.map((d) => d.message) };
}

const { report, diagnostics } = drift();
const of = (service: string): Finding[] => report.findings.filter((f) => f.service === service);
const at = (service: string, path: string): Finding | undefined =>
  of(service).find((f) => f.path === path);

describe('a service production runs as a sidecar, compared field by field', () => {
  it('is paired with the container of that name in the other service’s pod', () => {
    expect(report.matches).toContainEqual(
      expect.objectContaining({ dev: 'log-shipper', prod: 'api', by: 'sidecar' }),
    );
    expect(diagnostics).toEqual([]);
  });

  it('reports the container’s own values, each at its line in the pod', () => {
    const byPath = Object.fromEntries(
      of('log-shipper')
        .filter((f) => f.status === 'drift')
        .map((f) => [f.path, [f.dev.value, f.prod.value, f.prod.source?.line]]),
    );
    expect(byPath).toEqual({
      'image.tag': ['3.0', '3.1', 29],
      'env.LOG_LEVEL': ['debug', 'info', 33],
      'resources.memory': ['128Mi', '256Mi', 36],
      healthcheck: [null, 'readinessProbe HTTP GET :2020/api/v1/health', 37],
      read_only: [null, 'read-only', 40],
      'ports.2020/tcp': [null, '2020/tcp: not exposed', 31],
      'volumes./var/log/app': ['volume', 'anonymous volume', 42],
    });
  });

  it('counts what both sides set alike as equal, and says it is a container of the pod', () => {
    expect(at('log-shipper', 'env.FLUSH_SECONDS')).toBeUndefined();
    expect(at('log-shipper', 'service')).toMatchObject({
      status: 'expected',
      prod: { value: 'sidecar container of api' },
    });
    // Not the api container's values: its image and env are not the shipper's.
    expect(at('log-shipper', 'env.DB_HOST')).toBeUndefined();
    expect(at('log-shipper', 'image')).toBeUndefined();
  });
});

describe('init containers', () => {
  it('one that waits for a service the laptop depends_on is that depends_on: expected', () => {
    expect(at('api', 'sidecars.wait-for-db')).toMatchObject({
      kind: 'changed',
      status: 'expected',
      category: 'topology',
      dev: { value: 'depends_on db (service_healthy)', source: { file: 'compose.yaml', line: 13 } },
      prod: {
        value: 'init container wait-for-db waits for db:5432 (nc)',
        source: { file: 'k8s/api.yaml', line: 13 },
      },
      reason:
        'Kubernetes has no depends_on: an init container that waits for db:5432 is its counterpart',
    });
  });

  it('one that waits for a service the laptop starts without waiting is an ordering drift', () => {
    expect(at('worker', 'sidecars.wait-for-db')).toMatchObject({
      kind: 'only-prod',
      status: 'drift',
      severity: 'info',
      rule: 'production waits for db before it starts; the laptop starts it without waiting (no depends_on)',
      prod: {
        value: 'init container wait-for-db waits for db.shop.svc.cluster.local:5432 (pg_isready)',
      },
    });
  });

  it('one that does other work is production-only work of the service, with its command', () => {
    expect(at('api', 'sidecars.migrate')).toMatchObject({
      kind: 'only-prod',
      status: 'drift',
      severity: 'warning',
      rule: 'production runs work before it starts (an init container) that the laptop does not',
      prod: { value: 'init example/api:1: ./api migrate --up', source: { line: 16 } },
    });
  });
});

describe('an Ingress is the outside exposure of the service its backend Service reaches', () => {
  it('a laptop host port against an Ingress route is drift, with the host and path', () => {
    expect(at('api', 'ports.9000/tcp.outside')).toMatchObject({
      kind: 'changed',
      status: 'drift',
      dev: { value: '9000/tcp: host port 9000' },
      prod: { value: '9000/tcp: ClusterIP Service api port 80, Ingress shop.example.com/api' },
    });
  });

  it('follows a Service named apart from its workload to the paired service', () => {
    expect(at('web', 'ports.8080/tcp.outside')).toMatchObject({
      status: 'drift',
      prod: {
        value: '8080/tcp: ClusterIP Service storefront port 80, Ingress shop.example.com/',
        source: { file: 'k8s/web.yaml' },
      },
    });
  });

  it('no longer shows the port as kept internal', () => {
    const reasons = report.findings.flatMap((f) => (f.path.endsWith('.outside') ? [f.reason] : []));
    expect(reasons.join(' ')).not.toMatch(/keeps the service internal/);
  });
});
