import { z } from 'zod';
import type { DriftAgainst, Finding } from './drift';

/** The counts the summary line and the sidebar show. */
export const DriftSummarySchema = z.object({
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
  /** Accepted, ignored or expected: in the report, not drift. */
  covered: z.number().int().nonnegative(),
  devOnly: z.number().int().nonnegative(),
  prodOnly: z.number().int().nonnegative(),
  /** Fields (or runtime checks) found the same on both sides; absent when not counted. */
  equivalent: z.number().int().nonnegative().optional(),
});
export type DriftSummary = z.infer<typeof DriftSummarySchema>;

/** Counts the findings of a report (and, when given, the fields found the same). */
export function summarizeDrift(findings: readonly Finding[], equivalent?: number): DriftSummary {
  const drift = findings.filter((f) => f.status === 'drift');
  const topology = (kind: Finding['kind']): number =>
    drift.filter((f) => f.path === 'service' && f.kind === kind).length;
  return {
    errors: drift.filter((f) => f.severity === 'error').length,
    warnings: drift.filter((f) => f.severity === 'warning').length,
    info: drift.filter((f) => f.severity === 'info').length,
    covered: findings.length - drift.length,
    devOnly: topology('only-dev'),
    prodOnly: topology('only-prod'),
    ...(equivalent === undefined ? {} : { equivalent }),
  };
}

/**
 * The open drifts of a report (errors, warnings and info; covered ones left out): the one
 * number the sidebar, the Drift tab and the CLI's summary line each show as "N drifts".
 */
export function openDriftCount(summary: DriftSummary): number {
  return summary.errors + summary.warnings + summary.info;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

// How whole services missing on one side are named, comparison by comparison.
const ONE_SIDED: Record<DriftAgainst, (devOnly: number, prodOnly: number) => string> = {
  production: (d, p) => `${plural(d, 'service')} dev-only, ${p} prod-only`,
  file: (d, p) => `${plural(d, 'service')} dev-only, ${p} prod-only`,
  runtime: (d, p) => `${plural(d, 'service')} without a container, ${plural(p, 'orphan')}`,
  lock: (d, p) => `${plural(d, 'service')} not in the lock, ${p} only in the lock`,
};

/**
 * The one-line summary the CLI ends with: "3 services dev-only, 1 prod-only, 42 drifts
 * (5 errors), 31 equivalent". Dev-only and prod-only count whole services; drifts every open
 * finding (those services included); equivalent the fields found the same; covered (accepted,
 * ignored, expected) findings follow when there are any.
 */
export function formatSummaryLine(
  summary: DriftSummary,
  against: DriftAgainst = 'production',
): string {
  const open = openDriftCount(summary);
  const parts = [
    ONE_SIDED[against](summary.devOnly, summary.prodOnly),
    `${plural(open, 'drift')} (${plural(summary.errors, 'error')})`,
  ];
  if (summary.equivalent !== undefined) parts.push(`${summary.equivalent} equivalent`);
  if (summary.covered > 0) parts.push(`${summary.covered} covered`);
  return parts.join(', ');
}
