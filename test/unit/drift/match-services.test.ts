import { describe, expect, it } from 'vitest';
import type { EnvironmentModel, ImageRef, ServiceModel } from '../../../src/shared/model';
import { diffModels } from '../../../src/main/drift/diff';
import { formatTable } from '../../../src/main/drift/format';
import { matchServices, type ProdWorkload } from '../../../src/main/drift/match-services';

const at = { file: 'x.yaml', line: 1, column: 1 };

function imageRef(raw: string): ImageRef {
  // Enough of the registry rules for these tests: a first part with a dot is a registry.
  const [path = raw, tag = 'latest'] = raw.split(':');
  const parts = path.split('/');
  const registry =
    parts.length > 1 && parts[0]?.includes('.') ? (parts.shift() ?? '') : 'docker.io';
  const repository =
    registry === 'docker.io' && parts.length === 1 ? `library/${parts[0]}` : parts.join('/');
  return { raw, registry, repository, tag, digest: null };
}

function service(name: string, image: string | null, build = false): ServiceModel {
  return {
    name,
    source: at,
    image: image ? { value: imageRef(image), source: at } : null,
    build: build
      ? {
          value: { context: '.', display: '.', dockerfile: null, target: null, args: {} },
          source: at,
        }
      : null,
    command: null,
    entrypoint: null,
    environment: {},
    ports: [],
    volumes: [],
    healthcheck: null,
    dependsOn: {},
    limits: { cpus: null, memoryBytes: null },
    reservations: { cpus: null, memoryBytes: null },
    replicas: null,
    restart: null,
    user: null,
    capAdd: null,
    capDrop: null,
    readOnly: null,
    privileged: null,
    labels: {},
    profiles: [],
    networks: ['default'],
    networkMode: null,
    init: null,
    containerName: null,
    extraHosts: null,
    hostname: null,
    workingDir: null,
    stopSignal: null,
    stopGracePeriodMs: null,
    sidecars: {},
  };
}

function env(...services: ServiceModel[]): EnvironmentModel {
  return {
    name: 'app',
    services: Object.fromEntries(services.map((s) => [s.name, s])),
    volumes: {},
    networks: {},
  };
}

function workload(...containers: ProdWorkload['containers']): ProdWorkload {
  return { kind: 'Deployment', containers };
}

