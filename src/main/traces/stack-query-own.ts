import type { EdgeAggregate } from './edge-store';

// A span's service, qualified with the Compose project it came from when that is known. The
// separator cannot be typed in a compose file's service name.
const QUALIFIED = '\u0000';

/** `service` as recorded for spans known to come from `project`. */
export function qualifiedService(project: string, service: string): string {
  return `${QUALIFIED}${project}${QUALIFIED}${service}`;
}

// A recorded service name split into the project it is known to come from (or null) and the name.
function splitService(name: string): { project: string | null; service: string } {
  if (!name.startsWith(QUALIFIED)) return { project: null, service: name };
  const end = name.indexOf(QUALIFIED, 1);
  return end < 0
    ? { project: null, service: name }
    : { project: name.slice(1, end), service: name.slice(end + 1) };
}

/**
 * The edges that may be `project`'s, with the services' plain names: those whose caller is
 * known to be one of its containers or its own trace store, and those whose caller is not known
 * at all (matched by name). Edges known to come from another project are left out, so that two
 * projects with a service of the same name each see their own calls. With no project, every
 * edge, by plain names.
 */
export function ownAggregates(
  aggregates: readonly EdgeAggregate[],
  project: string | null,
): EdgeAggregate[] {
  const out: EdgeAggregate[] = [];
  for (const edge of aggregates) {
    const from = splitService(edge.from);
    if (project !== null && from.project !== null && from.project !== project) continue;
    const to = edge.to.kind === 'service' ? splitService(edge.to.name).service : edge.to.name;
    out.push({ ...edge, from: from.service, to: { kind: edge.to.kind, name: to } });
  }
  return out;
}
