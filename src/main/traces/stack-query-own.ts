import type { EdgeAggregate } from './edge-store';
import { splitService } from './trace-hub';

/**
 * The edges that may be `project`'s, with the services' plain names: those whose caller is
 * known to be one of its containers or its own trace store, and those whose caller is not known
 * at all (matched by name, as before). Edges known to come from another project are left out,
 * so that two projects with a service of the same name each see their own calls.
 */
export function ownAggregates(
  aggregates: readonly EdgeAggregate[],
  project: string,
): EdgeAggregate[] {
  const out: EdgeAggregate[] = [];
  for (const edge of aggregates) {
    const from = splitService(edge.from);
    if (from.project !== null && from.project !== project) continue;
    const to = edge.to.kind === 'service' ? splitService(edge.to.name).service : edge.to.name;
    out.push({ ...edge, from: from.service, to: { kind: edge.to.kind, name: to } });
  }
  return out;
}
