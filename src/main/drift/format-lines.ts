import type {
  DriftAgainst,
  DriftComparison,
  DriftReport,
  Finding,
  Severity,
  Side,
} from '../../shared/drift';
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

/** Where a group's side is written: the first member's place (the others are in the JSON). */
export function groupSource(findings: readonly Finding[], side: 'dev' | 'prod'): Side['source'] {
  return findings.find((f) => f[side].source !== null)?.[side].source ?? null;
}
