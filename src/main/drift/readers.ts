import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { NodeReader } from '../config/node-reader';
import { readKubernetes, readKubernetesObjects, renderHelm, workloadsOf } from './kubernetes';
import type { KubernetesRead } from './kubernetes';
import type { ProductionReader } from './production';
import { readSnapshot } from './snapshot';

/** Readers for production sources other than compose files, by kind. */
export const productionReaders: Partial<Record<string, ProductionReader>> = {
  kubernetes: (source, project) => {
    const paths = 'kubernetes' in source ? [source.kubernetes].flat() : [];
    const read = readKubernetes(
      paths.map((path) => resolve(project.configDir, path)),
      project.configDir,
      { name: project.name },
    );
    return sideOf(read);
  },
  // A chart is rendered by `helm template` (never fetched) and read as the manifests it prints.
  helm: (source, project) => {
    if (!('helm' in source)) return sideOf(null);
    const reader = new NodeReader([]);
    const release = source.helm.release ?? project.name;
    const objects = renderHelm(source.helm, project.configDir, release, reader);
    return sideOf(
      readKubernetesObjects(objects, reader, project.configDir, { name: project.name }),
    );
  },
  snapshot: (source, project) => {
    const path = resolve(project.configDir, 'snapshot' in source ? source.snapshot : '');
    const display = relative(project.configDir, path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const message = `cannot read the snapshot ${display}: ${(error as Error).message}`;
      return { model: null, secretKeys: {}, diagnostics: [{ severity: 'error', message }] };
    }
    // A hashed secret is judged against the dev service drift pairs it with (map, then name).
    const map = project.parity?.map ?? {};
    const devOf = (prod: string): string =>
      Object.keys(map).find((dev) => map[dev]?.split('/').at(-1) === prod) ?? prod;
    return readSnapshot(text, display, {
      name: project.name,
      devEnvironment: (prod) => project.model.services[devOf(prod)]?.environment,
    });
  },
};

function sideOf(read: KubernetesRead | null): ReturnType<ProductionReader> {
  if (!read) return { model: null, secretKeys: {}, diagnostics: [] };
  return {
    model: read.model,
    secretKeys: read.secretKeys,
    diagnostics: read.diagnostics,
    workloads: workloadsOf(read),
  };
}
