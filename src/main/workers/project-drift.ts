import type { DriftResult } from '../../shared/api/contract';
import { summarizeDrift } from '../../shared/drift-summary';
import type { Problem } from '../../shared/projects';
import { redactReport } from '../../shared/redact-report';
import type { LoadResult } from '../config/load-project';
import { diffModels } from '../drift/diff';
import { loadProduction } from '../drift/production';
import { productionReaders } from '../drift/readers';

/**
 * The drift report of a project read with every profile active (services behind a profile
 * are reported as expected, not missing), or why there is none. `onStep` hears each step begin
 * (the load worker tells the main process where a stopped load was).
 */
export function projectDrift(
  { project, diagnostics }: LoadResult,
  onStep: (step: 'production' | 'drift') => void = () => undefined,
): DriftResult {
  const problems: Problem[] = [...diagnostics];
  if (!project) {
    return { available: false, reason: 'The project files have errors', problems };
  }
  if (!project.parity?.production?.length) {
    return {
      available: false,
      reason:
        'No production source: add `production:` to parity.yaml (e.g. - kubernetes: deploy/k8s)',
      problems,
    };
  }
  onStep('production');
  const production = loadProduction(project, productionReaders);
  problems.push(...production.diagnostics);
  if (!production.model) {
    return { available: false, reason: 'The production source could not be read', problems };
  }
  onStep('drift');
  const report = redactReport(
    diffModels(project.model, production.model, {
      map: project.parity.map ?? {},
      ...(project.parity.drift ? { rules: project.parity.drift } : {}),
      secretKeys: production.secretKeys,
      ...(production.workloads ? { workloads: production.workloads } : {}),
    }),
    project.fromShell,
  );
  return { available: true, report, summary: summarizeDrift(report.findings), problems };
}
