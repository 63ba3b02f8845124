import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readKubernetes } from '../../../../src/main/drift/kubernetes';
import { findTool, printable } from '../../../../src/main/drift/kubernetes/render-tool';
import { forgetRenders } from '../../../../src/main/drift/kubernetes/render-cache';
import { lines, makeProject } from '../../../support/project-dir';
import { KUSTOMIZE_PROJECT, lineOf } from './kustomize-fixture';

// Kustomize is run for real (kubectl's built-in one, or a standalone kustomize); the render
// cache is pointed at a folder of this test's own.
const kustomize = findTool('kustomize') ?? findTool('kubectl');
if (!kustomize) console.warn('skipped: neither kustomize nor kubectl is on PATH');

const cache = mkdtempSync(join(tmpdir(), 'parity-render-cache-'));
const saved = process.env.PARITY_CACHE_DIR;
process.env.PARITY_CACHE_DIR = join(cache, 'renders');
afterAll(() => {
  if (saved === undefined) delete process.env.PARITY_CACHE_DIR;
  else process.env.PARITY_CACHE_DIR = saved;
  rmSync(cache, { recursive: true, force: true });
});

const at = (file: string, text: string): { file: string; line: number } => ({
  file,
  line: lineOf(file, text),
});

describe.skipIf(!kustomize)('a kubernetes: source that holds a kustomization.yaml', () => {
  const dir = makeProject('shop', KUSTOMIZE_PROJECT);
  const read = readKubernetes(['deploy/overlays/prod'], dir, { name: 'shop' });
  const api = read.model.services['prod-api'];

  it('is rendered by Kustomize, not read as loose files', () => {
    expect(read.diagnostics).toEqual([]);
    // namePrefix applied, the base's own name gone, the patch not read as a workload of its own.
    expect(Object.keys(read.model.services)).toEqual(['prod-api']);
    const names = read.objects.map((o) => `${o.kind}/${o.name}`).sort();
    expect(names).toEqual([expect.any(String), 'Deployment/prod-api', 'Service/prod-api']);
    // The generator's ConfigMap, prefixed and suffixed with the hash of its data.
    expect(names[0]).toMatch(/^ConfigMap\/prod-api-config-[a-z0-9]{10}$/);
  });

  it('maps values a strategic-merge patch sets to the patch file', () => {
    expect(api?.image?.value.tag).toBe('2.0');
    expect(api?.image?.source).toMatchObject(at('deploy/overlays/prod/api-patch.yaml', 'image:'));
    expect(api?.replicas?.value).toBe(3);
    expect(api?.replicas?.source).toMatchObject(
      at('deploy/overlays/prod/api-patch.yaml', 'replicas:'),
    );
  });

  it('maps a value a JSON 6902 patch adds to that patch file', () => {
    expect(api?.limits.memoryBytes?.value).toBe(512 * 1024 * 1024);
    expect(api?.limits.memoryBytes?.source).toMatchObject(
      at('deploy/overlays/prod/limits.yaml', 'memory:'),
    );
  });

  it('maps what no patch touches to the base file that declares the object', () => {
    expect(api?.source.file).toBe('deploy/base/api.yaml');
    expect(api?.ports[0]?.source).toMatchObject(at('deploy/base/api.yaml', 'containerPort'));
    expect(api?.restart?.source.file).toBe('deploy/base/api.yaml');
    const service = read.objects.find((o) => o.kind === 'Service');
    expect(service?.source.file).toBe('deploy/base/service.yaml');
  });

  it("maps a generated ConfigMap's values to the generator in the kustomization", () => {
    expect(api?.environment.LOG_LEVEL?.value).toBe('info');
    expect(api?.environment.LOG_LEVEL?.source).toMatchObject(
      at('deploy/base/kustomization.yaml', '- name: api-config'),
    );
  });
});

