import type { Diagnostic } from '../../shared/diagnostics';
import { interpolate } from './interpolate';
import type { YEntry, YNode } from './yaml-tree';

/**
 * Interpolates every string value of a tree (never a key), as Compose does before reading the
 * file. Problems are reported at the value; the same warning is reported once. A subtree shared
 * through aliases is interpolated once and stays shared, so the walk is linear in the document
 * however often its aliases repeat it. A subtree without a `$` to replace is returned as it is,
 * not copied: most of a compose file has none, and trees are never changed once built.
 */
export function interpolateTree(
  node: YNode,
  lookup: (name: string) => string | undefined,
  diagnostics: Diagnostic[],
): YNode {
  const warned = new Set(diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message));
  return new TreeInterpolation(lookup, diagnostics, warned).node(node);
}

class TreeInterpolation {
  private readonly done = new Map<YNode, YNode>();

  constructor(
    private readonly lookup: (name: string) => string | undefined,
    private readonly diagnostics: Diagnostic[],
    private readonly warned: Set<string>,
  ) {}

  node(node: YNode): YNode {
    // Most scalars hold no `$`: returned as they are, without a look in the map of done nodes.
    if (node.kind === 'scalar' && (typeof node.value !== 'string' || !node.value.includes('$'))) {
      return node;
    }
    const known = this.done.get(node);
    if (known) return known;
    const result = this.interpolated(node);
    this.done.set(node, result);
    return result;
  }

  private interpolated(node: YNode): YNode {
    switch (node.kind) {
      case 'scalar': {
        if (typeof node.value !== 'string') return node;
        const { value, problems } = interpolate(node.value, this.lookup);
        for (const problem of problems) {
          if (problem.severity === 'warning') {
            if (this.warned.has(problem.message)) continue;
            this.warned.add(problem.message);
          }
          this.diagnostics.push({
            severity: problem.severity,
            message: problem.message,
            position: node.pos,
          });
        }
        return { ...node, value };
      }
      case 'seq': {
        // Copied from the first item that changed; until then, nothing is allocated.
        let items: YNode[] | null = null;
        for (let i = 0; i < node.items.length; i++) {
          const item = node.items[i] as YNode;
          const value = this.node(item);
          if (items) items.push(value);
          else if (value !== item) items = [...node.items.slice(0, i), value];
        }
        return items ? { ...node, items } : node;
      }
      case 'map': {
        let entries: Map<string, YEntry> | null = null;
        for (const [key, entry] of node.entries) {
          const value = this.node(entry.value);
          if (entries) entries.set(key, value === entry.value ? entry : { ...entry, value });
          else if (value !== entry.value)
            entries = copiedUpTo(node.entries, key, { ...entry, value });
        }
        return entries ? { ...node, entries } : node;
      }
    }
  }
}

// The entries before `key`, then `key` with its new entry.
function copiedUpTo(
  entries: ReadonlyMap<string, YEntry>,
  key: string,
  changed: YEntry,
): Map<string, YEntry> {
  const copy = new Map<string, YEntry>();
  for (const [k, entry] of entries) {
    if (k === key) break;
    copy.set(k, entry);
  }
  return copy.set(key, changed);
}
