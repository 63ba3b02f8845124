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
  // Counted by a short key, then by the rule itself (a string Map hashes once): this runs on
  // every report, hundreds of findings each.
  const shortKeys = findings.map((f) => {
    const path = f.path.startsWith('container-') ? f.path.replace(REPLICA, '') : f.path;
    return `${path} ${f.kind} ${f.severity} ${f.status}`;
  });
  const counts = new Map<string, Map<string, number>>();
  findings.forEach((f, i) => {
    const key = shortKeys[i] ?? '';
    const byRule = counts.get(key) ?? new Map<string, number>();
    counts.set(key, byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1));
  });
  // Two groups of one path and kind (another rule, severity or status) get distinct names.
  const names = new Map<string, Map<string, string>>();
  const taken = new Set<string>();
  return findings.map((f, i) => {
    const key = shortKeys[i] ?? '';
    if ((counts.get(key)?.get(f.rule) ?? 0) < 2) return f;
    const named = names.get(key) ?? new Map<string, string>();
    names.set(key, named);
    let name = named.get(f.rule);
    if (name === undefined) {
      const base = `${f.path.replace(REPLICA, '')} ${f.kind}`;
      name = base;
      for (let n = 2; taken.has(name); n += 1) name = `${base} (${n})`;
      named.set(f.rule, name);
      taken.add(name);
    }
    return { ...f, group: name };
  });
}
