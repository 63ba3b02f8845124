import type { ServiceMatch } from '../../shared/drift';
import type { EnvironmentModel } from '../../shared/model';
import { pairByEvidence } from './match-evidence';
import {
  containerNameRule,
  envHostRule,
  imageRule,
  sidecarPairs,
  unambiguousPairs,
  type EvidenceRule,
} from './match-rules';

/** A production workload's containers, for matching by evidence (Kubernetes sources have them). */
export interface ProdWorkload {
  /** `Deployment`, `StatefulSet`, ... */
  kind: string;
  /** Every container of the pod template: the main one, sidecars and init containers. */
  containers: { name: string; role: 'main' | 'sidecar' | 'init' }[];
}

/**
 * Pairs dev services with production ones: parity.yaml's map first (`worker:
 * Deployment/order-worker`), then equal names, then by evidence, only when it is unambiguous
 * (one candidate on each side): a production container named like the dev service, then the same
 * image repository, then an env key of a paired service that names one as host on each side;
 * then a production pod's sidecar named like the dev service; then the clear best by a score
 * over independent evidence (match-evidence.ts). Every pair says how it was made, and evidence
 * pairs on what evidence; a service left unpaired, which candidate came closest.
 */
export function matchServices(
  dev: EnvironmentModel,
  prod: EnvironmentModel,
  map: Record<string, string>,
  workloads: Record<string, ProdWorkload> = {},
): ServiceMatch[] {
  const matches: ServiceMatch[] = [];
  const prodLeft = new Set(Object.keys(prod.services));
  const devLeft: string[] = [];
  for (const name of Object.keys(dev.services)) {
    const mapped = map[name]?.split('/').at(-1);
    if (mapped && prodLeft.has(mapped)) {
      matches.push({ dev: name, prod: mapped, by: 'map' });
      prodLeft.delete(mapped);
    } else if (prodLeft.has(name)) {
      matches.push({ dev: name, prod: name, by: 'name' });
      prodLeft.delete(name);
    } else {
      devLeft.push(name);
    }
  }
  const byEvidence = (rule: EvidenceRule): void => {
    for (const pair of unambiguousPairs(devLeft, [...prodLeft], rule)) {
      matches.push({ dev: pair.dev, prod: pair.prod, by: rule.by, evidence: pair.evidence });
      devLeft.splice(devLeft.indexOf(pair.dev), 1);
      prodLeft.delete(pair.prod);
    }
  };
  byEvidence(containerNameRule(workloads));
  byEvidence(imageRule(dev, prod));
  byEvidence(envHostRule(dev, prod, matches, devLeft));
  for (const pair of sidecarPairs(devLeft, prod)) {
    matches.push({ dev: pair.dev, prod: pair.prod, by: 'sidecar', evidence: pair.evidence });
    devLeft.splice(devLeft.indexOf(pair.dev), 1);
  }
  const paired = matches.flatMap((m) => (m.dev && m.prod ? [{ dev: m.dev, prod: m.prod }] : []));
  const scored = pairByEvidence(dev, prod, devLeft, [...prodLeft], paired);
  for (const pair of scored.pairs) {
    matches.push({ ...pair, by: 'evidence' });
    prodLeft.delete(pair.prod);
  }
  // In the dev services' order, as before evidence existed; production-only ones after them.
  const byDev = new Map(matches.map((m) => [m.dev, m]));
  const ordered = Object.keys(dev.services).map((name): ServiceMatch => {
    const closest = scored.closestForDev.get(name);
    return (
      byDev.get(name) ?? { dev: name, prod: null, by: 'none', ...(closest ? { closest } : {}) }
    );
  });
  for (const name of prodLeft) {
    const closest = scored.closestForProd.get(name);
    ordered.push({ dev: null, prod: name, by: 'none', ...(closest ? { closest } : {}) });
  }
  return ordered;
}
