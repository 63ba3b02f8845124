/**
 * Linux capabilities as both platforms accept them: `all`, `ALL`, `CAP_ALL`, `net_bind_service`
 * and `CAP_NET_BIND_SERVICE` name the same thing to Docker and to the kubelet. One spelling
 * (upper case, no `CAP_` prefix), sorted and without repeats, so lists compare as sets.
 */
export function normalizeCapabilities(names: readonly string[]): string[] {
  const normal = names
    .map((name) => name.trim().toUpperCase().replace(/^CAP_/, ''))
    .filter((name) => name !== '');
  return [...new Set(normal)].sort();
}

/** Whether every capability of `some` is in `all` (`ALL` covers any). */
export function capabilitiesWithin(some: readonly string[], all: readonly string[]): boolean {
  return all.includes('ALL') || some.every((name) => all.includes(name));
}
