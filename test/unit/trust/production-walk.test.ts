// A production folder is walked with limits on depth, files and bytes: a repository naming a
// huge folder (or holding one huge file) gets one clear error, fast, and nothing is read.
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { loadProduction } from '../../../src/main/drift/production';
import { productionReaders } from '../../../src/main/drift/readers';
import { lines, makeProject } from '../../support/project-dir';

const COMPOSE = lines('services:', '  tool:', '    image: busybox:1.37');

function driftDiagnostics(dir: string): string[] {
  const { project, diagnostics } = loadProject({ dir, env: {} });
  if (!project) throw new Error(JSON.stringify(diagnostics));
  const started = performance.now();
  const side = loadProduction(project, productionReaders, undefined, () => false);
  // Sizes come from the folder listing: nothing of the large files is read.
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(side.model).toBeNull();
  return side.diagnostics.map((d) => d.message);
}

describe('walking a production folder', () => {
  it('stops past 64 MiB of manifests, before reading any of them', () => {
    const dir = makeProject('bytes', {
      'compose.yaml': COMPOSE,
      'parity.yaml': lines('production:', '  - kubernetes: k8s'),
      'k8s/a.yaml': 'kind: ConfigMap\n',
    });
    // Sparse: a file that says it is large without taking the disk.
    for (const name of ['b.yaml', 'c.yaml', 'd.yaml', 'e.yaml', 'f.yaml']) {
      writeFileSync(join(dir, 'k8s', name), '');
      truncateSync(join(dir, 'k8s', name), 15 * 1024 * 1024);
    }
    expect(driftDiagnostics(dir)).toEqual([
      'found more than 64 MiB of YAML and JSON under "k8s", expected a folder of Kubernetes manifests: name the folder that holds them',
    ]);
  });

  it('refuses one manifest past 16 MiB named as a file', () => {
    const dir = makeProject('one-file', {
      'compose.yaml': COMPOSE,
      'parity.yaml': lines('production:', '  - kubernetes: prod.yaml'),
      'prod.yaml': '',
    });
    truncateSync(join(dir, 'prod.yaml'), 17 * 1024 * 1024);
    expect(driftDiagnostics(dir)).toEqual([
      `found ${17 * 1024 * 1024} bytes in "prod.yaml", expected a Kubernetes manifest of at most 16777216 (16 MiB)`,
    ]);
  });

  it('stops at folders nested more than 16 deep', () => {
    const dir = makeProject('deep', {
      'compose.yaml': COMPOSE,
      'parity.yaml': lines('production:', '  - kubernetes: k8s'),
    });
    const deep = join(dir, 'k8s', ...Array.from({ length: 18 }, (_, i) => `d${i}`));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'a.yaml'), 'kind: ConfigMap\n');
    expect(driftDiagnostics(dir)).toEqual([
      'found folders nested more than 16 deep under "k8s", expected a folder of Kubernetes manifests: name the folder that holds them',
    ]);
  });
});
