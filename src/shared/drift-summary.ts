import { z } from 'zod';
import type { Finding } from './drift';

/** The counts the summary line and the sidebar show. */
export const DriftSummarySchema = z.object({
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
  /** Accepted, ignored or expected: in the report, not drift. */
  covered: z.number().int().nonnegative(),
  devOnly: z.number().int().nonnegative(),
  prodOnly: z.number().int().nonnegative(),
});
export type DriftSummary = z.infer<typeof DriftSummarySchema>;

/** Counts the findings of a report. */
export function summarizeDrift(findings: readonly Finding[]): DriftSummary {
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
  };
}
