import type { Diagnostic } from '../../shared/diagnostics';
import { interpolate } from './interpolate';
import type { YNode } from './yaml-tree';

/**
 * Interpolates every string value of a tree (never a key), as Compose does before reading the
 * file. Problems are reported at the value; the same warning is reported once.
 */
export function interpolateTree(
  node: YNode,
  lookup: (name: string) => string | undefined,
  diagnostics: Diagnostic[],
): YNode {
  switch (node.kind) {
    case 'scalar': {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return node;
      const { value, problems } = interpolate(node.value, lookup);
      for (const problem of problems) {
        const seen = diagnostics.some(
          (d) => d.message === problem.message && d.severity === 'warning',
        );
        if (problem.severity === 'warning' && seen) continue;
        diagnostics.push({
          severity: problem.severity,
          message: problem.message,
          position: node.pos,
        });
      }
      return { ...node, value };
    }
    case 'seq':
      return {
        ...node,
        items: node.items.map((item) => interpolateTree(item, lookup, diagnostics)),
      };
    case 'map': {
      const entries = new Map(
        [...node.entries].map(([key, entry]) => [
          key,
          { ...entry, value: interpolateTree(entry.value, lookup, diagnostics) },
        ]),
      );
      return { ...node, entries };
    }
  }
}
