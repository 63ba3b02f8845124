import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { groupIdentical } from '../../../src/main/drift/group-findings';
import { driftOf, lines } from './drift-fixture';

// The same difference on several services (or replicas) is one group, so a report can show it
// as one line; values may differ between them.

const deployment = (name: string, cpu: string): string =>
  lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: ${name} }`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    '          image: example/app:1',
    `          resources: { requests: { cpu: ${cpu} } }`,
  );

describe('identical findings grouped', () => {
  it('groups a CPU request production sets on every service, whatever its amount', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  web: { image: example/app:1 }',
        '  bot: { image: example/app:1 }',
        '  emoji: { image: example/app:1, environment: { MODE: dev } }',
      ),
      'k8s/web.yaml': deployment('web', '100m'),
      'k8s/bot.yaml': deployment('bot', '10m'),
      'k8s/emoji.yaml': deployment('emoji', '100m'),
    });
    const requests = report.findings.filter((f) => f.path === 'resources.requests.cpus');
    expect(requests.map((f) => [f.service, f.prod.value, f.group])).toEqual([
      ['web', '0.1 (100m)', 'resources.requests.cpus only-prod'],
      ['bot', '0.01 (10m)', 'resources.requests.cpus only-prod'],
      ['emoji', '0.1 (100m)', 'resources.requests.cpus only-prod'],
    ]);
    // A difference found once stays on its own.
    expect(report.findings.find((f) => f.path === 'env.MODE')?.group).toBeUndefined();
  });

  const finding = (over: Partial<Finding>): Finding => ({
    service: 'api',
    path: 'state',
    kind: 'changed',
    category: 'topology',
    severity: 'error',
    rule: 'crashed',
    status: 'drift',
    secret: false,
    dev: { value: 'running', source: null },
    prod: { value: 'exited (1)', source: null },
    ...over,
  });

  it("groups a service's replicas that differ alike, and tells apart other rules", () => {
    const grouped = groupIdentical([
      finding({ path: 'container-1.state' }),
      finding({ path: 'container-2.state' }),
      finding({ path: 'container-3.state', rule: 'stopped', severity: 'warning' }),
      finding({ service: 'db', path: 'state', rule: 'stopped', severity: 'warning' }),
      finding({ service: 'web', path: 'health' }),
    ]);
    expect(grouped.map((f) => f.group)).toEqual([
      'state changed',
      'state changed',
      'state changed (2)',
      'state changed (2)',
      undefined,
    ]);
  });
});
