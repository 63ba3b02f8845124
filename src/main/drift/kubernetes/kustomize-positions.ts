import type { SourcePosition } from '../../../shared/diagnostics';
import type { YEntry, YMap, YNode } from '../../config/yaml-tree';
import {
  declaredFor,
  generatedFor,
  patchesFor,
  text,
  type Declared,
  type Origins,
  type Patch,
} from './kustomize-origins';

// Positions of a rendered object, moved from Kustomize's output (a file nobody wrote) to the
// files a user edits. Structure, and values the resource file holds as rendered, point into
// the resource file; a value that differs points into the last patch (strategic merge or JSON
// 6902) that sets it to what was rendered; an object a generator made points at the generator's entry; the name,
// namespace, image and replicas Kustomize rewrote point at the field that rewrote them;
// anything else (labels and fields transformers add) at the root kustomization.

type Step = { key: string } | { index: number; item: YNode };

interface Found {
  node: YNode;
  keyPos?: SourcePosition;
}

/** The rendered object with every position mapped to the file it came from. */
export function mapPositions(origins: Origins, object: YMap): YNode {
  const fallback = origins.root.root.pos;
  const generated = generatedFor(origins, object);
  const declared = generated ? null : declaredFor(origins, object);
  if (!declared) return rewrite(object, [], () => ({ pos: generated ?? fallback }));
  const patches = patchesFor(origins, declared);
  return rewrite(object, [], (node, steps) => where(node, steps, declared, patches, origins));
}

function rewrite(
  node: YNode,
  steps: Step[],
  pick: (node: YNode, steps: Step[]) => { pos: SourcePosition; keyPos?: SourcePosition },
): YNode {
  const { pos } = pick(node, steps);
  if (node.kind === 'scalar') return { ...node, pos };
  if (node.kind === 'seq') {
    const items = node.items.map((item, index) => rewrite(item, [...steps, { index, item }], pick));
    return { ...node, pos, items };
  }
  const entries = new Map<string, YEntry>();
  for (const [key, entry] of node.entries) {
    const at = [...steps, { key }];
    const picked = pick(entry.value, at);
    entries.set(key, {
      keyPos: picked.keyPos ?? picked.pos,
      value: rewrite(entry.value, at, pick),
    });
  }
  return { ...node, pos, entries };
}

function where(
  node: YNode,
  steps: Step[],
  declared: Declared,
  patches: readonly Patch[],
  origins: Origins,
): { pos: SourcePosition; keyPos?: SourcePosition } {
  const base = navigate(declared.node, steps);
  if (steps.length === 0) return { pos: declared.node.pos };
  // What the resource file already says (structure, and values no patch changed) stays there;
  // a value that differs from it points at the last patch that sets it.
  if (base && (node.kind === 'scalar' ? agrees(node, base.node) : base.node.kind === node.kind))
    return placed(base);
  for (const patch of [...patches].reverse()) {
    const found = inPatch(patch, steps);
    if (found && agrees(node, found.node)) return placed(found);
  }
  const rewritten = rewriter(steps, declared);
  if (rewritten) return { pos: rewritten };
  return { pos: origins.root.root.pos };
}

function placed(found: Found): { pos: SourcePosition; keyPos?: SourcePosition } {
  return { pos: found.node.pos, keyPos: found.keyPos };
}

function agrees(rendered: YNode, written: YNode): boolean {
  if (rendered.kind !== written.kind) return false;
  return (
    rendered.kind !== 'scalar' ||
    String(rendered.value) === String((written as typeof rendered).value)
  );
}

// The kustomization field that rewrote a value: namePrefix/nameSuffix, namespace, images, replicas.
function rewriter(steps: Step[], declared: Declared): SourcePosition | null {
  const path = steps.map((s) => ('key' in s ? s.key : '*')).join('.');
  const chain = [...declared.chain].reverse();
  if (path === 'metadata.name')
    return (
      navigate(declared.node, steps)?.node.pos ??
      chain.find((l) => l.namePrefix ?? l.nameSuffix)?.root.pos ??
      null
    );
  if (path === 'metadata.namespace') return chain.find((l) => l.namespace)?.namespace?.pos ?? null;
  if (path === 'spec.replicas') {
    const names = new Set(declared.names);
    return chain.flatMap((l) => l.replicas).find((r) => names.has(r.value))?.pos ?? null;
  }
  const last = steps.at(-1);
  if (last && 'key' in last && last.key === 'image') {
    const written = navigate(declared.node, steps)?.node;
    const image = written?.kind === 'scalar' ? String(written.value) : '';
    const repository = image.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
    return chain.flatMap((l) => l.images).find((i) => i.value === repository)?.pos ?? null;
  }
  return null;
}

function inPatch(patch: Patch, steps: Step[]): Found | null {
  if (patch.kind === 'merge') return navigate(patch.root, steps);
  for (const op of [...patch.ops].reverse()) {
    const verb = text(op, ['op']);
    const pointer = text(op, ['path']);
    const value = op.entries.get('value');
    if ((verb !== 'add' && verb !== 'replace') || pointer === null || !value) continue;
    const segments = pointer
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (segments.length > steps.length) continue;
    const prefix = steps.slice(0, segments.length);
    const matches = segments.every((segment, i) => {
      const step = prefix[i];
      if (!step) return false;
      return 'key' in step
        ? step.key === segment
        : segment === '-' || segment === String(step.index);
    });
    if (!matches) continue;
    const rest = steps.slice(segments.length);
    if (rest.length === 0) return { node: value.value, keyPos: value.keyPos };
    const found = navigate(value.value, rest);
    if (found) return found;
  }
  return null;
}

/** The node at `steps` in a written tree; list items are found by their merge key, else by index. */
function navigate(root: YNode, steps: readonly Step[]): Found | null {
  let at: Found = { node: root };
  for (const step of steps) {
    const node = at.node;
    if ('key' in step) {
      const entry = node.kind === 'map' ? node.entries.get(step.key) : undefined;
      if (!entry) return null;
      at = { node: entry.value, keyPos: entry.keyPos };
    } else {
      if (node.kind !== 'seq') return null;
      const item = itemLike(node.items, step.item, step.index);
      if (!item) return null;
      at = { node: item };
    }
  }
  return at;
}

const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'port', 'devicePath', 'ip'];

function itemLike(items: readonly YNode[], rendered: YNode, index: number): YNode | undefined {
  if (rendered.kind === 'scalar')
    return items.find((i) => i.kind === 'scalar' && String(i.value) === String(rendered.value));
  if (rendered.kind === 'map') {
    for (const key of MERGE_KEYS) {
      const value = text(rendered, [key]);
      if (value !== null) return items.find((i) => text(i, [key]) === value);
    }
  }
  return items[index];
}
