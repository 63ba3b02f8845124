import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { readKubernetes } from '../../../src/main/drift/kubernetes';
import { lines, makeProject } from '../../support/project-dir';

// A listening-port difference is a root cause: the `*_PORT` variable that makes the command
// listen there, and the host:port values other services use, are its symptoms.
const dir = makeProject('port-roots', {
  'compose.yaml': lines(
    'services:',
    '  api:', // listens on 8081 on the laptop, 8082 in production
    '    image: example/api:1',
    '    environment: { HTTP_PORT: "8081" }',
    '    ports: ["18081:8081"]',
    '  stats:', // production turns a metrics listener on
    '    image: example/stats:1',
    '    environment: { GRPC_PORT: "7000" }',
    '    expose: ["7000"]',
    '  web:',
    '    image: example/web:1',
    '    environment: { API: "api:8081", STATS: "stats:7000" }',
  ),
  'k8s.yaml': lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: api }',
    'spec:',
    '  selector: { matchLabels: { app: api } }',
    '  template:',
    '    metadata: { labels: { app: api } }',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: example/api:1',
    '          env: [{ name: HTTP_PORT, value: "8082" }]',
    '          ports: [{ containerPort: 8082 }]',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: stats }',
    'spec:',
    '  selector: { matchLabels: { app: stats } }',
    '  template:',
    '    metadata: { labels: { app: stats } }',
    '    spec:',
    '      containers:',
    '        - name: stats',
    '          image: example/stats:1',
    '          env: [{ name: GRPC_PORT, value: "7000" }, { name: PROM_PORT, value: "9102" }]',
    '          ports: [{ containerPort: 7000 }, { containerPort: 9102, name: prom }]',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: web }',
    'spec:',
    '  selector: { matchLabels: { app: web } }',
    '  template:',
    '    metadata: { labels: { app: web } }',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: example/web:1',
    '          env: [{ name: API, value: "api:8082" }, { name: STATS, value: "stats:7000" }]',
  ),
});

describe('listening-port root causes', () => {
  const { project, diagnostics } = loadProject({ dir, files: ['compose.yaml'], env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const { findings } = diffModels(project.model, readKubernetes(['k8s.yaml'], dir).model);
  const get = (service: string, path: string): Finding | undefined =>
    findings.find((f) => f.service === service && f.path === path);

  it('groups the port variable and the values naming the old port under a port change', () => {
    expect(get('api', 'ports.8081/tcp')).toMatchObject({ kind: 'only-dev', status: 'drift' });
    expect(get('api', 'ports.8081/tcp')?.causedBy).toBeUndefined();
    expect(get('api', 'env.HTTP_PORT')).toMatchObject({
      causedBy: 'api.ports.8081/tcp',
      cause: 'sets the port the service listens on, 8081 on the laptop and 8082 in production',
    });
    expect(get('api', 'ports.8082/tcp')?.causedBy).toBe('api.ports.8081/tcp');
    expect(get('web', 'env.API')?.causedBy).toBe('api.ports.8081/tcp');
  });

  it('reports a port only production listens on, with the variable that turns it on under it', () => {
    expect(get('stats', 'ports.9102/tcp')).toMatchObject({
      kind: 'only-prod',
      status: 'drift',
      severity: 'warning',
    });
    expect(get('stats', 'env.PROM_PORT')).toMatchObject({
      kind: 'only-prod',
      causedBy: 'stats.ports.9102/tcp',
      cause: 'sets 9102, the port production listens on and the laptop does not',
    });
    // The port both sides listen on, and the variable naming it, are the same.
    expect(get('stats', 'ports.7000/tcp')).toBeUndefined();
    expect(get('stats', 'env.GRPC_PORT')).toBeUndefined();
    expect(get('web', 'env.STATS')).toBeUndefined();
  });
});
