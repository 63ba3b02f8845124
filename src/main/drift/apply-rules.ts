import type { Finding } from '../../shared/drift';
import type { DriftRules } from '../../shared/parity-config';
import type { RawFinding } from './compare-service';

/**
 * Marks findings covered by parity.yaml: `ignore` patterns and `accept` entries (with their
 * reason); then the ones inherent to the platforms as expected, with theirs.
 */
export function applyRules(
  findings: readonly RawFinding[],
  rules: DriftRules | undefined,
): Finding[] {
  const ignore = (rules?.ignore ?? []).map(globToRegExp);
  return findings.map(({ expected, ...finding }) => {
    const path = `${finding.service}.${finding.path}`;
    const accepted = rules?.accept?.find(
      (rule) => path === rule.path || path.startsWith(`${rule.path}.`),
    );
    if (accepted) return { ...finding, status: 'accepted', reason: accepted.reason };
    if (ignore.some((pattern) => pattern.test(path))) return { ...finding, status: 'ignored' };
    if (expected !== undefined) return { ...finding, status: 'expected', reason: expected };
    return { ...finding, status: 'drift' };
  });
}

// `*` matches within one path segment, `**` across segments.
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^.]*'))
    .join('.*');
  return new RegExp(`^${pattern}$`);
}
