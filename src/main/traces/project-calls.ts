import type { EnvironmentModel } from '../../shared/model';
import type { ObservedEdge, OutsideCall } from '../../shared/traces';
import type { EdgeAggregate } from './edge-store';

/** The project's view of the observed edges: calls between its services, and calls leaving it. */
export interface ProjectCalls {
  edges: ObservedEdge[];
  outside: OutsideCall[];
}

/**
 * The edges whose caller is one of the project's services, by its name or its
 * OTEL_SERVICE_NAME; the callee is a service when a span names it so or its host is a service
 * (its name, container_name or hostname), else an outside host, flagged when `production`
 * (host -> file:line) names it.
 */
export function projectCalls(
  aggregates: readonly EdgeAggregate[],
  model: EnvironmentModel,
  production: ReadonlyMap<string, string>,
): ProjectCalls {
  const byName = new Map<string, string>();
  const byHost = new Map<string, string>();
  for (const [name, service] of Object.entries(model.services)) {
    byName.set(name.toLowerCase(), name);
    byHost.set(name.toLowerCase(), name);
    const otel = service.environment.OTEL_SERVICE_NAME?.value;
    if (otel) byName.set(otel.toLowerCase(), name);
    for (const alias of [service.containerName?.value, service.hostname?.value]) {
      if (alias) byHost.set(alias.toLowerCase(), name);
    }
  }
  const edges = new Map<string, ObservedEdge>();
  const outside = new Map<string, OutsideCall>();
  for (const edge of aggregates) {
    const from = byName.get(edge.from.toLowerCase());
    if (!from) continue;
    const key = edge.to.name.toLowerCase();
    const to = edge.to.kind === 'service' ? (byName.get(key) ?? byHost.get(key)) : byHost.get(key);
    if (to === from) continue;
    const lastSeen = new Date(edge.lastSeen).toISOString();
    if (to) {
      const declared = to in (model.services[from]?.dependsOn ?? {});
      const next: ObservedEdge = { ...stats(edge), from, to, lastSeen, declared };
      edges.set(`${from}\0${to}`, merge(edges.get(`${from}\0${to}`), next));
      continue;
    }
    const known = outside.get(key);
    outside.set(key, {
      host: key,
      from: [...new Set([...(known?.from ?? []), from])].sort(),
      calls: (known?.calls ?? 0) + edge.calls,
      failures: (known?.failures ?? 0) + edge.failures,
      lastSeen: known && known.lastSeen > lastSeen ? known.lastSeen : lastSeen,
      production: production.get(key) ?? null,
    });
  }
  return {
    edges: [...edges.values()].sort((a, b) =>
      `${a.from}\0${a.to}`.localeCompare(`${b.from}\0${b.to}`),
    ),
    // Production hosts first: they are the ones to act on.
    outside: [...outside.values()].sort(
      (a, b) =>
        Number(b.production !== null) - Number(a.production !== null) ||
        a.host.localeCompare(b.host),
    ),
  };
}

function stats(edge: EdgeAggregate): Pick<ObservedEdge, 'calls' | 'failures' | 'p50Ms' | 'p95Ms'> {
  return { calls: edge.calls, failures: edge.failures, p50Ms: edge.p50Ms, p95Ms: edge.p95Ms };
}

// One pair seen under two names (a span's service name and a host): counts add up, and the
// percentiles of the busier name stand for both.
function merge(known: ObservedEdge | undefined, next: ObservedEdge): ObservedEdge {
  if (!known) return next;
  const busier = known.calls >= next.calls ? known : next;
  return {
    ...busier,
    calls: known.calls + next.calls,
    failures: known.failures + next.failures,
    lastSeen: known.lastSeen > next.lastSeen ? known.lastSeen : next.lastSeen,
  };
}

/** The production hosts among a project's outside calls, in the order the graph lists them. */
export function productionHostsCalled(outside: readonly OutsideCall[]): string[] {
  return outside.filter((call) => call.production !== null).map((call) => call.host);
}

// A tray label is one line of a menu: one host is named, the rest counted.
const MARK_HOST_LIMIT = 40;

/**
 * How the tray marks a project whose laptop stack calls production: `⚠ calling production:
 * api.example.com`, with `+2 more` past the first host; null when it calls none.
 */
export function callingProductionMark(hosts: readonly string[]): string | null {
  const [first, ...rest] = hosts;
  if (first === undefined) return null;
  const host = first.length <= MARK_HOST_LIMIT ? first : `${first.slice(0, MARK_HOST_LIMIT - 1)}…`;
  return `⚠ calling production: ${host}${rest.length > 0 ? ` +${rest.length} more` : ''}`;
}
