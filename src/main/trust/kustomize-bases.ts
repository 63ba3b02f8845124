import { dirname, resolve } from 'node:path';
import { readRepositoryText } from '../config/read-text';
import { parseYaml } from '../config/yaml-tree';
import { kustomizationOf } from '../drift/kubernetes/kustomization';
import { REMOTE, strings } from '../drift/kubernetes/kustomize-refusals';

// Kustomizations followed from one root: far above a real overlay tree, and a cycle ends.
const MAX_KUSTOMIZATIONS = 200;

/**
 * The resources, bases and components a kustomization names, at any depth, that lie outside
 * the project (`outside`): Kustomize reads them when it renders a source that is itself inside.
 * Bases inside are followed; one outside is listed, never opened. Unreadable or remote entries
 * are left to the render's own diagnostics.
 */
export function outsideKustomizeBases(root: string, outside: (path: string) => boolean): string[] {
  const found: string[] = [];
  const opened = new Set<string>();
  const queue = [root];
  while (queue.length > 0 && opened.size < MAX_KUSTOMIZATIONS) {
    const file = kustomizationOf(queue.shift() ?? '');
    if (file === null || opened.has(file)) continue;
    opened.add(file);
    let text: string;
    try {
      text = readRepositoryText(file);
    } catch {
      continue;
    }
    const parsed = parseYaml(text, file).root;
    if (parsed?.kind !== 'map') continue;
    for (const key of ['resources', 'bases', 'components']) {
      for (const entry of strings(parsed.entries.get(key)?.value)) {
        if (REMOTE.test(entry.value)) continue;
        const path = resolve(dirname(file), entry.value);
        if (outside(path)) {
          if (!found.includes(path)) found.push(path);
        } else queue.push(path);
      }
    }
  }
  return found;
}
