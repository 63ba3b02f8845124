import type { Finding, ServiceMatch, Severity } from './drift';

/**
 * One line of a report as a user works through it: a root cause with the findings that follow
 * from it, a rename by parity.yaml's `map:` with the values it explains, identical findings of
 * several services or replicas, or a finding on its own.
 */
export type OutlineItem =
  | { kind: 'root'; root: Finding; symptoms: Finding[] }
  | { kind: 'rename'; id: string; service: string; symptoms: Finding[] }
  | { kind: 'group'; group: string; findings: Finding[] }
  | { kind: 'single'; finding: Finding };

/** A report's findings as lines: the roots (and renames) first, then the rest. */
export interface DriftOutline {
  /** Roots with at least one symptom among the findings, in the order of the report. */
  roots: Extract<OutlineItem, { kind: 'root' | 'rename' }>[];
  /** Every other finding: groups of identical ones (once each) and single ones, in order. */
  rest: Extract<OutlineItem, { kind: 'group' | 'single' }>[];
}

const MAP_SUFFIX = '.map';

/**
 * Puts each symptom under its root cause (following a chain of causes to the first root) when
 * that root is among the findings, or is a rename by `map:` (which is no finding); a symptom
 * whose root is not among them (covered, or filtered out) stands on its own. A root that
 * explains nothing here is a finding like any other. Findings sharing a `group` that are
 * neither root nor symptom make one group line; a group left with one member is a single line.
 */
export function outlineFindings(findings: readonly Finding[]): DriftOutline {
  const byId = new Map<string, Finding>();
  for (const f of findings) if (f.id !== undefined && !byId.has(f.id)) byId.set(f.id, f);
  // The top root of a finding: the id its chain of causes ends at, or null when it is a root
  // or a symptom of nothing shown.
  const topOf = (f: Finding): string | null => {
    let cause = f.causedBy;
    if (cause === undefined) return null;
    let top: string | null = null;
    const seen = new Set<string>(f.id === undefined ? [] : [f.id]);
    while (cause !== undefined && !seen.has(cause)) {
      seen.add(cause);
      const root = byId.get(cause);
      if (root) {
        top = cause;
        cause = root.causedBy;
      } else {
        if (cause.endsWith(MAP_SUFFIX)) top = cause;
        break;
      }
    }
    return top;
  };
  const roots = new Map<string, DriftOutline['roots'][number]>();
  const folded = new Set<Finding>();
  for (const f of findings) {
    const top = topOf(f);
    if (top === null) continue;
    let item = roots.get(top);
    if (!item) {
      const root = byId.get(top);
      item = root
        ? { kind: 'root', root, symptoms: [] }
        : { kind: 'rename', id: top, service: top.slice(0, -MAP_SUFFIX.length), symptoms: [] };
      roots.set(top, item);
    }
    item.symptoms.push(f);
    folded.add(f);
  }
  for (const item of roots.values()) if (item.kind === 'root') folded.add(item.root);
  const at = new Map(findings.map((f, i) => [f, i]));
  const order = (item: DriftOutline['roots'][number]): number =>
    at.get(item.kind === 'root' ? item.root : item.symptoms[0]!) ?? 0;

  const left = findings.filter((f) => !folded.has(f));
  const members = new Map<string, Finding[]>();
  for (const f of left) {
    if (f.group === undefined) continue;
    const group = members.get(f.group);
    if (group) group.push(f);
    else members.set(f.group, [f]);
  }
  const rest: DriftOutline['rest'] = [];
  const placed = new Set<string>();
  for (const f of left) {
    const group = f.group === undefined ? undefined : members.get(f.group);
    if (f.group === undefined || !group || group.length < 2) {
      rest.push({ kind: 'single', finding: f });
    } else if (!placed.has(f.group)) {
      placed.add(f.group);
      rest.push({ kind: 'group', group: f.group, findings: group });
    }
  }
  return { roots: [...roots.values()].sort((a, b) => order(a) - order(b)), rest };
}

/** Every finding a line stands for: its root (if a finding) and symptoms, or its members. */
export function findingsOf(item: OutlineItem): Finding[] {
  switch (item.kind) {
    case 'root':
      return [item.root, ...item.symptoms];
    case 'rename':
      return item.symptoms;
    case 'group':
      return item.findings;
    case 'single':
      return [item.finding];
  }
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * A line's severity: the worst of the findings it stands for, so that a line counts as an
 * error whenever `--fail-on error` would fail on one of them.
 */
export function severityOf(item: OutlineItem): Severity {
  return findingsOf(item).reduce<Severity>(
    (worst, f) => (RANK[f.severity] < RANK[worst] ? f.severity : worst),
    'info',
  );
}

/**
 * How a group's members are told apart: their services, and the container for a runtime
 * finding of one of several replicas (`web container-2`).
 */
export function memberLabel(f: Pick<Finding, 'service' | 'path'>): string {
  const replica = /^(container-\d+)\./.exec(f.path)?.[1];
  return replica === undefined ? f.service : `${f.service} ${replica}`;
}

/** What a root is, in words: "ports.8080/tcp of catalog", or the rename by parity.yaml's map. */
export function rootName(
  item: Extract<OutlineItem, { kind: 'root' | 'rename' }>,
  matches: readonly ServiceMatch[],
): string {
  if (item.kind === 'root') return `${item.root.path} of ${item.root.service}`;
  const prod = matches.find((m) => m.by === 'map' && m.dev === item.service)?.prod ?? '?';
  return `the rename of ${item.service} to ${prod} (parity.yaml map)`;
}

/** "4 more follow from it", or from what `from` names. */
export function followText(count: number, from = 'it'): string {
  return `${count} more ${count === 1 ? 'follows' : 'follow'} from ${from}`;
}

/** "×3 (front, orders, cart)": how many places a group is, and which. */
export function groupCount(findings: readonly Finding[]): string {
  const places = [...new Set(findings.map(memberLabel))];
  return `×${findings.length} (${places.join(', ')})`;
}

/** A group's field path, without the replica a runtime finding names (`container-2.`). */
export function groupPath(findings: readonly Finding[]): string {
  return (findings[0]?.path ?? '').replace(/^container-\d+\./, '');
}

/**
 * One side of a group's findings: the value when they share it, else each value with where it
 * is (`0.1 (100m) on front, orders; 0.25 (250m) on cart`); null when no member sets it.
 */
export function groupValues(findings: readonly Finding[], side: 'dev' | 'prod'): string | null {
  const places = new Map<string, string[]>();
  for (const f of findings) {
    const value = f[side].value;
    if (value === null) continue;
    const at = places.get(value);
    if (at) at.push(memberLabel(f));
    else places.set(value, [memberLabel(f)]);
  }
  if (places.size === 0) return null;
  if (places.size === 1) return [...places.keys()][0] ?? null;
  return [...places].map(([value, at]) => `${value} on ${at.join(', ')}`).join('; ');
}