describe.skipIf(!kustomize)('fields the kustomization itself rewrites', () => {
  const overlay = lines(
    'nameSuffix: -eu',
    'namespace: shop-eu',
    'resources:',
    '  - ../../base',
    'images:',
    '  - name: shop/api',
    '    newTag: "3.0"',
    'replicas:',
    '  - name: api',
    '    count: 5',
    'patches:',
    '  - target: { kind: Deployment }',
    '    patch: |-',
    '      - op: add',
    '        path: /spec/template/spec/containers/0/env',
    '        value:',
    '          - { name: REGION, value: eu }',
  );
  const dir = makeProject('eu', {
    ...KUSTOMIZE_PROJECT,
    'deploy/overlays/eu/kustomization.yaml': overlay,
  });
  const read = readKubernetes(['deploy/overlays/eu'], dir);
  const api = read.model.services['api-eu'];
  const eu = 'deploy/overlays/eu/kustomization.yaml';
  const line = (text: string): number => overlay.split('\n').findIndex((l) => l.includes(text)) + 1;

  it('points an image set by images: at that entry, replicas at replicas:', () => {
    expect(read.diagnostics).toEqual([]);
    expect(api?.image?.value.tag).toBe('3.0');
    expect(api?.image?.source).toMatchObject({ file: eu, line: line('- name: shop/api') });
    expect(api?.replicas?.value).toBe(5);
    expect(api?.replicas?.source).toMatchObject({ file: eu, line: line('count: 5') });
  });

  it('points the namespace at namespace:, and the suffixed name at the declared name', () => {
    const deployment = read.objects.find((o) => o.kind === 'Deployment');
    expect(deployment?.namespace).toBe('shop-eu');
    expect(api?.source).toMatchObject(at('deploy/base/api.yaml', 'name: api'));
  });

  it('points a value an inline JSON 6902 patch adds at its line in the kustomization', () => {
    expect(api?.environment.REGION?.value).toBe('eu');
    expect(api?.environment.REGION?.source).toMatchObject({
      file: eu,
      line: line('{ name: REGION'),
    });
  });
});

describe.skipIf(!kustomize)('a tree of kustomizations', () => {
  it('reads a base two overlays share, each object at its own patch', () => {
    const dir = makeProject('diamond', {
      ...KUSTOMIZE_PROJECT,
      'deploy/all/kustomization.yaml': lines('resources:', '  - ../overlays/prod', '  - ../eu'),
      'deploy/eu/kustomization.yaml': lines(
        'namePrefix: eu-',
        'resources:',
        '  - ../base',
        'patches:',
        '  - path: replicas.yaml',
      ),
      'deploy/eu/replicas.yaml': lines(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: api',
        'spec:',
        '  replicas: 7',
      ),
    });
    const read = readKubernetes(['deploy/all'], dir);
    expect(read.diagnostics).toEqual([]);
    expect(read.model.services['prod-api']?.replicas?.source).toMatchObject(
      at('deploy/overlays/prod/api-patch.yaml', 'replicas:'),
    );
    expect(read.model.services['eu-api']?.replicas).toMatchObject({
      value: 7,
      source: { file: 'deploy/eu/replicas.yaml', line: 6 },
    });
  });

  it('refuses a cycle before Kustomize runs', () => {
    const dir = makeProject('cycle', {
      'deploy/a/kustomization.yaml': lines('resources:', '  - ../b'),
      'deploy/b/kustomization.yaml': lines('resources:', '  - ../a'),
    });
    const read = readKubernetes(['deploy/a'], dir);
    expect(read.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^deploy\/a\/kustomization.yaml is reached again through its own bases/,
      ),
    ]);
  });
});

