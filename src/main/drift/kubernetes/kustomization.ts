import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, SourcePosition } from '../../../shared/diagnostics';
import { parseYaml, type YMap } from '../../config/yaml-tree';
import {
  items,
  placed,
  REMOTE,
  refuseRemoteFiles,
  strings,
  type Placed,
} from './kustomize-refusals';

/** The names Kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization file of a folder (or the file itself when one is named); null if none. */
export function kustomizationOf(path: string): string | null {
  try {
    const stat = statSync(path);
    if (stat.isFile()) return KUSTOMIZATION_FILES.includes(baseName(path)) ? path : null;
    if (!stat.isDirectory()) return null;
  } catch {
    return null;
  }
  const file = KUSTOMIZATION_FILES.map((name) => join(path, name)).find((f) => existsSync(f));
  return file ?? null;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

export type { Placed };

/** One kustomization (the root, or a base or component it names), as position mapping needs it. */
export interface Layer {
  dir: string;
  display: string;
  root: YMap;
  /** Resource files it names, in order. */
  resources: Placed[];
  /** Kustomizations it names (bases, components), each loaded. */
  children: Layer[];
  namePrefix: Placed | null;
  nameSuffix: Placed | null;
  namespace: Placed | null;
  /** Patch files and inline patches. */
  patches: PatchRef[];
  /** configMapGenerator and secretGenerator entries. */
  generators: { kind: 'ConfigMap' | 'Secret'; name: string; pos: SourcePosition }[];
  /** `images:` entries by the image name they rewrite; `replicas:` entries by workload name. */
  images: Placed[];
  replicas: Placed[];
}

/** A patch of a layer: from a file (`path`) or written inline, with its target when given. */
export interface PatchRef {
  path: string | null;
  inline: Placed | null;
  target: { kind: string | null; name: string | null } | null;
  pos: SourcePosition;
}

// Bounds on the tree: its depth, and how many kustomizations it loads in all (a base may be
// named by several overlays, a diamond, which is loaded once per path).
const MAX_DEPTH = 20;
const MAX_LAYERS = 200;
/**
 * Loads a kustomization and, depth first, every local base and component it names. Remote
 * references, Helm charts and missing files are errors here, before Kustomize runs, so
 * nothing is fetched; what Kustomize itself refuses is left to its own message.
 */
export function loadLayers(file: string, baseDir: string, diagnostics: Diagnostic[]): Layer | null {
  return load(file, baseDir, diagnostics, [], { left: MAX_LAYERS });
}

function load(
  file: string,
  baseDir: string,
  diagnostics: Diagnostic[],
  above: readonly string[],
  budget: { left: number },
): Layer | null {
  const display = relative(baseDir, file).split(sep).join('/') || file;
  budget.left -= 1;
  if (above.includes(file) || above.length > MAX_DEPTH || budget.left < 0) {
    diagnostics.push({
      severity: 'error',
      message: `${display} is reached again through its own bases (a cycle, more than ${MAX_DEPTH} levels or ${MAX_LAYERS} kustomizations), expected a tree of kustomizations`,
    });
    return null;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    diagnostics.push({
      severity: 'error',
      message: `cannot read ${display}: ${(error as Error).message}`,
    });
    return null;
  }
  const parsed = parseYaml(text, display);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.root) return null;
  if (parsed.root.kind !== 'map') {
    diagnostics.push({
      severity: 'error',
      message: 'found no mapping, expected a kustomization',
      position: parsed.root.pos,
    });
    return null;
  }
  const root = parsed.root;
  const dir = dirname(file);
  const layer: Layer = {
    dir,
    display,
    root,
    resources: [],
    children: [],
    namePrefix: placed(root.entries.get('namePrefix')?.value),
    nameSuffix: placed(root.entries.get('nameSuffix')?.value),
    namespace: placed(root.entries.get('namespace')?.value),
    patches: [],
    generators: [],
    images: [],
    replicas: [],
  };
  const refuse = (what: Placed, why: string): void => {
    diagnostics.push({
      severity: 'error',
      message: `found "${what.value}" ${why}`,
      position: what.pos,
    });
  };
  for (const key of ['resources', 'bases', 'components']) {
    for (const entry of strings(root.entries.get(key)?.value)) {
      if (REMOTE.test(entry.value)) {
        refuse(
          entry,
          `in ${key}: a remote resource, which Parity does not fetch; vendor it into the repository and name the local copy`,
        );
        continue;
      }
      const path = resolve(dir, entry.value);
      const child = kustomizationOf(path);
      if (child && child !== path) {
        const loaded = load(child, baseDir, diagnostics, [...above, file], budget);
        if (loaded) layer.children.push(loaded);
      } else if (existsSync(path) && statSync(path).isFile()) {
        layer.resources.push({ value: path, pos: entry.pos });
      } else {
        refuse(
          entry,
          `in ${key}, expected a local file or a folder holding a kustomization.yaml (Kustomize would try to fetch anything else)`,
        );
      }
    }
  }
  refuseRemoteFiles(root, refuse);
  readPatches(root, layer, refuse);
  readGenerators(root, layer, refuse);
  for (const item of items(root.entries.get('images')?.value)) {
    const name = placed(item.entries.get('name')?.value);
    if (name) layer.images.push({ value: name.value, pos: item.pos });
  }
  for (const item of items(root.entries.get('replicas')?.value)) {
    const name = placed(item.entries.get('name')?.value);
    const count = item.entries.get('count');
    if (name) layer.replicas.push({ value: name.value, pos: count?.value.pos ?? item.pos });
  }
  return layer;
}

