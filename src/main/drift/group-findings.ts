import type { Finding } from '../../shared/drift';

// Runtime findings of a service with several containers are per container: `container-2.state`.
const REPLICA = /^container-\d+\./;

/**
 * Marks the findings that say the same thing of several services or replicas (the same field
 * path, kind, rule, severity and status; values may differ: production sets a CPU request on all
 * four services, 100m on three and 10m on one) with one `group`, `<path> <kind>`, so that a
 * report can show them as one line. A finding alone keeps no group.
 */
export function groupIdentical(findings: readonly Finding[]): Finding[] {
  const keyOf = (f: Finding): string =>
    [f.path.replace(REPLICA, ''), f.kind, f.rule, f.severity, f.status].join('\u0000');
  const members = new Map<string, number>();
  for (const f of findings) members.set(keyOf(f), (members.get(keyOf(f)) ?? 0) + 1);
  // Two groups of one path and kind (another rule or status) get distinct names.
  const names = new Map<string, string>();
  const taken = new Set<string>();
  return findings.map((f) => {
    const key = keyOf(f);
    if ((members.get(key) ?? 0) < 2) return f;
    let name = names.get(key);
    if (name === undefined) {
      const base = `${f.path.replace(REPLICA, '')} ${f.kind}`;
      name = base;
      for (let n = 2; taken.has(name); n += 1) name = `${base} (${n})`;
      names.set(key, name);
      taken.add(name);
    }
    return { ...f, group: name };
  });
}