describe('matching services by evidence', () => {
  it('pairs a dev service with the production workload that has a container of its name', () => {
    const dev = env(service('api', null, true), service('db', 'postgres:16'));
    const prod = env(
      service('shop-api', 'registry.example.com/shop/api:1.0'),
      service('db', 'postgres:16'),
    );
    const matches = matchServices(
      dev,
      prod,
      {},
      {
        'shop-api': workload({ name: 'api', role: 'main' }, { name: 'envoy', role: 'sidecar' }),
      },
    );
    expect(matches).toEqual([
      {
        dev: 'api',
        prod: 'shop-api',
        by: 'container-name',
        evidence: 'production container named api in Deployment/shop-api',
      },
      { dev: 'db', prod: 'db', by: 'name' },
    ]);
  });

  it('recognizes sidecars and init containers by name', () => {
    const dev = env(service('migrate', null, true), service('proxy', 'envoyproxy/envoy:v1.29'));
    const prod = env(
      service('shop-api', 'registry.example.com/shop/api:1.0'),
      service('edge', 'nginx:1.25'),
    );
    const matches = matchServices(
      dev,
      prod,
      {},
      {
        'shop-api': workload({ name: 'api', role: 'main' }, { name: 'migrate', role: 'init' }),
        edge: workload({ name: 'nginx', role: 'main' }, { name: 'proxy', role: 'sidecar' }),
      },
    );
    expect(matches.map((m) => [m.dev, m.prod, m.by, m.evidence])).toEqual([
      [
        'migrate',
        'shop-api',
        'container-name',
        'production init container named migrate in Deployment/shop-api',
      ],
      [
        'proxy',
        'edge',
        'container-name',
        'production sidecar container named proxy in Deployment/edge',
      ],
    ]);
  });

  it('pairs by image repository, registry and tag aside', () => {
    const dev = env(service('cache', 'redis:6'));
    const prod = env(service('session-store', 'docker.io/library/redis:7'));
    expect(matchServices(dev, prod, {})).toEqual([
      {
        dev: 'cache',
        prod: 'session-store',
        by: 'image',
        evidence:
          'same image repository library/redis (dev redis:6, production docker.io/library/redis:7)',
      },
    ]);
  });

  it('does not pair a built dev image by its image name', () => {
    const dev = env(service('api', 'shop/api:dev', true));
    const prod = env(service('shop-api', 'shop/api:1.0'));
    expect(matchServices(dev, prod, {}).map((m) => m.by)).toEqual(['none', 'none']);
  });

  it('leaves both unmatched when the image is ambiguous (two candidates on a side)', () => {
    const dev = env(service('cache', 'redis:7'));
    const prod = env(service('sessions', 'redis:7'), service('queue', 'redis:7.2'));
    const matches = matchServices(dev, prod, {});
    expect(matches.map((m) => [m.dev, m.prod, m.by])).toEqual([
      ['cache', null, 'none'],
      [null, 'sessions', 'none'],
      [null, 'queue', 'none'],
    ]);
    // The unpaired one says which candidate came closest, and why it was not taken.
    expect(matches[0]?.closest).toEqual({
      name: 'sessions',
      evidence: 'same image library/redis (score 3)',
      notTaken: 'not clearly ahead of queue (score 3)',
    });
    const devTwo = env(service('cache', 'redis:7'), service('queue', 'redis:7'));
    const prodOne = env(service('sessions', 'redis:7'));
    expect(matchServices(devTwo, prodOne, {}).every((m) => m.by === 'none')).toBe(true);
  });

  it('leaves both unmatched when two dev services name containers of one workload', () => {
    const dev = env(service('api', null, true), service('worker', null, true));
    const prod = env(service('shop', 'registry.example.com/shop:1'));
    const matches = matchServices(
      dev,
      prod,
      {},
      {
        shop: workload({ name: 'api', role: 'main' }, { name: 'worker', role: 'sidecar' }),
      },
    );
    expect(matches.every((m) => m.by === 'none')).toBe(true);
  });

  it('matches by name and map first: evidence only pairs what is left', () => {
    const dev = env(service('cache', 'redis:7'), service('db', 'postgres:16'));
    const prod = env(
      service('cache', 'redis:7'),
      service('pg', 'postgres:15'),
      service('redis-2', 'redis:7'),
    );
    expect(matchServices(dev, prod, {}).map((m) => [m.dev, m.prod, m.by])).toEqual([
      ['cache', 'cache', 'name'],
      ['db', 'pg', 'image'],
      [null, 'redis-2', 'none'],
    ]);
  });

  it("pairs by a paired service's env key that names each as its host", () => {
    const api = (value: string): ServiceModel => ({
      ...service('api', null, true),
      environment: {
        DB_HOST: { value, source: at },
        DATABASE_URL: { value: `postgres://app@${value}:5432/app`, source: at },
      },
    });
    const dev = env(api('db'), service('db', null, true));
    const prod = env(api('postgres.shop.svc.cluster.local'), service('postgres', null));
    expect(matchServices(dev, prod, {})).toEqual([
      { dev: 'api', prod: 'api', by: 'name' },
      {
        dev: 'db',
        prod: 'postgres',
        by: 'env-host',
        evidence: 'DB_HOST of api names db as its host in dev, postgres in production',
      },
    ]);
  });

  it('does not pair by env host when the values name no unmatched service', () => {
    const api = (value: string): ServiceModel => ({
      ...service('api', null, true),
      environment: { DATABASE_URL: { value, source: at } },
    });
    const dev = env(api('postgres://db/app'), service('db', null, true));
    const prod = env(api('postgres://db.example.com/app'), service('pg', null));
    expect(matchServices(dev, prod, {}).map((m) => m.by)).toEqual(['name', 'none', 'none']);
  });

  it('shows each pair made by evidence in the table', () => {
    const dev = env(service('cache', 'redis:6'));
    const prod = env(service('session-store', 'redis:7'));
    const report = diffModels(dev, prod);
    const table = formatTable(report, { all: false });
    expect(table).toContain(
      'matched cache → session-store by image: same image repository library/redis (dev redis:6, production redis:7)',
    );
  });
});
