import type { Category, Severity } from '../../shared/drift';
import type { SourcePosition } from '../../shared/diagnostics';
import type { RawFinding } from './compare-service';

/** One runtime check: what the files declare against what runs, a finding when they differ. */
export type Check = (
  path: string,
  category: Category,
  severity: Severity,
  rule: string,
  declared: string | null,
  running: string | null,
  secret?: boolean,
  /** Where the files declare it, when not the service itself. */
  at?: SourcePosition | null,
) => void;

/**
 * The Check of one container of `service`: a difference goes into `raw` (its path after
 * `prefix`, a secret's values shown as "differs"), a match calls `matched`.
 */
export function checker(
  service: string,
  prefix: string,
  declaredAt: SourcePosition,
  raw: RawFinding[],
  matched: () => void,
): Check {
  return (path, category, severity, rule, declared, running, secret = false, at) => {
    if (declared === running) {
      matched();
      return;
    }
    const shown = (text: string | null): string | null =>
      text === null ? null : secret ? 'differs' : text;
    raw.push({
      service,
      path: `${prefix}${path}`,
      kind: declared === null ? 'only-prod' : running === null ? 'only-dev' : 'changed',
      category,
      severity,
      rule,
      secret,
      dev: { value: shown(declared), source: at ?? declaredAt },
      prod: { value: shown(running), source: null },
    });
  };
}
