import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeReader } from '../../../../src/main/config/node-reader';
import { readKubernetesObjects, renderHelm } from '../../../../src/main/drift/kubernetes';
import type { Diagnostic } from '../../../../src/shared/diagnostics';
import type { HelmSource } from '../../../../src/shared/parity-config';
import { makeProject } from '../../../support/project-dir';
import { HELM_PROJECT, standInHelm } from './helm-fixture';

const cache = mkdtempSync(join(tmpdir(), 'parity-render-cache-'));
const saved = process.env.PARITY_CACHE_DIR;
process.env.PARITY_CACHE_DIR = cache;
const helm = standInHelm();
afterAll(() => {
  if (saved === undefined) delete process.env.PARITY_CACHE_DIR;
  else process.env.PARITY_CACHE_DIR = saved;
  rmSync(cache, { recursive: true, force: true });
  rmSync(helm.bin, { recursive: true, force: true });
});

const SOURCE: HelmSource = {
  chart: 'deploy/chart',
  values: ['deploy/values.prod.yaml'],
  release: 'shop',
  namespace: 'prod',
};

function render(dir: string, source: HelmSource, env: NodeJS.ProcessEnv) {
  const diagnostics: Diagnostic[] = [];
  const reader = new NodeReader(diagnostics);
  const objects = renderHelm(source, dir, source.release ?? 'shop', reader, env);
  return readKubernetesObjects(objects, reader, dir, { name: 'shop' });
}

const runs = (): string[] => readFileSync(helm.log, 'utf8').split('\n').filter(Boolean);

describe('a helm: production source', () => {
  it('is rendered with helm template, the release, the namespace and each values file', () => {
    const dir = makeProject('shop', HELM_PROJECT);
    writeFileSync(helm.log, '');
    const read = render(dir, SOURCE, { PATH: helm.bin });
    expect(read.diagnostics).toEqual([]);
    expect(runs()).toEqual([
      `template shop ${join(dir, 'deploy/chart')} --namespace prod --values ${join(dir, 'deploy/values.prod.yaml')}`,
    ]);
    const api = read.model.services.api;
    expect(api?.image?.value.tag).toBe('2.1');
    expect(api?.replicas?.value).toBe(4);
    // Positions name the chart's template, at the line that writes the key.
    expect(api?.image?.source).toMatchObject({ file: 'deploy/chart/templates/api.yaml', line: 11 });
    expect(api?.replicas?.source).toMatchObject({
      file: 'deploy/chart/templates/api.yaml',
      line: 6,
    });
  });

  it('is not rendered again while the chart and values are unchanged', () => {
    const dir = makeProject('cached', HELM_PROJECT);
    writeFileSync(helm.log, '');
    render(dir, SOURCE, { PATH: helm.bin });
    render(dir, SOURCE, { PATH: helm.bin });
    expect(runs()).toHaveLength(1);
    writeFileSync(join(dir, 'deploy/values.prod.yaml'), 'replicas: 5\n');
    render(dir, SOURCE, { PATH: helm.bin });
    expect(runs()).toHaveLength(2);
  });

  it('names the missing command when helm is not installed', () => {
    const dir = makeProject('no-helm', HELM_PROJECT);
    const empty = mkdtempSync(join(tmpdir(), 'parity-empty-path-'));
    const read = render(dir, SOURCE, { PATH: empty });
    rmSync(empty, { recursive: true });
    expect(read.diagnostics).toEqual([
      {
        severity: 'error',
        message:
          'cannot render the Helm chart deploy/chart: the helm command is not installed (not found on PATH); install Helm 3, or render the chart with helm template and name the output as a kubernetes: source',
      },
    ]);
    expect(read.model.services).toEqual({});
  });

  it('fetches no chart: a chart that is not a folder or .tgz in the repository is an error', () => {
    const dir = makeProject('remote-chart', HELM_PROJECT);
    writeFileSync(helm.log, '');
    const read = render(dir, { chart: 'bitnami/redis' }, { PATH: helm.bin });
    expect(read.diagnostics.map((d) => d.message)).toEqual([
      'found no Helm chart at "bitnami/redis", expected a folder holding Chart.yaml or a packaged .tgz (charts from a repository are not fetched)',
    ]);
    expect(runs()).toEqual([]);
  });

  it('reports a values file that is not there', () => {
    const dir = makeProject('no-values', HELM_PROJECT);
    const read = render(dir, { ...SOURCE, values: ['deploy/values.eu.yaml'] }, { PATH: helm.bin });
    expect(read.diagnostics.map((d) => d.message)).toEqual([
      'found no values file "deploy/values.eu.yaml" for the Helm chart deploy/chart',
    ]);
  });
});