describe.skipIf(!kustomize)("what a stranger's kustomization cannot do", () => {
  it('names no remote base: it is refused at its line before Kustomize runs', () => {
    const dir = makeProject('remote', {
      'deploy/kustomization.yaml': lines(
        'resources:',
        '  - api.yaml',
        '  - https://github.com/example/app//deploy?ref=v1.0',
      ),
      'deploy/api.yaml': KUSTOMIZE_PROJECT['deploy/base/api.yaml'] ?? '',
    });
    const read = readKubernetes(['deploy'], dir);
    expect(read.diagnostics).toEqual([
      {
        severity: 'error',
        message: expect.stringMatching(
          /^found "https:\/\/github.com\/example\/app\/\/deploy\?ref=v1.0" in resources: a remote resource, which Parity does not fetch/,
        ) as string,
        position: { file: 'deploy/kustomization.yaml', line: 3, column: 5 },
      },
    ]);
    expect(read.model.services).toEqual({});
  });

  it('names no git base either, nor a base that is not in the repository', () => {
    const dir = makeProject('git', {
      'deploy/kustomization.yaml': lines(
        'resources:',
        '  - git@github.com:example/app.git',
        '  - ../elsewhere',
      ),
    });
    const read = readKubernetes(['deploy'], dir);
    expect(read.diagnostics.map((d) => `${d.position?.line}: ${d.message.split(':')[0]}`)).toEqual([
      '2: found "git@github.com',
      '3: found "../elsewhere" in resources, expected a local file or a folder holding a kustomization.yaml (Kustomize would try to fetch anything else)',
    ]);
  });

  it('fetches no file a field names by URL, and inflates no Helm chart', () => {
    const dir = makeProject('remote-files', {
      'deploy/kustomization.yaml': lines(
        'resources: [api.yaml]',
        'configMapGenerator:',
        '  - name: conf',
        '    files: [app.conf=https://example.com/app.conf]',
        'replacements:',
        '  - path: http://example.com/replacements.yaml',
        'helmCharts:',
        '  - { name: redis, repo: https://charts.example.com }',
      ),
      'deploy/api.yaml': KUSTOMIZE_PROJECT['deploy/base/api.yaml'] ?? '',
    });
    const read = readKubernetes(['deploy'], dir);
    expect(read.diagnostics.map((d) => `${d.position?.line}: ${d.message}`)).toEqual([
      '7: found "helmCharts" in a kustomization, which would download charts: name the chart as a `helm:` production source instead',
      '6: found "http://example.com/replacements.yaml" in replacements: a remote file, which Parity does not fetch',
      '4: found "app.conf=https://example.com/app.conf" in configMapGenerator.files: a remote file, which Parity does not fetch',
    ]);
  });

  it("reports Kustomize's own error as a diagnostic naming the kustomization, one line, bounded", () => {
    const dir = makeProject('broken', {
      'deploy/kustomization.yaml': lines(
        'resources:',
        '  - api.yaml',
        'patches:',
        '  - path: gone.yaml',
      ),
      'deploy/api.yaml': KUSTOMIZE_PROJECT['deploy/base/api.yaml'] ?? '',
    });
    const read = readKubernetes(['deploy'], dir);
    expect(read.diagnostics).toHaveLength(1);
    const [error] = read.diagnostics;
    expect(error?.severity).toBe('error');
    expect(error?.position).toEqual({ file: 'deploy/kustomization.yaml', line: 1, column: 1 });
    expect(error?.message).toMatch(
      /^(kubectl kustomize|kustomize build) failed on deploy\/kustomization.yaml: .*gone\.yaml/,
    );
    expect(error?.message).not.toContain('\n');
    expect(error?.message.length).toBeLessThan(800);
  });

  it('says which commands are missing when neither kustomize nor kubectl is on PATH', () => {
    const dir = makeProject('no-tool', KUSTOMIZE_PROJECT);
    const empty = mkdtempSync(join(tmpdir(), 'parity-empty-path-'));
    const read = readKubernetes(['deploy/overlays/prod'], dir, { env: { PATH: empty } });
    expect(read.diagnostics).toEqual([
      {
        severity: 'error',
        message: expect.stringContaining(
          'neither kustomize nor kubectl is on PATH to render it',
        ) as string,
        position: { file: 'deploy/overlays/prod/kustomization.yaml', line: 1, column: 1 },
      },
    ]);
    rmSync(empty, { recursive: true });
  });
});

describe.skipIf(!kustomize)('rendered output is cached by the hashes of its inputs', () => {
  // A kubectl that records each run, then runs the real one: how often Kustomize ran is seen.
  const bin = mkdtempSync(join(tmpdir(), 'parity-kubectl-'));
  const log = join(bin, 'runs.log');
  const real = findTool('kubectl')?.path ?? '';
  writeFileSync(join(bin, 'kubectl'), `#!/bin/sh\necho "$@" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(bin, 'kubectl'), 0o755);
  const env = { PATH: bin };
  const runs = (): number => (readFileSync(log, 'utf8').match(/\n/g) ?? []).length;
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it.skipIf(!real)(
    'renders once, then from memory, then from disk, and again when a base changes',
    () => {
      const dir = makeProject('cached', KUSTOMIZE_PROJECT);
      writeFileSync(log, '');
      const first = readKubernetes(['deploy/overlays/prod'], dir, { env });
      expect(runs()).toBe(1);
      const second = readKubernetes(['deploy/overlays/prod'], dir, { env });
      expect(runs()).toBe(1);
      expect(second.model).toEqual(first.model);
      forgetRenders();
      readKubernetes(['deploy/overlays/prod'], dir, { env });
      expect(runs()).toBe(1);
      // An edit in the base, outside the overlay folder Kustomize was pointed at.
      writeFileSync(
        join(dir, 'deploy/base/api.yaml'),
        KUSTOMIZE_PROJECT['deploy/base/api.yaml']!.replace('replicas: 1', 'replicas: 2'),
      );
      readKubernetes(['deploy/overlays/prod'], dir, { env });
      expect(runs()).toBe(2);
    },
  );

  it.skipIf(!real)('keeps its files private to the user: folder 0700, files 0600', () => {
    const folder = join(cache, 'renders');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const files = readdirSync(folder);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(statSync(join(folder, file)).mode & 0o777).toBe(0o600);
  });
});

describe('a renderer message', () => {
  it('is one line, escaped and bounded, whatever the tool printed', () => {
    const said = printable(`Error: bad\n\u001b[31mred\u001b[0m\tend${'x'.repeat(1000)}`);
    expect(said.startsWith('Error: bad | \\u001b[31mred\\u001b[0m\\u0009end')).toBe(true);
    expect(said).toHaveLength(601);
    expect(said.endsWith('…')).toBe(true);
  });
});
