import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKubernetes } from '../../../../src/main/drift/kubernetes';
import { CORPORA, CORPORA_PRESENT, warnWithoutCorpora } from '../../../support/corpora';

// Real projects' manifests (see the folder's README and each GROUND_TRUTH.md); shared by the
// workplace, not the repo. Without the corpora these tests are skipped, saying why; with them,
// a missing corpus fails.
warnWithoutCorpora('the Kubernetes manifests of the corpora');

function load(corpus: string, paths: string[]) {
  const dir = join(CORPORA, corpus);
  expect(existsSync(dir), `${dir} is missing`).toBe(true);
  return readKubernetes(paths, dir);
}

// Read in beforeAll, which a skipped suite does not run (its factory it does).
describe.skipIf(!CORPORA_PRESENT)('example-voting-app k8s-specifications', () => {
  let read: ReturnType<typeof load>;
  beforeAll(() => {
    read = load('example-voting-app', ['k8s-specifications']);
  });

  it('loads 5 Deployments and 4 Services without errors', () => {
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(read.model.services).sort()).toEqual([
      'db',
      'redis',
      'result',
      'vote',
      'worker',
    ]);
    expect(read.objects.filter((o) => o.kind === 'Service')).toHaveLength(4);
  });

  it('names the service after the Deployment, not the container (db runs postgres)', () => {
    const db = read.objects.find((o) => o.kind === 'Deployment' && o.name === 'db');
    expect(db?.containers?.map((c) => [c.name, c.role])).toEqual([['postgres', 'main']]);
    expect(read.model.services.db?.image?.value.raw).toBe('postgres:15-alpine');
    expect(read.model.services.db?.environment.POSTGRES_PASSWORD?.value).toBe('postgres');
  });

  it('publishes NodePort Services on their port, the nodePort kept in the summary (VOTE-4)', () => {
    expect(read.model.services.vote?.ports.map((p) => [p.value.target, p.value.published])).toEqual(
      [[80, '8080']],
    );
    const vote = read.objects.find((o) => o.kind === 'Service' && o.name === 'vote');
    expect(vote?.serviceSpec).toMatchObject({
      type: 'NodePort',
      ports: [{ port: 8080, targetPort: 80, nodePort: 31000, reaches: ['vote/vote'] }],
    });
    expect(read.model.services.worker?.ports).toEqual([]);
  });

  it('reads emptyDir volumes as anonymous volumes (DB-1, REDIS-2)', () => {
    expect(read.model.services.db?.volumes.map((v) => v.value)).toEqual([
      { type: 'volume', source: null, target: '/var/lib/postgresql/data', readOnly: false },
    ]);
    expect(read.model.services.redis?.volumes[0]?.value.target).toBe('/data');
  });
});

describe.skipIf(!CORPORA_PRESENT)('sock-shop complete-demo.yaml', () => {
  let read: ReturnType<typeof load>;
  let services: ReturnType<typeof load>['model']['services'];
  beforeAll(() => {
    read = load('sock-shop', ['deploy/kubernetes/complete-demo.yaml']);
    services = read.model.services;
  });

  it('loads 14 Deployments and 14 Services (+ a Namespace) without errors', () => {
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(services).sort()).toEqual([
      'carts',
      'carts-db',
      'catalogue',
      'catalogue-db',
      'front-end',
      'orders',
      'orders-db',
      'payment',
      'queue-master',
      'rabbitmq',
      'session-db',
      'shipping',
      'user',
      'user-db',
    ]);
    expect(read.objects.filter((o) => o.kind === 'Service')).toHaveLength(14);
    expect(read.objects.find((o) => o.kind === 'Namespace')?.use).toBe('ignored');
  });

  it('keeps the rabbitmq exporter as a sidecar the Service reaches (RMQ-2, RMQ-3)', () => {
    const pod = read.objects.find((o) => o.kind === 'Deployment' && o.name === 'rabbitmq');
    expect(pod?.containers?.map((c) => [c.name, c.role, c.image])).toEqual([
      ['rabbitmq', 'main', 'rabbitmq:3.6.8-management'],
      ['rabbitmq-exporter', 'sidecar', 'kbudde/rabbitmq-exporter'],
    ]);
    expect(services.rabbitmq?.ports.map((p) => [p.value.target, p.value.published])).toEqual([
      [15672, null],
      [5672, '5672'],
    ]);
    const svc = read.objects.find((o) => o.kind === 'Service' && o.name === 'rabbitmq');
    expect(svc?.serviceSpec?.ports.map((p) => p.reaches)).toEqual([
      ['rabbitmq/rabbitmq'],
      ['rabbitmq/rabbitmq-exporter'],
    ]);
  });

  it('reads resources, probes, users and commands (FRONT-3..5, CAT-1, PAY-1)', () => {
    const front = services['front-end'];
    expect(front?.limits.cpus?.value).toBe(0.3);
    expect(front?.limits.memoryBytes?.value).toBe(1000 * 2 ** 20);
    expect(front?.reservations.memoryBytes?.value).toBe(300 * 2 ** 20);
    expect(front?.user?.value).toBe('10001');
    expect(front?.healthcheck?.value.test).toEqual(['HTTP', 'GET', 'http://:8079/']);
    expect(front?.ports.map((p) => [p.value.target, p.value.published])).toEqual([[8079, '80']]);
    expect(services.catalogue?.entrypoint?.value).toEqual(['/app']);
    expect(services.catalogue?.command?.value).toEqual(['-port=80']);
    expect(services.payment?.reservations.cpus?.value).toBe(0.099);
  });

  it('reads env and tmpfs mounts (CATDB-1, USER-2, SHIP-1, carts /tmp)', () => {
    expect(services['catalogue-db']?.environment.MYSQL_ROOT_PASSWORD?.value).toBe('fake_password');
    expect(services.user?.environment.mongo?.value).toBe('user-db:27017');
    expect(services.shipping?.environment.ZIPKIN?.value).toBe('zipkin.jaeger.svc.cluster.local');
    expect(services.carts?.volumes.map((v) => v.value)).toEqual([
      { type: 'tmpfs', source: null, target: '/tmp', readOnly: false },
    ]);
    expect(services['carts-db']?.image?.value.tag).toBe('latest');
    expect(read.secretKeys).toEqual({});
  });
});
