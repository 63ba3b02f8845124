import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { readSnapshot, snapshotOfModel } from '../../../src/main/drift/snapshot';
import { capabilitiesWithin, normalizeCapabilities } from '../../../src/shared/capabilities';
import type { Finding } from '../../../src/shared/drift';
import { makeProject } from '../../support/project-dir';
import { deployment, driftOf, lines } from './drift-fixture';

const security = (findings: Finding[]): Finding[] =>
  findings.filter((f) => f.category === 'security');

describe('capability names', () => {
  it('reads ALL, all and CAP_ALL as one capability', () => {
    expect(normalizeCapabilities(['all'])).toEqual(['ALL']);
    expect(normalizeCapabilities(['CAP_ALL'])).toEqual(['ALL']);
    expect(normalizeCapabilities(['cap_net_bind_service'])).toEqual(['NET_BIND_SERVICE']);
  });

  it('ignores order and repeats', () => {
    expect(normalizeCapabilities(['SETUID', 'chown', 'CAP_CHOWN', 'setuid'])).toEqual([
      'CHOWN',
      'SETUID',
    ]);
  });

  it('lets ALL cover any other capability', () => {
    expect(capabilitiesWithin(['NET_RAW'], ['ALL'])).toBe(true);
    expect(capabilitiesWithin(['ALL'], ['NET_RAW'])).toBe(false);
    expect(capabilitiesWithin([], [])).toBe(true);
  });
});

describe('security drift between compose and Kubernetes', () => {
  it('finds nothing when both sides say the same in their own spelling', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    cap_drop: [all]',
        '    cap_add: [CAP_NET_BIND_SERVICE, chown]',
        '    read_only: true',
      ),
      'k8s/app.yaml': deployment(
        'app',
        'securityContext:',
        '  capabilities: { drop: [ALL], add: [CHOWN, NET_BIND_SERVICE] }',
        '  readOnlyRootFilesystem: true',
      ),
    });
    expect(security(report.findings)).toEqual([]);
    expect(report.equivalent).toBeGreaterThanOrEqual(3);
  });

  it('reads read_only: false as not written, on either side', () => {
    const falseInDev = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    read_only: false',
      ),
      'k8s/app.yaml': deployment('app'),
    });
    const falseInProd = driftOf({
      'compose.yaml': lines('services:', '  app:', '    image: example/app:1'),
      'k8s/app.yaml': deployment('app', 'securityContext: { readOnlyRootFilesystem: false }'),
    });
    expect(security(falseInDev.report.findings)).toEqual([]);
    expect(security(falseInProd.report.findings)).toEqual([]);
  });

  it('warns when production runs privileged and the laptop does not; info the other way', () => {
    const prodPrivileged = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    privileged: false',
      ),
      'k8s/app.yaml': deployment('app', 'securityContext: { privileged: true }'),
    });
    expect(security(prodPrivileged.report.findings)).toMatchObject([
      {
        path: 'privileged',
        kind: 'changed',
        severity: 'warning',
        dev: { value: 'unprivileged', source: { file: 'compose.yaml', line: 4 } },
        prod: { value: 'privileged', source: { file: 'k8s/app.yaml', line: 11 } },
      },
    ]);
    const devPrivileged = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    privileged: true',
      ),
      'k8s/app.yaml': deployment('app'),
    });
    expect(security(devPrivileged.report.findings)).toMatchObject([
      { path: 'privileged', kind: 'only-dev', severity: 'info', prod: { value: null } },
    ]);
    const both = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    privileged: true',
      ),
      'k8s/app.yaml': deployment('app', 'securityContext: { privileged: true }'),
    });
    expect(security(both.report.findings)).toEqual([]);
  });

  it('warns when production is looser, at both lines', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    cap_drop: [ALL]',
        '    read_only: true',
      ),
      'k8s/app.yaml': deployment(
        'app',
        'securityContext:',
        '  capabilities: { drop: [NET_RAW] }',
        '  readOnlyRootFilesystem: false',
      ),
    });
    expect(security(report.findings)).toMatchObject([
      {
        path: 'cap_drop',
        kind: 'changed',
        severity: 'warning',
        status: 'drift',
        dev: { value: 'ALL', source: { file: 'compose.yaml', line: 4, column: 15 } },
        prod: {
          value: 'NET_RAW',
          source: { file: 'k8s/app.yaml', line: 12 },
        },
      },
      {
        path: 'read_only',
        kind: 'changed',
        severity: 'warning',
        dev: { value: 'read-only', source: { line: 5 } },
        prod: { value: 'writable', source: { line: 13 } },
      },
    ]);
  });

  it('says info when production is stricter, and only-dev / only-prod when one side is silent', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    cap_add: [NET_ADMIN, SYS_TIME]',
      ),
      'k8s/app.yaml': deployment(
        'app',
        'securityContext:',
        '  capabilities: { add: [NET_ADMIN], drop: [all] }',
        '  readOnlyRootFilesystem: true',
      ),
    });
    const byPath = Object.fromEntries(security(report.findings).map((f) => [f.path, f]));
    expect(byPath.cap_add).toMatchObject({
      kind: 'changed',
      severity: 'info',
      dev: { value: 'NET_ADMIN, SYS_TIME' },
      prod: { value: 'NET_ADMIN' },
    });
    expect(byPath.cap_drop).toMatchObject({
      kind: 'only-prod',
      severity: 'info',
      dev: { value: null, source: null },
      prod: { value: 'ALL', source: { file: 'k8s/app.yaml', line: 12 } },
    });
    expect(byPath.read_only).toMatchObject({ kind: 'only-prod', severity: 'info' });
  });

  it('warns when production adds a capability the laptop does not', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    cap_add: [CHOWN]',
      ),
      'k8s/app.yaml': deployment(
        'app',
        'securityContext: { capabilities: { add: [CHOWN, SYS_ADMIN] } }',
      ),
    });
    expect(security(report.findings)).toEqual([
      expect.objectContaining({ path: 'cap_add', kind: 'changed', severity: 'warning' }),
    ]);
  });

  it('treats a list holding ALL as equal to any other list holding ALL', () => {
    const { report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    cap_drop: [ALL, NET_RAW]',
      ),
      'k8s/app.yaml': deployment('app', 'securityContext: { capabilities: { drop: [all] } }'),
    });
    expect(security(report.findings)).toEqual([]);
  });

  it('takes the user from the pod securityContext, capabilities from the container only', () => {
    const { report } = driftOf({
      'compose.yaml': lines('services:', '  app:', '    image: example/app:1', '    user: "1000"'),
      'k8s/app.yaml': lines(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: app }',
        'spec:',
        '  template:',
        '    metadata: { labels: { app: app } }',
        '    spec:',
        '      securityContext: { runAsUser: 1000 }',
        '      containers:',
        '        - name: app',
        '          image: example/app:1',
        '          securityContext: { capabilities: { drop: [ALL] } }',
      ),
    });
    expect(security(report.findings).map((f) => [f.path, f.kind])).toEqual([
      ['cap_drop', 'only-prod'],
    ]);
  });
});

