import type { EnvironmentModel } from '../../shared/model';

/** The services to bring up: those asked for and everything they depend on (all when none). */
export function withDependencies(model: EnvironmentModel, requested: readonly string[]): string[] {
  if (requested.length === 0) return Object.keys(model.services);
  const selected = new Set<string>();
  const visit = (name: string): void => {
    if (selected.has(name) || !model.services[name]) return;
    selected.add(name);
    for (const dependency of Object.keys(model.services[name].dependsOn)) visit(dependency);
  };
  requested.forEach(visit);
  return [...selected];
}

/** A dependency cycle as a path (a -> b -> a), or null when there is none. */
export function findCycle(dependsOn: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | null => {
    if (state.get(name) === 'done') return null;
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'visiting');
    path.push(name);
    for (const next of dependsOn.get(name) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    return null;
  };
  for (const name of dependsOn.keys()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return null;
}
