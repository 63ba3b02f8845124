import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { outlineFindings } from '../../../src/shared/drift-outline';
import {
  formatSummaryLine,
  openDriftCount,
  summarizeDrift,
} from '../../../src/shared/drift-summary';
import { CATALOG_FILES } from '../drift/catalog-fixture';
import { driftOf } from '../drift/drift-fixture';

// The number every view shows counts what a user has to fix: a root cause once with what
// follows from it, the same difference on several services once, every other drift once.

const catalog = (): Finding[] => driftOf(CATALOG_FILES).report.findings;
const name = (f: Finding): string => `${f.service}.${f.path}`;

describe('the drifts to fix', () => {
  it('counts the port change once with its four symptoms, the CPU requests once', () => {
    const findings = catalog();
    expect(findings.filter((f) => f.status === 'drift')).toHaveLength(9);
    const summary = summarizeDrift(findings);
    expect(summary).toMatchObject({ toFix: 3, toFixErrors: 0, following: 4, warnings: 6, info: 3 });
    expect(openDriftCount(summary)).toBe(3);
    expect(formatSummaryLine(summary)).toBe(
      '0 services dev-only, 0 prod-only, 3 drifts to fix (0 errors), 4 more follow from them',
    );

    const { roots, rest } = outlineFindings(findings);
    expect(roots).toHaveLength(1);
    const [root] = roots;
    expect(root?.kind === 'root' && name(root.root)).toBe('catalog.ports.8080/tcp');
    expect(root?.symptoms.map(name)).toEqual([
      'catalog.ports.8081/tcp',
      'front.env.CATALOG_URL',
      'orders.env.CATALOG_URL',
      'cart.env.CATALOG',
    ]);
    expect(
      rest.map((line) =>
        line.kind === 'group' ? `${line.group} ×${line.findings.length}` : name(line.finding),
      ),
    ).toEqual(['resources.requests.cpus only-prod ×3', 'cart.env.LOG_LEVEL']);
  });

  it('counts a line as an error when any of its findings is one, as --fail-on does', () => {
    const findings = catalog().map((f) =>
      f.path === 'env.CATALOG_URL' && f.service === 'orders'
        ? { ...f, severity: 'error' as const }
        : f,
    );
    const summary = summarizeDrift(findings);
    expect(summary).toMatchObject({ toFix: 3, toFixErrors: 1, errors: 1 });
    expect(formatSummaryLine(summary)).toContain('3 drifts to fix (1 error)');
  });

  it('counts the symptoms of an accepted root as drifts of their own', () => {
    const findings = catalog().map((f) =>
      f.path === 'ports.8080/tcp' ? { ...f, status: 'accepted' as const, reason: 'moved' } : f,
    );
    const summary = summarizeDrift(findings);
    // 8081 and the three URLs on their own (two of them one group), CPU requests, LOG_LEVEL.
    expect(summary).toMatchObject({ toFix: 5, following: 0, covered: 1 });
    expect(formatSummaryLine(summary)).toBe(
      '0 services dev-only, 0 prod-only, 5 drifts to fix (0 errors), 1 covered',
    );
  });

  it('counts a rename by parity.yaml map once, with the values it explains under it', () => {
    const symptom = (service: string): Finding => ({
      service,
      path: 'env.WORKER_URL',
      kind: 'changed',
      category: 'env',
      severity: 'warning',
      rule: 'an environment value differs',
      status: 'drift',
      secret: false,
      dev: { value: 'http://worker', source: null },
      prod: { value: 'http://order-worker', source: null },
      id: `${service}.env.WORKER_URL`,
      causedBy: 'worker.map',
    });
    const summary = summarizeDrift([symptom('api'), symptom('web')]);
    expect(summary).toMatchObject({ toFix: 1, following: 2, warnings: 2 });
    expect(formatSummaryLine(summary)).toContain(
      '1 drift to fix (0 errors), 2 more follow from it',
    );
  });

  it('says nothing follows when nothing does, and counts no covered finding', () => {
    expect(formatSummaryLine(summarizeDrift([]), 'runtime')).toBe(
      '0 services without a container, 0 orphans, 0 drifts to fix (0 errors)',
    );
  });
});
