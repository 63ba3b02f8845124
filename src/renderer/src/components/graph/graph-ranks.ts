/** Each service's dependencies, among the services the graph shows. */
export type Dependencies = ReadonlyMap<string, readonly string[]>;

/**
 * The services in layers: a service sits one layer below its deepest dependency, so every
 * dependency comes before the services that wait for it. A depends_on cycle (which Compose
 * refuses, but a graph must still draw) is cut where it is met.
 */
export function rankLayers(names: readonly string[], deps: Dependencies): string[][] {
  const rank = new Map<string, number>();
  const visiting = new Set<string>();
  const rankOf = (name: string): number => {
    const known = rank.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return -1;
    visiting.add(name);
    const below = (deps.get(name) ?? []).map(rankOf);
    visiting.delete(name);
    const own = Math.max(-1, ...below) + 1;
    rank.set(name, own);
    return own;
  };
  const layers: string[][] = [];
  for (const name of [...names].sort()) {
    const r = rankOf(name);
    (layers[r] ??= []).push(name);
  }
  return layers.filter((layer) => layer.length > 0);
}

// Where each node sits in its layer, from 0 (first) to 1 (last).
function positions(layers: readonly string[][]): Map<string, number> {
  const at = new Map<string, number>();
  for (const layer of layers) {
    layer.forEach((name, i) => at.set(name, layer.length > 1 ? i / (layer.length - 1) : 0.5));
  }
  return at;
}

function byBarycenter(
  layer: readonly string[],
  neighbours: (name: string) => readonly string[],
  at: ReadonlyMap<string, number>,
): string[] {
  const centre = (name: string): number => {
    const near = neighbours(name).filter((n) => at.has(n));
    if (near.length === 0) return at.get(name) ?? 0.5;
    return near.reduce((sum, n) => sum + (at.get(n) ?? 0), 0) / near.length;
  };
  const keyed = layer.map((name) => ({ name, key: centre(name) }));
  // Stable on ties (names were sorted first): the same files always give the same picture.
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.name);
}

/**
 * Orders each layer so that edges cross less: a few sweeps down (by the mean place of each
 * service's dependencies) and up (by the mean place of the services waiting for it).
 */
export function orderLayers(layers: readonly string[][], deps: Dependencies): string[][] {
  const dependents = new Map<string, string[]>();
  for (const [name, list] of deps) {
    for (const dep of list) dependents.set(dep, [...(dependents.get(dep) ?? []), name]);
  }
  const ordered = layers.map((layer) => [...layer]);
  for (let sweep = 0; sweep < 4; sweep += 1) {
    for (let r = 1; r < ordered.length; r += 1) {
      const at = positions(ordered);
      ordered[r] = byBarycenter(ordered[r] ?? [], (n) => deps.get(n) ?? [], at);
    }
    for (let r = ordered.length - 2; r >= 0; r -= 1) {
      const at = positions(ordered);
      ordered[r] = byBarycenter(ordered[r] ?? [], (n) => dependents.get(n) ?? [], at);
    }
  }
  return ordered;
}
