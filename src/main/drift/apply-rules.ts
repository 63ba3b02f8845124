import type { Finding } from '../../shared/drift';
import type { AcceptedDrift, DriftRules } from '../../shared/parity-config';
import type { RawFinding } from './compare-service';
import { RuleGlob } from './rule-glob';

/** What judging findings needs besides the rules. */
export interface RuleOptions {
  /** The day expiries are judged on, as YYYY-MM-DD; default: today, in local time. */
  today?: string;
}

/**
 * The path parity.yaml rules name a finding by: `service.field` (`web.image`,
 * `api.env.DATABASE_URL`). `drift.accept` entries written by Parity use exactly this.
 */
export function rulePath(finding: Pick<Finding, 'service' | 'path'>): string {
  return `${finding.service}.${finding.path}`;
}

/** A day as YYYY-MM-DD, in local time: the calendar day the user lives in. */
export function localDate(date: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whether an accept entry's expiry is behind `today`; it covers its last day in full. */
export function isExpired(rule: Pick<AcceptedDrift, 'expires'>, today: string): boolean {
  return rule.expires !== undefined && rule.expires < today;
}

/**
 * Marks findings covered by parity.yaml: `ignore` patterns and `accept` entries (with their
 * reason); then the ones inherent to the platforms as expected, with theirs. An accept entry
 * past its expiry covers nothing: the finding is judged as if it were absent, and when it
 * comes out as drift its reason says which acceptance expired.
 */
export function applyRules(
  findings: readonly RawFinding[],
  rules: DriftRules | undefined,
  options: RuleOptions = {},
): Finding[] {
  const today = options.today ?? localDate();
  const ignore = (rules?.ignore ?? []).map((glob) => new RuleGlob(glob, false));
  // An accept entry also covers everything below its path (`web` accepts `web.image.tag`).
  const accept = (rules?.accept ?? []).map((rule) => ({
    rule,
    pattern: new RuleGlob(rule.path, true),
  }));
  // The rest of each raw finding is already a copy: its status is added to it, not to a second.
  return findings.map(({ expected, ...finding }): Finding => {
    const path = rulePath(finding);
    const covering = accept.filter(({ pattern }) => pattern.matches(path)).map(({ rule }) => rule);
    const accepted = covering.find((rule) => !isExpired(rule, today));
    if (accepted) {
      const until = accepted.expires ? ` (accepted until ${accepted.expires})` : '';
      return Object.assign(finding, {
        status: 'accepted' as const,
        reason: `${accepted.reason}${until}`,
      });
    }
    if (ignore.some((pattern) => pattern.matches(path))) {
      return Object.assign(finding, { status: 'ignored' as const });
    }
    if (expected !== undefined) {
      return Object.assign(finding, { status: 'expected' as const, reason: expected });
    }
    const [expired] = covering;
    return expired
      ? Object.assign(finding, {
          status: 'drift' as const,
          reason: `accepted until ${expired.expires ?? '?'}, expired ("${expired.reason}")`,
        })
      : Object.assign(finding, { status: 'drift' as const });
  });
}
