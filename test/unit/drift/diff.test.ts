import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { makeProject } from '../../support/project-dir';

// A dev stack and a production compose file that differ the way real projects do.
const dir = makeProject('app', {
  'compose.yaml': [
    'services:',
    '  db:',
    '    image: postgres:15.4',
    '    environment:',
    '      POSTGRES_PASSWORD: dev-password',
    '      LOG_LEVEL: debug',
    '  api:',
    '    build: ./api',
    '    environment:',
    '      DATABASE_URL: postgres://db/app',
    '      LOG_LEVEL: debug',
    '    ports: ["8080:8080"]',
    '  cache:',
    '    image: redis:7.2',
    '',
  ].join('\n'),
  'compose.prod.yaml': [
    'services:',
    '  db:',
    '    image: postgres:16.1',
    '    environment:',
    '      POSTGRES_PASSWORD: prod-password',
    '      LOG_LEVEL: warn',
    '  api:',
    '    image: registry.example.com/app/api:1.2.0',
    '    environment:',
    '      DATABASE_URL: postgres://db.prod/app',
    '      LOG_LEVEL: warn',
    '      FEATURE_X: "on"',
    '    ports: ["80:8080"]',
    '    deploy: { replicas: 3, resources: { limits: { memory: 256m } } }',
    '  cache:',
    '    image: valkey/valkey:7.2',
    '  metrics:',
    '    image: prom/statsd-exporter:v0.26.0',
    '',
  ].join('\n'),
});

function model(file: string) {
  const { project, diagnostics } = loadProject({ dir, files: [file], projectName: 'app', env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project.model;
}

const dev = model('compose.yaml');
const prod = model('compose.prod.yaml');

function find(findings: Finding[], service: string, path: string): Finding | undefined {
  return findings.find((f) => f.service === service && f.path === path);
}

describe('diffModels', () => {
  const { findings, matches } = diffModels(dev, prod, {
    rules: {
      ignore: ['*.env.LOG_LEVEL'],
      accept: [{ path: 'api.image', reason: 'built from source locally' }],
    },
  });

  it('pairs services by name and reports those on one side only', () => {
    expect(matches).toContainEqual({ dev: 'db', prod: 'db', by: 'name' });
    expect(find(findings, 'metrics', 'service')).toMatchObject({
      kind: 'only-prod',
      category: 'topology',
      prod: { value: 'metrics', source: { file: 'compose.prod.yaml', line: 17 } },
    });
  });

  it('rates a different major version of a backing service as an error, with both positions', () => {
    expect(find(findings, 'db', 'image.tag')).toMatchObject({
      severity: 'error',
      rule: 'a different major version',
      dev: { value: '15.4', source: { file: 'compose.yaml', line: 3, column: 12 } },
      prod: { value: '16.1', source: { file: 'compose.prod.yaml', line: 3, column: 12 } },
    });
  });

  it('rates a different image family as an error', () => {
    expect(find(findings, 'cache', 'image')).toMatchObject({
      severity: 'error',
      dev: { value: 'redis:7.2' },
    });
  });

  it('never shows a secret value, only that it differs', () => {
    const secret = find(findings, 'db', 'env.POSTGRES_PASSWORD');
    expect(secret).toMatchObject({
      secret: true,
      dev: { value: 'differs' },
      prod: { value: 'differs' },
    });
    expect(JSON.stringify(findings)).not.toContain('prod-password');
    expect(JSON.stringify(findings)).not.toContain('dev-password');
  });

  it('reports env values, variables only in production, replicas and limits', () => {
    expect(find(findings, 'api', 'env.DATABASE_URL')).toMatchObject({
      kind: 'changed',
      dev: { value: 'postgres://db/app' },
      prod: { value: 'postgres://db.prod/app' },
    });
    expect(find(findings, 'api', 'env.FEATURE_X')).toMatchObject({
      kind: 'only-prod',
      severity: 'warning',
    });
    expect(find(findings, 'api', 'replicas')).toMatchObject({
      dev: { value: '1' },
      prod: { value: '3' },
    });
    expect(find(findings, 'api', 'resources.memory')).toMatchObject({
      kind: 'only-prod',
      prod: { value: '256Mi' },
    });
  });

  it('reports another published port number as the outside layer only, the container port agreeing', () => {
    expect(
      findings
        .filter((f) => f.service === 'api' && f.category === 'ports')
        .map((f) => [f.path, f.kind, f.status, f.dev.value, f.prod.value]),
    ).toEqual([
      [
        'ports.8080/tcp.outside',
        'changed',
        'drift',
        '8080/tcp: host port 8080',
        '8080/tcp: host port 80',
      ],
    ]);
  });

  it('applies parity.yaml: accepted with its reason, ignored by pattern', () => {
    expect(find(findings, 'api', 'image')).toMatchObject({
      status: 'accepted',
      reason: 'built from source locally',
    });
    expect(find(findings, 'db', 'env.LOG_LEVEL')?.status).toBe('ignored');
    expect(find(findings, 'api', 'env.LOG_LEVEL')?.status).toBe('ignored');
    expect(find(findings, 'api', 'env.DATABASE_URL')?.status).toBe('drift');
  });

  it('finds nothing between a model and itself', () => {
    expect(diffModels(dev, dev).findings).toEqual([]);
  });
});

describe('a service behind a Compose profile', () => {
  it('is shown as expected, not as drift, naming the profile', () => {
    const project = makeProject('profiled', {
      'compose.yaml':
        'services:\n  app: { image: app:1 }\n  seed: { image: seed:1, profiles: [seed] }\n',
      'compose.prod.yaml': 'services:\n  app: { image: app:1 }\n',
    });
    const read = (file: string) => {
      const { project: loaded } = loadProject({
        dir: project,
        files: [file],
        profiles: ['*'],
        env: {},
      });
      if (!loaded) throw new Error(`${file} does not load`);
      return loaded.model;
    };
    const { findings } = diffModels(read('compose.yaml'), read('compose.prod.yaml'));
    expect(findings).toMatchObject([
      {
        service: 'seed',
        path: 'service',
        kind: 'only-dev',
        status: 'expected',
        reason: 'behind the Compose profile seed',
      },
    ]);
  });
});
