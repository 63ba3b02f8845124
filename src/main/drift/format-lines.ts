import type {
  DriftAgainst,
  DriftComparison,
  DriftReport,
  Finding,
  Severity,
  Side,
} from '../../shared/drift';
import { memberLabel, type OutlineItem } from '../../shared/drift-outline';
import { formatSummaryLine, summarizeDrift, type DriftSummary } from '../../shared/drift-summary';

/** How each severity is marked at the start of a line or cell. */
export const MARK: Record<Severity, string> = { error: '✘', warning: '!', info: '·' };

/** What each comparison is, as a heading names it. */
export const TITLE: Record<DriftAgainst, string> = {
  production: 'the dev stack against production',
  file: 'the dev stack against a production file',
  runtime: 'the running containers against the files',
  lock: "this machine's images against parity.lock",
};

/** The comparison a report records, production when it records none. */
export function comparisonOf(report: DriftReport): DriftComparison {
  return (
    report.comparison ?? { against: 'production', sides: { dev: 'dev', prod: 'prod' }, from: [] }
  );
}

/** The counts of a report, the fields it found the same included. */
export function summaryOf(report: DriftReport): DriftSummary {
  return summarizeDrift(report.findings, report.equivalent);
}

/** The summary line a report ends with. */
export function summaryLineOf(report: DriftReport): string {
  return formatSummaryLine(summaryOf(report), comparisonOf(report).against);
}

/** A root's line, in words: "ports.8080/tcp of catalog", or what a rename is. */
export function rootName(
  item: Extract<OutlineItem, { kind: 'root' | 'rename' }>,
  report: Pick<DriftReport, 'matches'>,
): string {
  if (item.kind === 'root') return `${item.root.path} of ${item.root.service}`;
  const prod = report.matches.find((m) => m.by === 'map' && m.dev === item.service)?.prod ?? '?';
  return `the rename of ${item.service} to ${prod} (parity.yaml map)`;
}

/** "4 more follow from it". */
export function followText(count: number): string {
  return `${count} more ${count === 1 ? 'follows' : 'follow'} from it`;
}

/** "×3 (front, orders, cart)": how many places a group is, and which. */
export function groupCount(findings: readonly Finding[]): string {
  const places = [...new Set(findings.map(memberLabel))];
  return `×${findings.length} (${places.join(', ')})`;
}

/**
 * One side of a group's findings: their values, each once with how often when they differ
 * (`0.1 (100m) ×2, 0.25 (250m)`), and null when no member sets it.
 */
export function groupValues(findings: readonly Finding[], side: 'dev' | 'prod'): string | null {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const value = f[side].value;
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  if (counts.size === 1) return [...counts.keys()][0] ?? null;
  return [...counts].map(([value, n]) => (n > 1 ? `${value} ×${n}` : value)).join(', ');
}

/** Where a group's side is written: the first member's place (the others are in the JSON). */
export function groupSource(findings: readonly Finding[], side: 'dev' | 'prod'): Side['source'] {
  return findings.find((f) => f[side].source !== null)?.[side].source ?? null;
}
