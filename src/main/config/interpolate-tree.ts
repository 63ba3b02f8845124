import type { Diagnostic } from '../../shared/diagnostics';
import { interpolate } from './interpolate';
import type { YNode } from './yaml-tree';

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
    const known = this.done.get(node);
    if (known) return known;
    const result = this.interpolated(node);
    this.done.set(node, result);
    return result;
  }

  private interpolated(node: YNode): YNode {
    switch (node.kind) {
      case 'scalar': {
        if (typeof node.value !== 'string' || !node.value.includes('$')) return node;
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
        const items = node.items.map((item) => this.node(item));
        return items.every((item, i) => item === node.items[i]) ? node : { ...node, items };
      }
      case 'map': {
        let changed = false;
        const values = [...node.entries].map(([key, entry]) => {
          const value = this.node(entry.value);
          if (value !== entry.value) changed = true;
          return [key, entry, value] as const;
        });
        if (!changed) return node;
        const entries = new Map(
          values.map(([key, entry, value]) => [
            key,
            value === entry.value ? entry : { ...entry, value },
          ]),
        );
        return { ...node, entries };
      }
    }
  }
}
