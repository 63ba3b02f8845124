import { describe, expect, it } from 'vitest';
import type { ServiceMatch } from '../../../src/shared/drift';
import { formatTable } from '../../../src/main/drift/format';
import { familyOf } from '../../../src/main/drift/image-families';
import { nameTokens } from '../../../src/main/drift/service-features';
import { driftOf, lines } from './drift-fixture';

// Pairing by a score over independent evidence, on compose files and manifests of our own:
// services whose names differ, that no name, map, container name, image repository or shared
// env key pairs, pair when one candidate is clearly ahead, and say on what evidence.

/**
 * A Deployment `name` with one container `name` and the extra container lines given; its pod
 * has a volume `d` (a claim) to mount.
 */
function workload(name: string, image: string, ...container: string[]): string {
  return lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: ${name} }`,
    'spec:',
    '  template:',
    `    metadata: { labels: { app: ${name} } }`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: ${image}`,
    ...container.map((row) => `          ${row}`),
    '      volumes: [{ name: d, persistentVolumeClaim: { claimName: d } }]',
  );
}

const pairOf = (matches: ServiceMatch[], dev: string): ServiceMatch | undefined =>
  matches.find((m) => m.dev === dev);

describe('pairing leftover services by evidence', () => {
  it('splits names into words on - _ . and camel case; engines and kind words are one word', () => {
    expect([...nameTokens('catalog-db')]).toEqual(['catalog', 'database']);
    expect([...nameTokens('catalogMysql')]).toEqual(['catalog', 'database']);
    expect([...nameTokens('orders_service.cache')]).toEqual(['orders', 'cache']);
    expect(familyOf('library/mariadb')?.family).toBe('mysql');
    expect(familyOf('valkey/valkey')?.family).toBe('redis');
    expect(familyOf('opensearchproject/opensearch')?.family).toBe('elasticsearch');
    expect(familyOf('prom/mysqld-exporter')).toBeNull();
  });

  it('pairs by name words and a listening port (catalog-db ~ catalog-mysql)', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  catalog-db:',
        '    build: ./db',
        '    ports: ["127.0.0.1:3307:3306"]',
      ),
      'db/Dockerfile': 'FROM scratch\n',
      'k8s/db.yaml': workload(
        'catalog-mysql',
        'registry.example.com/catalog-db:2',
        'ports: [{ containerPort: 3306 }]',
      ),
    });
    expect(pairOf(report.matches, 'catalog-db')).toEqual({
      dev: 'catalog-db',
      prod: 'catalog-mysql',
      by: 'evidence',
      evidence: 'names share catalog, database; both listen on 3306 (score 3)',
    });
  });

  it('pairs drop-in equivalent images that mount their data at the same path', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  store:',
        '    image: mariadb:11',
        '    volumes: ["data:/var/lib/mysql"]',
        'volumes: { data: {} }',
      ),
      'k8s/db.yaml': workload(
        'orders-primary',
        'mysql:8.4',
        'volumeMounts: [{ name: d, mountPath: /var/lib/mysql }]',
      ),
    });
    const pair = pairOf(report.matches, 'store');
    expect([pair?.prod, pair?.by]).toEqual(['orders-primary', 'evidence']);
    expect(pair?.evidence).toContain('drop-in equivalent images (mariadb:11, mysql:8.4: mysql)');
    expect(pair?.evidence).toContain('both mount data at /var/lib/mysql');
  });

  it('pairs by shared env key prefixes (MYSQL_* on both) with other evidence', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  db:',
        '    build: ./db',
        '    environment: { MYSQL_DATABASE: shop, MYSQL_USER: shop }',
        '    ports: ["127.0.0.1:3307:3306"]',
      ),
      'db/Dockerfile': 'FROM scratch\n',
      'k8s/db.yaml': workload(
        'sql-primary',
        'registry.example.com/shop/sql:1',
        'env: [{ name: MYSQL_ROOT_PASSWORD, value: x }, { name: MYSQL_ONETIME_PASSWORD, value: "yes" }]',
        'ports: [{ containerPort: 3306 }]',
      ),
    });
    const pair = pairOf(report.matches, 'db');
    expect([pair?.prod, pair?.by]).toEqual(['sql-primary', 'evidence']);
    expect(pair?.evidence).toContain('env keys MYSQL_* on both');
  });

  it('pairs by place in the graph, and a database on another engine is an error', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  api:',
        '    image: example/api:1',
        '    environment: { MYSQL_HOST: db }',
        '    depends_on: [db]',
        '  db:',
        '    image: mysql:8',
      ),
      'k8s/api.yaml': workload('api', 'example/api:1', 'env: [{ name: PGHOST, value: pg-main }]'),
      'k8s/pg.yaml': workload('pg-main', 'postgres:16'),
    });
    const pair = pairOf(report.matches, 'db');
    expect([pair?.prod, pair?.by]).toEqual(['pg-main', 'evidence']);
    expect(pair?.evidence).toContain('same place in the graph: api uses it on both sides');
    expect(pair?.evidence).toContain('both databases, on different engines (mysql, postgres)');
    const image = report.findings.find((f) => f.service === 'db' && f.path === 'image');
    expect([image?.severity, image?.status, image?.dev.value, image?.prod.value]).toEqual([
      'error',
      'drift',
      'mysql:8',
      'postgres:16',
    ]);
    expect(formatTable(report, { all: false })).toContain('matched db → pg-main by evidence: ');
  });

  it('pairs nothing on a near tie, and says which candidate came closest and why', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  orders-db:',
        '    image: mariadb:11',
        '    volumes: ["data:/var/lib/mysql"]',
        'volumes: { data: {} }',
      ),
      'k8s/a.yaml': workload(
        'orders-a',
        'mysql:8',
        'volumeMounts: [{ name: d, mountPath: /var/lib/mysql }]',
      ),
      'k8s/b.yaml': workload(
        'orders-b',
        'mysql:8',
        'volumeMounts: [{ name: d, mountPath: /var/lib/mysql }]',
      ),
    });
    expect(report.matches.map((m) => m.by)).toEqual(['none', 'none', 'none']);
    const closest = pairOf(report.matches, 'orders-db')?.closest;
    expect(closest?.name).toBe('orders-a');
    expect(closest?.notTaken).toMatch(/^not clearly ahead of orders-b \(score [\d.]+\)$/);
  });

  it('counts another kind of image against a pair (a cache is not a database)', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  sessions-db:',
        '    image: redis:7',
        '    environment: { SESSIONS_TTL: "3600" }',
        '    volumes: ["data:/data"]',
        'volumes: { data: {} }',
      ),
      'k8s/a.yaml': workload(
        'sessions-store',
        'mysql:8',
        'env: [{ name: SESSIONS_TTL, value: "3600" }]',
        'volumeMounts: [{ name: d, mountPath: /data }]',
      ),
    });
    expect(report.matches.map((m) => m.by)).toEqual(['none', 'none']);
    expect(pairOf(report.matches, 'sessions-db')?.closest?.notTaken).toMatch(
      /^too little evidence/,
    );
  });

  it('pairs nothing among look-alike services that share only keys and ports', () => {
    const service = (name: string): string[] => [
      `  ${name}:`,
      `    image: example/${name}:1`,
      '    environment: { LOG_LEVEL: info, UPSTREAM_URL: "http://x:8080" }',
      '    expose: ["8080", "9000"]',
    ];
    const { report } = driftOf({
      'compose.yaml': lines('services:', ...service('billing'), ...service('invoices')),
      'k8s/a.yaml': workload(
        'ledger',
        'example/ledger:1',
        'env: [{ name: LOG_LEVEL, value: info }, { name: UPSTREAM_URL, value: "http://x:8080" }]',
        'ports: [{ containerPort: 8080 }, { containerPort: 9000 }]',
      ),
    });
    expect(report.matches.map((m) => m.by)).toEqual(['none', 'none', 'none']);
  });
  it('takes nothing most services share as evidence (the same env keys and mounts everywhere)', () => {
    const devService = (name: string, ...more: string[]): string[] => [
      `  ${name}:`,
      `    image: example/${name}:1`,
      '    environment: { SHARED_ONE: x, SHARED_TWO: y }',
      `    volumes: ["${name}-data:/data"]`,
      ...more,
    ];
    const prodService = (name: string, ...env: string[]): string =>
      workload(
        name,
        `example/${name}:1`,
        `env: [{ name: SHARED_ONE, value: x }, { name: SHARED_TWO, value: y }${env.join('')}]`,
        'volumeMounts: [{ name: d, mountPath: /data }]',
      );
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        ...devService('a'),
        ...devService('b'),
        ...devService('c', '    depends_on: [legacy]'),
        ...devService('legacy'),
        'volumes: { a-data: {}, b-data: {}, c-data: {}, legacy-data: {} }',
      ),
      'k8s/a.yaml': prodService('a'),
      'k8s/b.yaml': prodService('b'),
      'k8s/c.yaml': prodService('c', ', { name: NEXT_URL, value: "http://modern:9000" }'),
      'k8s/modern.yaml': prodService('modern'),
    });
    // Only the place in the graph is left (c uses each), one kind of evidence: no pair.
    expect(pairOf(report.matches, 'legacy')?.by).toBe('none');
    expect(pairOf(report.matches, 'legacy')?.closest).toEqual({
      name: 'modern',
      evidence: 'same place in the graph: c uses it on both sides (score 2)',
      notTaken: 'too little evidence: score 2 from 1 kind(s), a pair needs 3 from 2',
    });
  });
});
