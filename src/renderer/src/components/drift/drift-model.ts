import {
  CategorySchema,
  SeveritySchema,
  type Category,
  type Finding,
  type ServiceMatch,
  type Severity,
  type Side,
} from '../../../../shared/drift';

/** The statuses a finding can have, in the order the filters list them. */
export const STATUSES = ['drift', 'accepted', 'ignored', 'expected'] as const;
export type Status = Finding['status'];

/** Severities and categories in the order the contract lists them. */
export const SEVERITIES: readonly Severity[] = SeveritySchema.options;
export const CATEGORIES: readonly Category[] = CategorySchema.options;

/** Which findings the report shows. */
export interface DriftFilters {
  severities: ReadonlySet<Severity>;
  statuses: ReadonlySet<Status>;
  /** One category, or every one. */
  category: Category | 'all';
}

/** Every finding: the filters as the view starts. */
export const ALL_FINDINGS: DriftFilters = {
  severities: new Set(SEVERITIES),
  statuses: new Set(STATUSES),
  category: 'all',
};

/** How findings are grouped: `root` puts each symptom under the root cause that explains it. */
export type Grouping = 'service' | 'category' | 'root';

/** One group of findings under a heading. */
export interface FindingGroup {
  key: string;
  findings: Finding[];
}

/** The findings that pass the filters, in report order. */
export function filterFindings(findings: readonly Finding[], filters: DriftFilters): Finding[] {
  return findings.filter(
    (f) =>
      filters.severities.has(f.severity) &&
      filters.statuses.has(f.status) &&
      (filters.category === 'all' || filters.category === f.category),
  );
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Groups findings by service (in the order services first appear in the report; also for
 * `root`, which groupByRootCause does) or by category (in the contract's order); within a group, errors first, then warnings, then info,
 * otherwise in report order.
 */
export function groupFindings(findings: readonly Finding[], by: Grouping): FindingGroup[] {
  const groups = new Map<string, Finding[]>();
  if (by === 'category') for (const category of CATEGORIES) groups.set(category, []);
  for (const finding of findings) {
    const key = by === 'category' ? finding.category : finding.service;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.entries()]
    .filter(([, members]) => members.length > 0)
    .map(([key, members]) => ({
      key,
      findings: members
        .map((finding, order) => ({ finding, order }))
        .sort(
          (a, b) =>
            SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
            a.order - b.order,
        )
        .map(({ finding }) => finding),
    }));
}

/**
 * What one side of a finding shows. A secret's value never reaches the page (the API sends
 * "same" or "differs"), and whatever else might come for a secret is shown as "differs" too.
 */
export function sideValue(finding: Pick<Finding, 'secret'>, side: Side): string | null {
  if (side.value === null) return null;
  if (finding.secret) return side.value === 'same' ? 'same' : 'differs';
  return side.value;
}

/** `file:line:column` of a side, or null when it is written nowhere. */
export function sidePosition(side: Side): string | null {
  const { source } = side;
  return source ? `${source.file}:${source.line}:${source.column}` : null;
}

/** How a finding's kind reads. */
export function kindText(kind: Finding['kind']): string {
  switch (kind) {
    case 'only-dev':
      return 'only in dev';
    case 'only-prod':
      return 'only in production';
    case 'changed':
      return 'changed';
  }
}

/** A finding's name where the service is not the group heading: `api.env.LOG_LEVEL`. */
export function findingName(finding: Pick<Finding, 'service' | 'path'>): string {
  return finding.path === 'service' ? finding.service : `${finding.service}.${finding.path}`;
}

/** A root cause with the differences it explains, under one heading. */
export interface RootCauseGroup {
  /** The root's id: a finding's `service.path`, or `<service>.map` for a rename. */
  key: string;
  /** The root finding; null for a rename by parity.yaml's `map:`, which is no finding. */
  root: Finding | null;
  /** The heading: the root finding's name, or what the rename is. */
  title: string;
  /** The findings it explains (`causedBy` its key), in report order. */
  symptoms: Finding[];
}

/**
 * The findings by root cause: each root (a finding, or a rename by `map:`) with the symptoms
 * it explains, roots in report order; `others` holds every finding in no group, among them a
 * symptom whose root the filters hide (it names its cause itself).
 */
export function groupByRootCause(
  findings: readonly Finding[],
  matches: readonly ServiceMatch[] = [],
): { roots: RootCauseGroup[]; others: Finding[] } {
  const byId = new Map(findings.flatMap((f) => (f.id ? [[f.id, f] as const] : [])));
  const groups = new Map<string, RootCauseGroup>();
  for (const f of findings) {
    if (f.causedBy === undefined) continue;
    const root = byId.get(f.causedBy) ?? null;
    const rename = root
      ? undefined
      : matches.find((m) => m.by === 'map' && m.dev !== null && `${m.dev}.map` === f.causedBy);
    if (!root && !rename) continue;
    const group = groups.get(f.causedBy) ?? {
      key: f.causedBy,
      root,
      title: root
        ? findingName(root)
        : `${rename?.dev ?? '?'} is ${rename?.prod ?? '?'} in production (parity.yaml map)`,
      symptoms: [],
    };
    group.symptoms.push(f);
    groups.set(f.causedBy, group);
  }
  const grouped = new Set<Finding>();
  for (const { root, symptoms } of groups.values()) {
    if (root) grouped.add(root);
    for (const s of symptoms) grouped.add(s);
  }
  const order = (g: RootCauseGroup): number => findings.indexOf(g.root ?? g.symptoms[0]!);
  return {
    roots: [...groups.values()].sort((a, b) => order(a) - order(b)),
    others: findings.filter((f) => !grouped.has(f)),
  };
}
