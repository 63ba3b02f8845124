// Production sources of parity.yaml that leave the project folder: each is a trust ask shown
// as written and where it resolves, it changes the trust hash, and drift neither reads nor
// renders it before the folder is trusted.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAsk, groupAsks, type TrustAsk } from '../../../src/shared/trust';
import { loadProject, type LoadedProject } from '../../../src/main/config/load-project';
import { loadProduction, type ProductionReader } from '../../../src/main/drift/production';
import { findTool } from '../../../src/main/drift/kubernetes/render-tool';
import { productionReaders } from '../../../src/main/drift/readers';
import { FileSettingsStore } from '../../../src/main/settings/file-settings-store';
import { hostPowerAsks } from '../../../src/main/trust/host-power';
import { trustedNow, trustStack, untrustedAsks } from '../../../src/main/trust/stack-trust';
import { hashAsks } from '../../../src/main/trust/trust-hash';
import { lines, makeProject } from '../../support/project-dir';

const HOME = '/home/ada';
const kustomize = findTool('kustomize') ?? findTool('kubectl');
if (!kustomize) console.warn('skipped a render: neither kustomize nor kubectl is on PATH');
// Real paths: asks name where a path resolves, links (a temporary folder's too) followed.
const FIXTURE = realpathSync(resolve(__dirname, '../../fixtures/trust-outside'));

function load(dir: string): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, env: { HOME } });
  if (!project) throw new Error(JSON.stringify(diagnostics));
  return project;
}

function asksOf(dir: string): TrustAsk[] {
  return hostPowerAsks(load(dir), HOME);
}

// A copy of the fixture in a folder of its own, to edit as a `git pull` would.
function fixtureCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'parity-outside-'));
  cpSync(FIXTURE, root, { recursive: true });
  return join(root, 'app');
}

const COMPOSE = lines('services:', '  tool:', '    image: busybox:1.37');

describe('production sources outside the project folder', () => {
  it('are asked for, shown as written and where they resolve, under their own heading', () => {
    const asks = asksOf(join(FIXTURE, 'app'));
    expect(asks).toEqual([
      {
        service: null,
        key: 'production.kubernetes',
        value: '../infra/k8s',
        means: 'production read from outside the project folder',
        resolved: join(FIXTURE, 'infra', 'k8s'),
      },
    ]);
    expect(groupAsks(asks).map((group) => group.heading)).toEqual([
      'Reads files outside the project folder',
    ]);
    expect(asks[0] && describeAsk(asks[0])).toBe(
      `project: production.kubernetes ../infra/k8s -> ${join(FIXTURE, 'infra', 'k8s')}: production read from outside the project folder`,
    );
  });

  it('covers every kind: charts, values, snapshots, compose files, absolute paths and links', () => {
    const root = realpathSync(
      makeProject('kinds', {
        'app/compose.yaml': COMPOSE,
        'app/parity.yaml': lines(
          'production:',
          '  - kubernetes: [deploy/k8s, linked]',
          '  - helm: { chart: ../charts/shop, values: [deploy/values.yaml, ../secret/values.yaml] }',
          '  - snapshot: /etc/prod.snapshot.json',
          '  - compose: ../compose.prod.yaml',
        ),
        'app/deploy/k8s/a.yaml': 'kind: ConfigMap\n',
        'charts/shop/Chart.yaml': 'name: shop\n',
      }),
    );
    // A committed link that looks local and leads out of the folder.
    symlinkSync(join(root, 'charts'), join(root, 'app', 'linked'));
    const asks = asksOf(join(root, 'app'));
    expect(asks.map(({ key, value, resolved }) => [key, value, resolved])).toEqual([
      ['production.kubernetes', 'linked', join(root, 'charts')],
      ['production.helm.chart', '../charts/shop', join(root, 'charts', 'shop')],
      ['production.helm.values', '../secret/values.yaml', join(root, 'secret', 'values.yaml')],
      ['production.snapshot', '/etc/prod.snapshot.json', '/etc/prod.snapshot.json'],
      ['production.compose', '../compose.prod.yaml', join(root, 'compose.prod.yaml')],
    ]);
  });

  it('asks nothing of sources inside the folder', () => {
    expect(asksOf(resolve(__dirname, '../../fixtures/drift-pods'))).toEqual([]);
  });

  it('change the hash: a pull adding one asks again, and so does a link retargeted', () => {
    const dir = makeProject('pull', {
      'compose.yaml': COMPOSE,
      'parity.yaml': lines('production:', '  - kubernetes: deploy'),
    });
    mkdirSync(join(dir, '..', 'infra'));
    const before = hashAsks(asksOf(dir));
    writeFileSync(
      join(dir, 'parity.yaml'),
      lines('production:', '  - kubernetes: deploy', '  - kubernetes: ../infra'),
    );
    const added = hashAsks(asksOf(dir));
    expect(added).not.toBe(before);

    // The same parity.yaml, its committed link now leading elsewhere.
    symlinkSync(join(dir, '..', 'infra'), join(dir, 'prod'));
    writeFileSync(join(dir, 'parity.yaml'), lines('production:', '  - kubernetes: prod'));
    const linked = hashAsks(asksOf(dir));
    mkdirSync(join(dir, '..', 'other'));
    unlinkSync(join(dir, 'prod'));
    symlinkSync(join(dir, '..', 'other'), join(dir, 'prod'));
    expect(hashAsks(asksOf(dir))).not.toBe(linked);
  });
});

