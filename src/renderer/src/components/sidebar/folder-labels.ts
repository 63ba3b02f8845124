import type { ProjectSummary } from '../../../../shared/projects';

const segments = (path: string): string[] => path.split(/[\\/]/).filter(Boolean);

/**
 * For projects that share a name (two checkouts of one repository), the end of each one's
 * folder path, just long enough to tell them apart: `work/shop` and `code/shop`. Projects
 * whose name is their own get none.
 */
export function folderLabels(
  projects: readonly Pick<ProjectSummary, 'id' | 'name'>[],
): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const { id, name } of projects) byName.set(name, [...(byName.get(name) ?? []), id]);
  const labels = new Map<string, string>();
  for (const ids of byName.values()) {
    if (ids.length < 2) continue;
    const paths = ids.map(segments);
    const longest = Math.max(...paths.map((p) => p.length));
    // The fewest trailing segments that make every label distinct (the whole path at worst).
    let take = 2;
    const tail = (path: string[]): string => path.slice(-take).join('/');
    while (take < longest && new Set(paths.map(tail)).size < paths.length) take++;
    ids.forEach((id, index) => labels.set(id, tail(paths[index] ?? [])));
  }
  return labels;
}