function readPatches(root: YMap, layer: Layer, refuse: (what: Placed, why: string) => void): void {
  const remote = (p: Placed): boolean => {
    if (!REMOTE.test(p.value)) return false;
    refuse(p, 'as a patch: a remote file, which Parity does not fetch');
    return true;
  };
  for (const entry of strings(root.entries.get('patchesStrategicMerge')?.value)) {
    if (entry.value.includes('\n'))
      layer.patches.push({ path: null, inline: entry, target: null, pos: entry.pos });
    else if (!remote(entry))
      layer.patches.push({
        path: resolve(layer.dir, entry.value),
        inline: null,
        target: null,
        pos: entry.pos,
      });
  }
  for (const key of ['patches', 'patchesJson6902']) {
    for (const item of items(root.entries.get(key)?.value)) {
      const path = placed(item.entries.get('path')?.value);
      const inline = placed(item.entries.get('patch')?.value);
      if (path && remote(path)) continue;
      const target = item.entries.get('target')?.value;
      const field = (name: string): string | null =>
        target?.kind === 'map' ? (placed(target.entries.get(name)?.value)?.value ?? null) : null;
      layer.patches.push({
        path: path ? resolve(layer.dir, path.value) : null,
        inline,
        target: target ? { kind: field('kind'), name: field('name') } : null,
        pos: item.pos,
      });
    }
  }
}

function readGenerators(
  root: YMap,
  layer: Layer,
  refuse: (what: Placed, why: string) => void,
): void {
  for (const [key, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    for (const item of items(root.entries.get(key)?.value)) {
      for (const field of ['files', 'envs', 'env']) {
        for (const file of strings(item.entries.get(field)?.value)) {
          // `files` entries may be `key=path`.
          if (REMOTE.test(file.value.replace(/^[^=/:]*=/, '')))
            refuse(file, `in ${key}.${field}: a remote file, which Parity does not fetch`);
        }
      }
      const name = placed(item.entries.get('name')?.value);
      if (name) layer.generators.push({ kind, name: name.value, pos: item.pos });
    }
  }
}

/** Every layer of a tree, bases before the kustomizations that name them. */
export function layersOf(layer: Layer): Layer[] {
  return [...layer.children.flatMap(layersOf), layer];
}
