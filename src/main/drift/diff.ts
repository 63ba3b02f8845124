import type { DriftComparison, DriftReport } from '../../shared/drift';
import type { EnvironmentModel } from '../../shared/model';
import type { DriftRules } from '../../shared/parity-config';
import { isSecretName } from '../../shared/secrets';
import { applyRules } from './apply-rules';
import { compareService, type RawFinding } from './compare-service';
import { compareWithSidecar } from './compare-with-sidecar';
import { endpointMatcher, prodResolver, resolveDiscovery, type Resolve } from './discovery';
import { groupIdentical } from './group-findings';
import { matchServices, type ProdWorkload } from './match-services';
import { linkRootCauses } from './root-causes';

/** What a diff needs besides the two models. */
export interface DiffOptions {
  map?: Record<string, string>;
  rules?: DriftRules;
  /** Env keys per production service that hold secrets. */
  secretKeys?: Record<string, readonly string[]>;
  /** Production workloads' containers by service, for matching by container name. */
  workloads?: Record<string, ProdWorkload>;
  /** The day accept expiries are judged on (YYYY-MM-DD); default: today. */
  today?: string;
  /** Which comparison this is, recorded in the report; absent: none recorded. */
  comparison?: DriftComparison;
}

/** Every difference between a dev and a production model, matched service by service. */
export function diffModels(
  dev: EnvironmentModel,
  prod: EnvironmentModel,
  options: DiffOptions = {},
): DriftReport {
  const matches = matchServices(dev, prod, options.map ?? {}, options.workloads);
  const raw: RawFinding[] = [];
  let equivalent = 0;
  const onEquivalent = (): void => {
    equivalent += 1;
  };
  let resolveHost: Resolve | undefined;
  // The same few env names recur in every service: each is judged once.
  const secretNames = new Map<string, boolean>();
  const secretName = (key: string): boolean => {
    let secret = secretNames.get(key);
    if (secret === undefined) secretNames.set(key, (secret = isSecretName(key)));
    return secret;
  };
  // Sidecars paired with dev services of their own, by the pod that runs them.
  const claimed = new Map<string, Set<string>>();
  for (const m of matches) {
    if (m.by !== 'sidecar' || !m.dev || !m.prod) continue;
    claimed.set(m.prod, (claimed.get(m.prod) ?? new Set()).add(m.dev));
  }
  for (const match of matches) {
    const devService = match.dev ? dev.services[match.dev] : undefined;
    const prodService = match.prod ? prod.services[match.prod] : undefined;
    const name = match.dev ?? match.prod ?? '?';
    const claimedSidecars = prodService && claimed.get(prodService.name);
    const context = {
      onEquivalent,
      // Built on first use: only an init container's wait asks it.
      resolveHost: (host: string, port: number | null) =>
        (resolveHost ??= prodResolver(prod, matches))(host, port),
      ...(claimedSidecars ? { claimedSidecars } : {}),
    };
    // A pair made by the name of a container beside the pod's main one is that container's.
    const byContainer =
      match.by === 'container-name' && devService && prodService?.sidecars[devService.name];
    if (devService && prodService && (match.by === 'sidecar' || byContainer)) {
      raw.push(...compareWithSidecar(devService, prodService, context, Boolean(byContainer)));
    } else if (devService && prodService) {
      const secretKeys = new Set(options.secretKeys?.[prodService.name] ?? []);
      for (const env of [devService.environment, prodService.environment]) {
        for (const key in env) if (secretName(key)) secretKeys.add(key);
      }
      raw.push(...compareService(name, devService, prodService, { secretKeys, ...context }));
    } else {
      raw.push({
        service: name,
        path: 'service',
        kind: devService ? 'only-dev' : 'only-prod',
        category: 'topology',
        severity: 'warning',
        rule: devService
          ? 'runs on the laptop, not in production'
          : 'runs in production, not on the laptop',
        secret: false,
        dev: { value: devService ? name : null, source: devService?.source ?? null },
        prod: { value: prodService ? name : null, source: prodService?.source ?? null },
        // A service behind a Compose profile runs on the laptop only on request: inherent, not drift.
        ...(devService && devService.profiles.length > 0
          ? { expected: `behind the Compose profile ${devService.profiles.join(', ')}` }
          : {}),
      });
    }
  }
  // Values naming the same service and port in each platform's own way are not drift.
  const resolved = resolveDiscovery(raw, endpointMatcher(dev, prod, matches), onEquivalent);
  return {
    ...(options.comparison ? { comparison: options.comparison } : {}),
    matches,
    findings: groupIdentical(
      linkRootCauses(
        applyRules(resolved, options.rules, options.today ? { today: options.today } : {}),
        matches,
        prod,
      ),
    ),
    equivalent,
  };
}
