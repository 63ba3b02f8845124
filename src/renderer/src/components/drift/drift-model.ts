import {
  CategorySchema,
  SeveritySchema,
  type Category,
  type Finding,
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

/**
 * How findings are grouped: `root` leads with the root causes, each symptom folded under the
 * one that explains it, then the rest, identical findings folded into one row.
 */
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
 * `root`, which RootCauseGroups outlines) or by category (in the contract's order); within a group, errors first, then warnings, then info,
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
