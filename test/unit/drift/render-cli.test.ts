import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTool } from '../../../src/main/drift/kubernetes/render-tool';
import { DriftReportSchema, type DriftReport } from '../../../src/shared/drift';
import { runParity } from '../../support/cli';
import { lines, makeProject } from '../../support/project-dir';
import { HELM_PROJECT, standInHelm } from './kubernetes/helm-fixture';
import { KUSTOMIZE_PROJECT, lineOf } from './kubernetes/kustomize-fixture';

// Production kept as teams keep it, through the built CLI (`npm run build` first): a Kustomize
// overlay rendered by the kubectl on this machine, a Helm chart by a stand-in helm (see
// helm-fixture.ts), and both tools missing. Renders are cached in a folder of this test's own.

const kubectl = findTool('kubectl');
if (!kubectl) console.warn('skipped: kubectl is not on PATH');

const work = mkdtempSync(join(tmpdir(), 'parity-render-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const cacheDir = (): string => join(work, `cache-${++n}`);

// A kubectl that records each run and runs the real one, alone on PATH.
function recordingKubectl(): { env: NodeJS.ProcessEnv; runs: () => number } {
  const bin = mkdtempSync(join(work, 'bin-'));
  const log = join(bin, 'runs.log');
  writeFileSync(log, '');
  writeFileSync(
    join(bin, 'kubectl'),
    `#!/bin/sh\necho "$@" >> '${log}'\nexec '${kubectl?.path}' "$@"\n`,
  );
  chmodSync(join(bin, 'kubectl'), 0o755);
  return {
    env: { PATH: bin, HOME: work, PARITY_CACHE_DIR: cacheDir() },
    runs: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length,
  };
}

function finding(report: DriftReport, path: string) {
  const found = report.findings.find((f) => f.service === 'api' && f.path === path);
  expect(found, `a finding at api.${path}`).toBeDefined();
  return found;
}

const where = (file: string, text: string) => ({ file, line: lineOf(file, text) });

describe.skipIf(!kubectl)('parity drift on a Kustomize overlay', () => {
  const dir = makeProject('shop', KUSTOMIZE_PROJECT);
  const kubectlRuns = recordingKubectl();
  let report: DriftReport;

  it('renders the overlay and reports drift at the patch lines that set it', async () => {
    const args = ['drift', '--format', 'json', '--project-directory', dir];
    const run = await runParity(args, kubectlRuns.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    report = DriftReportSchema.parse(JSON.parse(run.stdout));
    expect(report.matches).toContainEqual(
      expect.objectContaining({ dev: 'api', prod: 'prod-api' }),
    );
    const tag = finding(report, 'image.tag');
    expect(tag?.dev?.value).toBe('1.0');
    expect(tag?.prod?.value).toBe('2.0');
    expect(tag?.prod?.source).toMatchObject(where('deploy/overlays/prod/api-patch.yaml', 'image:'));
    const replicas = finding(report, 'replicas');
    expect(String(replicas?.prod?.value)).toBe('3');
    expect(replicas?.prod?.source).toMatchObject(
      where('deploy/overlays/prod/api-patch.yaml', 'replicas:'),
    );
    const env = finding(report, 'env.LOG_LEVEL');
    expect(env?.prod?.value).toBe('info');
    expect(env?.prod?.source).toMatchObject(
      where('deploy/base/kustomization.yaml', '- name: api-config'),
    );
  });

  it('does not run Kustomize again on the next run', async () => {
    const args = ['drift', '--format', 'json', '--project-directory', dir];
    const again = await runParity(args, kubectlRuns.env);
    expect(again.code).toBe(0);
    expect(DriftReportSchema.parse(JSON.parse(again.stdout))).toEqual(report);
    expect(kubectlRuns.runs()).toBe(1);
  });

  it('refuses a remote base with its file:line, exit 2, without running Kustomize', async () => {
    const remote = makeProject('remote', {
      ...KUSTOMIZE_PROJECT,
      'deploy/overlays/prod/kustomization.yaml': lines(
        'resources:',
        '  - ../../base',
        '  - github.com/example/shop/deploy?ref=main',
      ),
    });
    const tool = recordingKubectl();
    const run = await runParity(['drift', '--project-directory', remote], tool.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'deploy/overlays/prod/kustomization.yaml:3:5: error: found "github.com/example/shop/deploy?ref=main" in resources: a remote resource, which Parity does not fetch',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(tool.runs()).toBe(0);
  });

  it("reports Kustomize's own failure as an error naming the kustomization, exit 2", async () => {
    const broken = makeProject('broken', {
      ...KUSTOMIZE_PROJECT,
      'deploy/overlays/prod/api-patch.yaml': 'kind: Deployment\nmetadata: {}\n',
    });
    const run = await runParity(['drift', '--project-directory', broken], recordingKubectl().env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^deploy\/overlays\/prod\/kustomization.yaml:1:1: error: kubectl kustomize failed on deploy\/overlays\/prod\/kustomization.yaml: .+$/m,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('parity drift when the renderer is missing', () => {
  const empty = { PATH: mkdtempSync(join(work, 'empty-')), HOME: work };

  it('says neither kustomize nor kubectl is installed, exit 2', async () => {
    const dir = makeProject('no-kustomize', KUSTOMIZE_PROJECT);
    const run = await runParity(['drift', '--project-directory', dir], {
      ...empty,
      PARITY_CACHE_DIR: cacheDir(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'deploy/overlays/prod/kustomization.yaml:1:1: error: deploy/overlays/prod/kustomization.yaml is a Kustomize file, and neither kustomize nor kubectl is on PATH to render it',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says helm is not installed, exit 2', async () => {
    const dir = makeProject('no-helm', HELM_PROJECT);
    const run = await runParity(['drift', '--project-directory', dir], {
      ...empty,
      PARITY_CACHE_DIR: cacheDir(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'error: cannot render the Helm chart deploy/chart: the helm command is not installed',
    );
  });
});

describe('parity drift on a Helm chart', () => {
  const helm = standInHelm();
  afterAll(() => rmSync(helm.bin, { recursive: true, force: true }));

  it('renders it with helm template and points at its templates', async () => {
    const dir = makeProject('helm', HELM_PROJECT);
    const env = { PATH: helm.bin, HOME: work, PARITY_CACHE_DIR: cacheDir() };
    const run = await runParity(['drift', '--format', 'json', '--project-directory', dir], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = DriftReportSchema.parse(JSON.parse(run.stdout));
    expect(report.comparison?.from).toEqual(['deploy/chart', 'deploy/values.prod.yaml']);
    const tag = finding(report, 'image.tag');
    expect(tag?.prod?.value).toBe('2.1');
    expect(tag?.prod?.source).toMatchObject({ file: 'deploy/chart/templates/api.yaml', line: 11 });
    expect(readFileSync(helm.log, 'utf8')).toMatch(
      /^template shop .*deploy\/chart --namespace prod --values .*deploy\/values.prod.yaml\n$/,
    );
  });
});
