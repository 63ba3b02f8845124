import { z } from 'zod';
import type { DriftAgainst, Finding } from './drift';
import { outlineFindings, severityOf } from './drift-outline';

/** The counts the summary line and the sidebar show. */
export const DriftSummarySchema = z.object({
  /**
   * Open drift as a user works through it (drift-outline.ts): each root cause once with what
   * follows from it, identical findings of several services or replicas once, every other
   * open finding once. The number the sidebar, the Drift tab, the tray and the CLI show.
   */
  toFix: z.number().int().nonnegative(),
  /** Of `toFix`, those with an error among their findings (what `--fail-on error` fails on). */
  toFixErrors: z.number().int().nonnegative(),
  /** Open findings that follow from an open root cause: in `toFix` through their root. */
  following: z.number().int().nonnegative(),
  /** Every open finding of each severity, symptoms and repeats included. */
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
  // Only open findings: a symptom of an accepted root is drift of its own.
  const { roots, rest } = outlineFindings(drift);
  const lines = [...roots, ...rest];
  const topology = (kind: Finding['kind']): number =>
    drift.filter((f) => f.path === 'service' && f.kind === kind).length;
  return {
    toFix: lines.length,
    toFixErrors: lines.filter((line) => severityOf(line) === 'error').length,
    following: roots.reduce((n, root) => n + root.symptoms.length, 0),
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
 * The drifts to fix of a report (`toFix`: roots once, their symptoms folded, repeats once): the
 * one number the sidebar, the tray, the Drift tab and the CLI's summary line each show.
 */
export function openDriftCount(summary: DriftSummary): number {
  return summary.toFix;
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
 * The one-line summary the CLI ends with and the Drift tab shows: "3 services dev-only,
 * 1 prod-only, 12 drifts to fix (3 errors), 40 more follow from them, 31 equivalent".
 * Dev-only and prod-only count whole services; drifts to fix the lines a user works through
 * (openDriftCount); "more follow" the symptoms folded under them; equivalent the fields found
 * the same; covered (accepted, ignored, expected) findings follow when there are any.
 */
export function formatSummaryLine(
  summary: DriftSummary,
  against: DriftAgainst = 'production',
): string {
  const open = openDriftCount(summary);
  const parts = [
    ONE_SIDED[against](summary.devOnly, summary.prodOnly),
    `${plural(open, 'drift')} to fix (${plural(summary.toFixErrors, 'error')})`,
  ];
  const { following } = summary;
  if (following > 0) {
    const follow = following === 1 ? 'follows' : 'follow';
    parts.push(`${following} more ${follow} from ${open === 1 ? 'it' : 'them'}`);
  }
  if (summary.equivalent !== undefined) parts.push(`${summary.equivalent} equivalent`);
  if (summary.covered > 0) parts.push(`${summary.covered} covered`);
  return parts.join(', ');
}
