import type { ServiceMatch } from '../../shared/drift';
import type { EnvironmentModel, ServiceModel } from '../../shared/model';
import type { ProdWorkload } from './match-services';
import { anyOfNames, hostNames } from './service-features';

// The ways match-services.ts pairs what names and the map left, before scoring evidence: each
// only when unambiguous. Each asks indexes built once rather than every leftover pair.

/** A way to pair by evidence: the evidence for one dev and one prod service, or null. */
export interface EvidenceRule {
  by: 'container-name' | 'image' | 'env-host';
  evidence: (dev: string, prod: string) => string | null;
  /**
   * The production services that may have evidence for a dev service (a superset, from an
   * index); absent: every one is asked. Leftovers grow with the project, and asking each pair
   * is their product.
   */
  candidates?: (dev: string) => readonly string[];
}

/** The pairs whose dev service has exactly one candidate, and that candidate exactly one. */
export function unambiguousPairs(
  devLeft: readonly string[],
  prodLeft: readonly string[],
  rule: EvidenceRule,
): { dev: string; prod: string; evidence: string }[] {
  const candidates = new Map<string, { prod: string; evidence: string }[]>();
  const devCount = new Map<string, number>();
  const left = new Set(prodLeft);
  for (const dev of devLeft) {
    const asked = rule.candidates
      ? rule.candidates(dev).filter((prod) => left.has(prod))
      : prodLeft;
    const found = asked.flatMap((prod) => {
      const evidence = rule.evidence(dev, prod);
      return evidence === null ? [] : [{ prod, evidence }];
    });
    candidates.set(dev, found);
    for (const { prod } of found) devCount.set(prod, (devCount.get(prod) ?? 0) + 1);
  }
  return devLeft.flatMap((dev) => {
    const found = candidates.get(dev) ?? [];
    const only = found[0];
    return found.length === 1 && only && devCount.get(only.prod) === 1 ? [{ dev, ...only }] : [];
  });
}

/** (a) The production workload has a container named like the dev service. */
export function containerNameRule(workloads: Record<string, ProdWorkload>): EvidenceRule {
  const ROLE = { main: 'container', sidecar: 'sidecar container', init: 'init container' };
  // The workloads by the names of their containers, each workload once per name.
  let byContainer: Map<string, string[]> | undefined;
  const index = (): Map<string, string[]> => {
    const built = new Map<string, string[]>();
    for (const [prod, workload] of Object.entries(workloads)) {
      for (const name of new Set(workload.containers.map((c) => c.name))) {
        built.set(name, [...(built.get(name) ?? []), prod]);
      }
    }
    return built;
  };
  return {
    by: 'container-name',
    candidates: (dev) => (byContainer ??= index()).get(dev) ?? [],
    evidence: (dev, prod) => {
      const workload = workloads[prod];
      const container = workload?.containers.find((c) => c.name === dev);
      if (!workload || !container) return null;
      const where = prod.includes('/') ? prod : `${workload.kind}/${prod}`;
      return `production ${ROLE[container.role]} named ${dev} in ${where}`;
    },
  };
}

/** (b) The same image repository, registry and tag aside; a dev image that is built has none. */
export function imageRule(dev: EnvironmentModel, prod: EnvironmentModel): EvidenceRule {
  // The production services by image repository.
  let byRepository: Map<string, string[]> | undefined;
  const index = (): Map<string, string[]> => {
    const built = new Map<string, string[]>();
    for (const [name, service] of Object.entries(prod.services)) {
      const repo = repositoryOf(service);
      if (repo !== null) built.set(repo, [...(built.get(repo) ?? []), name]);
    }
    return built;
  };
  return {
    by: 'image',
    candidates: (devName) => {
      const repo = repositoryOf(dev.services[devName]);
      return repo === null ? [] : ((byRepository ??= index()).get(repo) ?? []);
    },
    evidence: (devName, prodName) => {
      const devRepo = repositoryOf(dev.services[devName]);
      const prodService = prod.services[prodName];
      if (devRepo === null || devRepo !== repositoryOf(prodService)) return null;
      const prodImage = prodService?.image?.value.raw ?? devRepo;
      const devImage = dev.services[devName]?.image?.value.raw ?? devRepo;
      return `same image repository ${devRepo} (dev ${devImage}, production ${prodImage})`;
    },
  };
}

function repositoryOf(service: ServiceModel | undefined): string | null {
  if (!service?.image || service.build) return null;
  return service.image.value.repository || null;
}

/**
 * (c) A service paired already has an env key (DB_HOST, DATABASE_URL) whose dev value names the
 * dev service as its host and whose production value names the production one.
 */
export function envHostRule(
  dev: EnvironmentModel,
  prod: EnvironmentModel,
  paired: readonly ServiceMatch[],
  devLeft: readonly string[],
): EvidenceRule {
  // Asked about every leftover dev and production service pair: the hosts each paired
  // service's dev values name are indexed once, on the first question, for the values that
  // could name a leftover; a production value's hosts are worked out only for the entries a
  // dev service is named in.
  const namesLeft = anyOfNames(devLeft);
  let index: Map<string, { pair: string; key: string; prod: string; hosts?: Set<string> }[]>;
  const build = (): typeof index => {
    const built = new Map<string, { pair: string; key: string; prod: string }[]>();
    for (const pair of paired) {
      const devService = pair.dev === null ? undefined : dev.services[pair.dev];
      const prodService = pair.prod === null ? undefined : prod.services[pair.prod];
      if (!devService || !prodService) continue;
      for (const [key, devValue] of Object.entries(devService.environment)) {
        const prodValue = prodService.environment[key];
        if (!prodValue || !namesLeft.test(devValue.value)) continue;
        for (const host of hostNames(devValue.value)) {
          const entries = built.get(host) ?? [];
          entries.push({ pair: pair.dev ?? '', key, prod: prodValue.value });
          built.set(host, entries);
        }
      }
    }
    return built;
  };
  return {
    by: 'env-host',
    evidence: (devName, prodName) => {
      if (devName.includes('/') || prodName.includes('/')) return null;
      index ??= build();
      const p = prodName.toLowerCase();
      for (const entry of index.get(devName.toLowerCase()) ?? []) {
        entry.hosts ??= hostNames(entry.prod);
        if (entry.hosts.has(p)) {
          return `${entry.key} of ${entry.pair} names ${devName} as its host in dev, ${prodName} in production`;
        }
      }
      return null;
    },
  };
}

/**
 * Dev services still unpaired that production runs inside another service's pod: a sidecar or
 * init container of that name (a Compose file has no pods, so a helper the pod runs beside its
 * main container is a service of its own there). Only a name found in exactly one pod pairs.
 */
export function sidecarPairs(
  devLeft: readonly string[],
  prod: EnvironmentModel,
): { dev: string; prod: string; evidence: string }[] {
  if (devLeft.length === 0) return [];
  // The pods by the names of their sidecar and init containers, read once for every dev name.
  const byName = new Map<string, ServiceModel[]>();
  for (const service of Object.values(prod.services)) {
    for (const [name, sidecar] of Object.entries(service.sidecars)) {
      if (sidecar !== undefined) byName.set(name, [...(byName.get(name) ?? []), service]);
    }
  }
  return devLeft.flatMap((dev) => {
    const pods = byName.get(dev) ?? [];
    const [pod] = pods;
    if (pods.length !== 1 || !pod) return [];
    const role = pod.sidecars[dev]?.value.role === 'init' ? 'init container' : 'sidecar container';
    return [
      { dev, prod: pod.name, evidence: `production ${role} named ${dev} in ${pod.name}'s pod` },
    ];
  });
}
