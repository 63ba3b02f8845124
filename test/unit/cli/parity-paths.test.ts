import { describe, expect, it } from 'vitest';
import { DriftReportSchema } from '../../../src/shared/drift';
import { runParity } from '../../support/cli';
import { lines, makeProject } from '../../support/project-dir';

// Every path parity.yaml writes is relative to parity.yaml itself, wherever the compose files
// are: the layouts real repositories use, run as a user runs `parity drift`.

const COMPOSE = lines(
  'services:',
  '  api:',
  '    image: shop/api:1.0',
  '    environment: {LOG_LEVEL: debug}',
);
const DEPLOYMENT = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: api}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: api',
  '          image: shop/api:1.1',
  '          env: [{name: LOG_LEVEL, value: info}]',
);

async function driftJson(dir: string) {
  const run = await runParity(['drift', '--project-directory', dir, '--format', 'json']);
  expect(run.stderr).toBe('');
  const report = DriftReportSchema.parse(JSON.parse(run.stdout));
  return report.findings.map((finding) => `${finding.service} ${finding.path}`).sort();
}

const EXPECTED = ['api env.LOG_LEVEL', 'api image.tag'];

describe('paths in parity.yaml are relative to parity.yaml', () => {
  it('beside compose.yaml', async () => {
    const dir = makeProject('beside', {
      'compose.yaml': COMPOSE,
      'parity.yaml': 'production: [{kubernetes: k8s}]\n',
      'k8s/api.yaml': DEPLOYMENT,
    });
    expect(await driftJson(dir)).toEqual(EXPECTED);
  });

  it('at the repository root, naming compose files and production in subfolders', async () => {
    const dir = makeProject('root', {
      'deploy/docker-compose/docker-compose.yml': COMPOSE,
      'deploy/kubernetes/complete-demo.yaml': DEPLOYMENT,
      'parity.yaml': lines(
        'compose: [deploy/docker-compose/docker-compose.yml]',
        'production: [{kubernetes: deploy/kubernetes/complete-demo.yaml}]',
      ),
    });
    expect(await driftJson(dir)).toEqual(EXPECTED);
  });

  it('with the dev and production compose files in sibling folders', async () => {
    const dir = makeProject('siblings', {
      'dev/compose.yaml': COMPOSE,
      'prod/compose.yaml': lines('services:', '  api:', '    image: shop/api:1.1'),
      'parity.yaml': lines(
        'compose: [dev/compose.yaml]',
        'production: [{compose: prod/compose.yaml}]',
      ),
    });
    expect(await driftJson(dir)).toEqual(['api env.LOG_LEVEL', 'api image.tag']);
  });
});
