import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Diagnostic, SourcePosition } from '../../../shared/diagnostics';
import type { YMap, YNode } from '../../config/yaml-tree';
import { layersOf, type Layer, type PatchRef } from './kustomization';
import { parseYamlDocuments } from './yaml-documents';

// Where each object Kustomize prints was declared: the resource file and document, the layers
// it passed through (its own kustomization up to the root), and the patches that touched it.

/** A patch as written: a strategic-merge document, or the operations of a JSON 6902 patch. */
export type Patch =
  | { kind: 'merge'; root: YMap; target: PatchRef['target'] }
  | { kind: 'json'; ops: YMap[]; target: PatchRef['target'] };

/** One object of a resource file, and the kustomizations between it and the root. */
export interface Declared {
  kind: string;
  node: YMap;
  /** Its name after each layer's prefix and suffix, the declared name first. */
  names: string[];
  namespace: string | null;
  /** Its own kustomization first, the root last. */
  chain: Layer[];
}

/** What the rendered objects of one kustomization are matched against. */
export interface Origins {
  declared: Declared[];
  /** Patches by the layer that names them. */
  patches: Map<Layer, Patch[]>;
  generated: { kind: string; name: string; pos: SourcePosition }[];
  root: Layer;
}

/** Reads every resource file and patch of the layers of `root` (positions relative to `baseDir`). */
export function originsOf(root: Layer, baseDir: string, diagnostics: Diagnostic[]): Origins {
  const display = (path: string): string => relative(baseDir, path).split(sep).join('/') || path;
  const parents = new Map<Layer, Layer>();
  const index = (layer: Layer): void =>
    layer.children.forEach((child) => {
      parents.set(child, layer);
      index(child);
    });
  index(root);
  const chainOf = (layer: Layer): Layer[] => {
    const chain = [layer];
    for (let up = parents.get(layer); up; up = parents.get(up)) chain.push(up);
    return chain;
  };
  const origins: Origins = { declared: [], patches: new Map(), generated: [], root };
  for (const layer of layersOf(root)) {
    const chain = chainOf(layer);
    for (const resource of layer.resources) {
      for (const node of documents(resource.value, display(resource.value), diagnostics)) {
        const kind = text(node, ['kind']);
        const name = text(node, ['metadata', 'name']);
        if (!kind || !name) continue;
        origins.declared.push({
          kind,
          node,
          names: namesThrough(name, chain),
          namespace: lastSet(chain) ?? text(node, ['metadata', 'namespace']),
          chain,
        });
      }
    }
    for (const generator of layer.generators) {
      const names = namesThrough(generator.name, chain);
      origins.generated.push({
        kind: generator.kind,
        name: names.at(-1) ?? '',
        pos: generator.pos,
      });
    }
    origins.patches.set(
      layer,
      layer.patches.flatMap((ref) => patchesOf(ref, layer, display)),
    );
  }
  return origins;
}

function namesThrough(name: string, chain: readonly Layer[]): string[] {
  const names = [name];
  for (const layer of chain)
    names.push(`${layer.namePrefix?.value ?? ''}${names.at(-1)}${layer.nameSuffix?.value ?? ''}`);
  return names;
}

// The namespace transformer of the layer closest to the root wins, as it runs last.
function lastSet(chain: readonly Layer[]): string | null {
  return chain.findLast((layer) => layer.namespace)?.namespace?.value ?? null;
}

function documents(path: string, display: string, diagnostics: Diagnostic[]): YMap[] {
  try {
    const parsed = parseYamlDocuments(readFileSync(path, 'utf8'), display);
    return parsed.documents.flatMap((d) => (d.root.kind === 'map' ? [d.root] : []));
  } catch (error) {
    diagnostics.push({
      severity: 'warning',
      message: `cannot read ${display}: ${(error as Error).message}`,
    });
    return [];
  }
}

function patchesOf(ref: PatchRef, layer: Layer, display: (path: string) => string): Patch[] {
  let roots: YNode[];
  if (ref.path) {
    try {
      const text = readFileSync(ref.path, 'utf8');
      roots = parseYamlDocuments(text, display(ref.path)).documents.map((d) => d.root);
    } catch {
      return []; // Kustomize reports a missing patch file itself.
    }
  } else if (ref.inline) {
    // A block scalar's text starts on the line after its key: its lines shift by that line.
    const at = ref.inline.pos.line;
    roots = parseYamlDocuments(ref.inline.value, layer.display).documents.map((d) =>
      shift(d.root, at),
    );
  } else return [];
  return roots.flatMap((root): Patch[] => {
    if (root.kind === 'seq')
      return [
        {
          kind: 'json',
          ops: root.items.filter((i): i is YMap => i.kind === 'map'),
          target: ref.target,
        },
      ];
    return root.kind === 'map' ? [{ kind: 'merge', root, target: ref.target }] : [];
  });
}

function shift(node: YNode, lines: number): YNode {
  const pos = { ...node.pos, line: node.pos.line + lines };
  if (node.kind === 'scalar') return { ...node, pos };
  if (node.kind === 'seq') return { ...node, pos, items: node.items.map((i) => shift(i, lines)) };
  const entries = new Map(
    [...node.entries].map(([key, e]) => [
      key,
      { keyPos: { ...e.keyPos, line: e.keyPos.line + lines }, value: shift(e.value, lines) },
    ]),
  );
  return { ...node, pos, entries };
}

/** The string at a path of maps; null when absent or not a string. */
export function text(node: YNode | undefined, path: readonly string[]): string | null {
  let at = node;
  for (const key of path) at = at?.kind === 'map' ? at.entries.get(key)?.value : undefined;
  return at?.kind === 'scalar' && at.value !== null ? String(at.value) : null;
}

/** The declared object a rendered one came from (kind, final name and namespace agree). */
export function declaredFor(origins: Origins, object: YMap): Declared | null {
  const kind = text(object, ['kind']);
  const name = text(object, ['metadata', 'name']);
  const namespace = text(object, ['metadata', 'namespace']);
  return (
    origins.declared.findLast(
      (d) =>
        d.kind === kind &&
        d.names.at(-1) === name &&
        (namespace === null || d.namespace === null || d.namespace === namespace),
    ) ?? null
  );
}

/** The generator entry a rendered ConfigMap or Secret came from (its name plus a hash suffix). */
export function generatedFor(origins: Origins, object: YMap): SourcePosition | null {
  const kind = text(object, ['kind']);
  const name = text(object, ['metadata', 'name']) ?? '';
  const found = origins.generated.findLast(
    (g) =>
      g.kind === kind &&
      (name === g.name || new RegExp(`^${escape(g.name)}-[a-z0-9]{10}$`).test(name)),
  );
  return found?.pos ?? null;
}

/** The patches that apply to a declared object, in the order Kustomize applies them. */
export function patchesFor(origins: Origins, declared: Declared): Patch[] {
  const names = new Set(declared.names);
  const nameMatches = (wanted: string | null): boolean =>
    wanted === null || names.has(wanted) || declared.names.some((n) => anchored(wanted).test(n));
  return declared.chain.flatMap((layer) =>
    (origins.patches.get(layer) ?? []).filter((patch) => {
      const target =
        patch.target ??
        (patch.kind === 'merge'
          ? { kind: text(patch.root, ['kind']), name: text(patch.root, ['metadata', 'name']) }
          : null);
      if (!target) return false;
      return (target.kind === null || target.kind === declared.kind) && nameMatches(target.name);
    }),
  );
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Kustomize targets take regular expressions for names; an invalid one matches only itself.
function anchored(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return new RegExp(`^${escape(pattern)}$`);
  }
}