describe('security settings in Compose', () => {
  it('merges cap_add of an override into the base, each capability once', () => {
    const dir = makeProject('merge', {
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    cap_add: [CHOWN]',
      ),
      'compose.override.yaml': lines(
        'services:',
        '  app:',
        '    cap_add: [chown, NET_RAW]',
        '    read_only: true',
      ),
    });
    const { project } = loadProject({ dir, env: {}, profiles: ['*'] });
    const app = project?.model.services.app;
    expect(app?.capAdd).toMatchObject({
      value: ['CHOWN', 'NET_RAW'],
      source: { file: 'compose.override.yaml', line: 3 },
    });
    expect(app?.readOnly?.value).toBe(true);
    expect(app?.capDrop).toBeNull();
  });

  it('round trips through a snapshot: drift against it finds nothing', () => {
    const dir = makeProject('snap', {
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: example/app:1',
        '    cap_drop: [all]',
        '    cap_add: [CAP_CHOWN]',
        '    read_only: true',
        '    privileged: true',
      ),
    });
    const { project } = loadProject({ dir, env: {}, profiles: ['*'] });
    if (!project) throw new Error('did not load');
    const snapshot = snapshotOfModel(project.model, project.name, project.workingDir);
    expect(snapshot.services.app).toMatchObject({
      capAdd: ['CHOWN'],
      capDrop: ['ALL'],
      readOnly: true,
      privileged: true,
    });
    const read = readSnapshot(JSON.stringify(snapshot), 's.json', { name: 'snap' });
    expect(read.diagnostics).toEqual([]);
    expect(diffModels(project.model, read.model!).findings).toEqual([]);
  });
});
