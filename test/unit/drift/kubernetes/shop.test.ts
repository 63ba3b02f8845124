import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SourcePosition } from '../../../../src/shared/diagnostics';
import type { Field } from '../../../../src/shared/model';
import { readKubernetes } from '../../../../src/main/drift/kubernetes';

// examples/shop/DRIFT.md lists the designed differences with file:line on both sides; these
// tests hold the production side of that list (paths relative to examples/shop).
const SHOP = fileURLToPath(new URL('../../../../examples/shop', import.meta.url));
const read = readKubernetes(['deploy/k8s'], SHOP);
const { services } = read.model;

function at(position: SourcePosition | undefined | null): string {
  return position ? `${position.file}:${position.line}` : 'nowhere';
}

function service(name: string) {
  const found = services[name];
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

function env(name: string, key: string): Field<string> {
  const found = service(name).environment[key];
  if (!found) throw new Error(`no env ${key} in ${name}`);
  return found;
}

function origin(workload: string, key: string) {
  return read.objects.find((o) => o.kind === 'Deployment' && o.name === workload)?.env?.[key];
}

describe('readKubernetes on examples/shop', () => {
  it('reads the 9 objects of 5 files without a diagnostic (T15)', () => {
    expect(read.diagnostics).toEqual([]);
    const kinds = read.objects.map((o) => o.kind).sort();
    expect(kinds).toEqual([
      'ConfigMap',
      'Deployment',
      'Deployment',
      'Deployment',
      'Deployment',
      'Secret',
      'Service',
      'Service',
      'Service',
    ]);
  });

  it('makes one service per Deployment, named as production names it (T03)', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'order-worker', 'redis', 'web']);
    expect(at(service('redis').source)).toBe('deploy/k8s/redis.yaml:5'); // D20
    expect(read.objects.find((o) => o.name === 'order-worker')?.containers).toEqual([
      expect.objectContaining({ name: 'worker', role: 'main', image: 'busybox:1.36.1' }),
    ]);
  });

  it('reads images at their lines (D01, D06, D17, D20, T09)', () => {
    expect(service('web').image?.value.raw).toBe('registry.example.com/shop/web:1.4.2');
    expect(at(service('web').image?.source)).toBe('deploy/k8s/web.yaml:23');
    expect(at(service('api').image?.source)).toBe('deploy/k8s/api.yaml:24');
    const worker = service('order-worker').image;
    expect(worker?.value).toMatchObject({ repository: 'library/busybox', tag: '1.36.1' });
    expect(at(worker?.source)).toBe('deploy/k8s/worker.yaml:26');
    expect(service('redis').image?.value.tag).toBe('7.2.5-alpine');
    expect(at(service('redis').image?.source)).toBe('deploy/k8s/redis.yaml:23');
  });

  it('reads replicas (D03, D12, T08)', () => {
    expect(service('web').replicas).toMatchObject({ value: 3 });
    expect(at(service('web').replicas?.source)).toBe('deploy/k8s/web.yaml:11');
    expect(service('api').replicas?.value).toBe(2);
    expect(at(service('api').replicas?.source)).toBe('deploy/k8s/api.yaml:12');
    expect(at(service('order-worker').replicas?.source)).toBe('deploy/k8s/worker.yaml:14');
  });

  it('reads limits as limits and requests as reservations (D04, D05, D13, D14)', () => {
    const web = service('web');
    expect(web.limits.cpus?.value).toBe(0.2);
    expect(at(web.limits.cpus?.source)).toBe('deploy/k8s/web.yaml:37');
    expect(web.limits.memoryBytes?.value).toBe(64 * 2 ** 20);
    expect(at(web.limits.memoryBytes?.source)).toBe('deploy/k8s/web.yaml:38');
    expect(at(web.reservations.cpus?.source)).toBe('deploy/k8s/web.yaml:34');
    expect(at(web.reservations.memoryBytes?.source)).toBe('deploy/k8s/web.yaml:35');
    const api = service('api');
    expect(api.limits.cpus?.value).toBe(0.5);
    expect(at(api.limits.cpus?.source)).toBe('deploy/k8s/api.yaml:60');
    expect(api.limits.memoryBytes?.value).toBe(128 * 2 ** 20);
    expect(at(api.limits.memoryBytes?.source)).toBe('deploy/k8s/api.yaml:61');
    expect(api.reservations.cpus?.value).toBe(0.1);
    expect(at(api.reservations.cpus?.source)).toBe('deploy/k8s/api.yaml:57');
    expect(at(api.reservations.memoryBytes?.source)).toBe('deploy/k8s/api.yaml:58');
  });

  it('takes envFrom keys from the ConfigMap, positioned at the ConfigMap key (D07, D08, D10)', () => {
    expect(env('api', 'DATABASE_URL').value).toBe(
      'postgres://shop@shop-db.prod.example.com:5432/shop',
    );
    expect(at(env('api', 'DATABASE_URL').source)).toBe('deploy/k8s/config.yaml:14');
    expect(at(env('api', 'LOG_LEVEL').source)).toBe('deploy/k8s/config.yaml:13');
    expect(env('api', 'CACHE_URL').value).toBe('redis://redis:6379/0');
    expect(at(env('api', 'CACHE_URL').source)).toBe('deploy/k8s/config.yaml:15');
    const via = origin('api', 'DATABASE_URL');
    expect(via).toMatchObject({ from: 'configMap', object: 'shop-config', resolved: true });
    expect([via?.entry.line, via?.entry.endLine]).toEqual([29, 30]);
  });

  it('marks the Secret key as secret, decoded, at the env entry (D09, T10)', () => {
    const key = env('api', 'PAYMENT_API_KEY');
    expect(read.secretKeys).toEqual({ api: ['PAYMENT_API_KEY'] });
    expect(key.value).toBe(
      Buffer.from('cHJvZC1mYWtlLXBheW1lbnQta2V5LW5vdC1yZWFs', 'base64').toString('utf8'),
    );
    expect(at(key.source)).toBe('deploy/k8s/api.yaml:33');
    const via = origin('api', 'PAYMENT_API_KEY');
    expect(via).toMatchObject({ from: 'secret', object: 'shop-secrets' });
    expect([via?.entry.line, via?.entry.endLine]).toEqual([32, 36]);
    expect(at(via?.key)).toBe('deploy/k8s/config.yaml:27');
    expect(services.api?.environment['payment-api-key']).toBeUndefined();
  });

  it('positions literal values at the value, the entry spanning name to value (D02, D11, D18, T07)', () => {
    expect(env('web', 'PUBLIC_URL').value).toBe('https://shop.example.com');
    expect(at(env('web', 'PUBLIC_URL').source)).toBe('deploy/k8s/web.yaml:31');
    const entry = origin('web', 'PUBLIC_URL')?.entry;
    expect([entry?.line, entry?.endLine]).toEqual([30, 31]);
    expect(env('web', 'SHOP_TITLE').value).toBe('Shop');
    expect(at(env('api', 'OTEL_EXPORTER_OTLP_ENDPOINT').source)).toBe('deploy/k8s/api.yaml:38');
    expect(env('order-worker', 'API_URL').value).toBe('http://api');
    expect(at(env('order-worker', 'API_URL').source)).toBe('deploy/k8s/worker.yaml:33');
  });

  it('gives web and worker none of the ConfigMap keys (T11)', () => {
    expect(Object.keys(service('web').environment)).toEqual(['SHOP_TITLE', 'PUBLIC_URL']);
    expect(Object.keys(service('order-worker').environment)).toEqual(['API_URL']);
  });

  it('maps args to command and leaves a plain $VAR to the shell (T04)', () => {
    const worker = service('order-worker');
    expect(worker.entrypoint).toBeNull();
    expect(worker.command?.value.slice(0, 2)).toEqual(['sh', '-c']);
    expect(worker.command?.value[2]).toContain('"$API_URL/cgi-bin/orders"');
    expect(at(worker.command?.source)).toBe('deploy/k8s/worker.yaml:28');
  });

  it('joins container ports with the Services that forward to them (T01, T02, D20)', () => {
    expect(service('api').ports.map((p) => p.value)).toEqual([
      {
        target: 8081,
        published: '80',
        hostIp: null,
        protocol: 'tcp',
        mode: 'ingress',
        name: 'http',
        exposure: 'cluster',
        service: { name: 'api', namespace: 'shop' },
      },
    ]);
    expect(at(service('api').ports[0]?.source)).toBe('deploy/k8s/api.yaml:27');
    expect(service('web').ports.map((p) => [p.value.target, p.value.published])).toEqual([
      [8080, '80'],
    ]);
    expect(service('redis').ports.map((p) => [p.value.target, p.value.published])).toEqual([
      [6379, '6379'],
    ]);
    expect(service('order-worker').ports).toEqual([]);
    const web = read.objects.find((o) => o.kind === 'Service' && o.name === 'web');
    expect(web?.serviceSpec?.ports).toEqual([
      expect.objectContaining({ port: 80, targetPort: 'http', reaches: ['web/web'] }),
    ]);
  });

  it('reads the readiness probe as the health check, the liveness probe beside it (D15, D16, T05, T06)', () => {
    const health = service('api').healthcheck;
    const { positions, otherProbes, ...settings } = health?.value ?? {};
    expect(otherProbes?.map((p) => [p.probe, p.test, p.intervalMs, p.timeoutMs])).toEqual([
      ['livenessProbe', ['HTTP', 'GET', 'http://:8081/cgi-bin/health'], 10_000, 2_000],
    ]);
    expect(at(otherProbes?.[0]?.positions?.test)).toBe('deploy/k8s/api.yaml:48');
    expect(settings).toEqual({
      probe: 'readinessProbe',
      test: ['HTTP', 'GET', 'http://:8081/cgi-bin/health'],
      disable: false,
      intervalMs: 10_000,
      timeoutMs: 2_000,
      retries: 3,
      startPeriodMs: 1_000,
      startIntervalMs: null,
    });
    expect(at(positions?.intervalMs)).toBe('deploy/k8s/api.yaml:44');
    expect(at(health?.source)).toBe('deploy/k8s/api.yaml:39');
    const probe = read.objects.find((o) => o.kind === 'Deployment' && o.name === 'api')?.probe;
    expect(probe?.kind).toBe('readinessProbe');
    expect(at(probe?.fields.intervalMs)).toBe('deploy/k8s/api.yaml:44');
    expect(at(probe?.fields.retries)).toBe('deploy/k8s/api.yaml:46');
    expect(at(probe?.fields.timeoutMs)).toBe('deploy/k8s/api.yaml:45');
    expect(at(probe?.fields.startPeriodMs)).toBe('deploy/k8s/api.yaml:43');
  });

  it('fills the platform facts: restart always, default network, template labels (T13)', () => {
    const api = service('api');
    expect(api.restart?.value).toBe('always');
    expect(api.networks).toEqual(['default']);
    expect(api.labels['app.kubernetes.io/name']?.value).toBe('api');
    expect(at(api.labels['app.kubernetes.io/name']?.source)).toBe('deploy/k8s/api.yaml:19');
    expect(api.volumes).toEqual([]);
    expect(read.model.networks.default?.value).toEqual({ name: 'default', external: false });
  });
});