// An overlay inside the folder on a base outside it, as a monorepo's deploy/ might be.
function overlayProject(): string {
  const deployment = lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: tool }',
    'spec:',
    '  selector: { matchLabels: { app: tool } }',
    '  template:',
    '    metadata: { labels: { app: tool } }',
    '    spec: { containers: [{ name: tool, image: "busybox:1.37" }] }',
  );
  const root = realpathSync(
    makeProject('overlay', {
      'app/compose.yaml': COMPOSE,
      'app/parity.yaml': lines('production:', '  - kubernetes: deploy/overlay'),
      'app/deploy/overlay/kustomization.yaml': lines('resources: [../base, ../../../infra/base]'),
      'app/deploy/base/kustomization.yaml': lines('resources: [config.yaml]'),
      'app/deploy/base/config.yaml': lines(
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: { name: tool-config }',
        'data: { A: "1" }',
      ),
      'infra/base/kustomization.yaml': lines('resources: [deployment.yaml]'),
      'infra/base/deployment.yaml': deployment,
    }),
  );
  return join(root, 'app');
}

describe('a Kustomize overlay inside the folder on a base outside it', () => {
  it('asks for the base outside, not for the overlay or the base inside', () => {
    const dir = overlayProject();
    expect(asksOf(dir).map(({ key, value, resolved }) => [key, value, resolved])).toEqual([
      ['production.kubernetes', '../infra/base', join(dir, '..', 'infra', 'base')],
    ]);
  });

  it('is not rendered before trust: a diagnostic naming the base, and no reader runs', () => {
    const calls: string[] = [];
    const spy: ProductionReader = () => {
      calls.push('kubernetes');
      return { model: null, secretKeys: {}, diagnostics: [] };
    };
    const refused = loadProduction(
      load(overlayProject()),
      { kubernetes: spy },
      undefined,
      () => false,
    );
    expect(refused.diagnostics.map((d) => d.message)).toEqual([
      'production source ../infra/base is outside the project folder; trust the project to read it (press Start in Parity and trust it, or pass --trust to parity drift or parity up)',
    ]);
    expect(calls).toEqual([]);
  });

  // Rendered for real, as test/unit/drift/kubernetes/kustomize.test.ts does.
  it.skipIf(!kustomize)('once trusted, is rendered with its base', () => {
    const trusted = loadProduction(
      load(overlayProject()),
      productionReaders,
      undefined,
      () => true,
    );
    expect(trusted.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(trusted.model?.services ?? {})).toEqual(['tool']);
  });
});

describe('drift of a production source outside the folder', () => {
  it('before trust: a diagnostic naming it, and no reader (no Kustomize, no Helm) runs', () => {
    const project = load(join(FIXTURE, 'app'));
    const calls: string[] = [];
    const spy: ProductionReader = (source, p) => {
      calls.push(JSON.stringify(source));
      return (
        productionReaders.kubernetes?.(source, p) ?? {
          model: null,
          secretKeys: {},
          diagnostics: [],
        }
      );
    };
    const side = loadProduction(project, { kubernetes: spy }, undefined, () => false);
    expect(side.model).toBeNull();
    expect(side.diagnostics).toEqual([
      {
        severity: 'error',
        message:
          'production source ../infra/k8s is outside the project folder; trust the project to read it (press Start in Parity and trust it, or pass --trust to parity drift or parity up)',
      },
    ]);
    expect(calls).toEqual([]);
  });

  it('once trusted in the settings file: read as any other source', () => {
    const project = load(join(FIXTURE, 'app'));
    const settingsPath = join(mkdtempSync(join(tmpdir(), 'parity-outside-')), 'config.json');
    const env = { HOME, PARITY_SETTINGS: settingsPath };
    const settings = new FileSettingsStore(settingsPath);
    expect(trustedNow(project, env)).toBe(false);
    const request = untrustedAsks(project, settings, env);
    if (!request) throw new Error('expected the outside source to be asked for');
    trustStack(project, settings, request);
    expect(trustedNow(project, env)).toBe(true);

    const side = loadProduction(project, productionReaders, undefined, (p) => trustedNow(p, env));
    expect(side.diagnostics).toEqual([]);
    expect(Object.keys(side.model?.services ?? {})).toEqual(['tool']);
  });

  it('a file named on the command line (--against) is the user’s, and needs no trust', () => {
    const project = load(fixtureCopy());
    const file = resolve(FIXTURE, 'infra/k8s/tool.yaml');
    const side = loadProduction(project, productionReaders, [{ kubernetes: file }], () => false);
    expect(side.diagnostics).toEqual([]);
    expect(Object.keys(side.model?.services ?? {})).toEqual(['tool']);
  });
});
