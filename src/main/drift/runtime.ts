import type { DriftReport, ServiceMatch } from '../../shared/drift';
import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from '../engine/compose-labels';
import { applyRules } from './apply-rules';
import type { RawFinding } from './compare-service';
import { groupIdentical } from './group-findings';
import { checker } from './runtime-check';
import { findingId } from './root-causes';
import { CHANGED_IN_FILES, checkContainer } from './runtime-definition';
import { numberOf, type RuntimeContainer, type RuntimeObservation } from './runtime-observe';
import { checkState } from './runtime-state';

// Runtime drift, put together: each service's containers through the state check
// (runtime-state.ts) and the definition check (runtime-definition.ts), then the orphans.

/** What a runtime diff needs besides the project and what runs. */
export interface RuntimeOptions {
  /** Where the running side was read, for the report (e.g. the engine's endpoint). */
  from: string[];
  /** The profiles the user activated: a service behind another one is not expected to run. */
  activeProfiles?: readonly string[];
  /** The time to judge "just restarted" by, in ms since the epoch; default: now. */
  now?: number;
}

/**
 * Runtime drift: the running containers of a project against their definition in the files.
 * Services with no container, stale containers (the files changed since they were created),
 * images moved under their tag, containers changed by hand, stopped or crash-looping ones,
 * and orphans (containers whose service is gone). The dev side is what the files declare,
 * the prod side what runs. parity.yaml's accept and ignore rules are written for production
 * and are not applied here.
 */
export function diffRuntime(
  project: LoadedProject,
  observed: RuntimeObservation,
  options: RuntimeOptions,
): DriftReport {
  const raw: RawFinding[] = [];
  let equivalent = 0;
  const active = new Set(options.activeProfiles ?? []);
  const containers = observed.containers.filter((c) => c.labels[COMPOSE_LABEL.oneoff] !== 'True');
  const serviceOf = (c: RuntimeContainer): string => c.labels[COMPOSE_LABEL.service] ?? c.name;
  const matches: ServiceMatch[] = [];
  const matched = (): void => {
    equivalent += 1;
  };
  const completedBy = new Set(
    Object.values(project.model.services).flatMap((s) =>
      Object.entries(s.dependsOn)
        .filter(([, d]) => d.value.condition === 'service_completed_successfully')
        .map(([name]) => name),
    ),
  );

  for (const service of Object.values(project.model.services)) {
    const own = containers
      .filter((c) => serviceOf(c) === service.name)
      .sort((a, b) => numberOf(a) - numberOf(b));
    matches.push({
      dev: service.name,
      prod: own.length > 0 ? service.name : null,
      by: own.length > 0 ? 'name' : 'none',
    });
    const declaredAt = service.source;
    if (own.length === 0) {
      const optional =
        service.profiles.length > 0 &&
        !active.has('*') &&
        !service.profiles.some((p) => active.has(p));
      raw.push({
        service: service.name,
        path: 'service',
        kind: 'only-dev',
        category: 'topology',
        severity: 'warning',
        rule: 'declared, but no container: `parity up` creates it',
        secret: false,
        dev: { value: service.name, source: declaredAt },
        prod: { value: null, source: null },
        ...(optional
          ? { expected: `behind the Compose profile ${service.profiles.join(', ')}` }
          : {}),
      });
      continue;
    }
    const replicas = service.replicas?.value ?? 1;
    if (own.length !== replicas) {
      raw.push({
        service: service.name,
        path: 'replicas',
        kind: 'changed',
        category: 'topology',
        severity: 'warning',
        rule: 'another number of containers than the replicas declared: `parity up` scales it',
        secret: false,
        dev: { value: String(replicas), source: service.replicas?.source ?? declaredAt },
        prod: { value: String(own.length), source: null },
      });
    } else equivalent += 1;
    for (const container of own) {
      const prefix = own.length > 1 ? `container-${numberOf(container)}.` : '';
      const check = checker(service.name, prefix, declaredAt, raw, matched);
      checkState(container, completedBy.has(service.name), options.now ?? Date.now(), check);
      const first = raw.length;
      checkContainer(project, service, container, observed, check);
      linkToStaleHash(raw.slice(first));
    }
  }

  for (const name of new Set(containers.map(serviceOf))) {
    if (project.model.services[name]) continue;
    const names = containers.filter((c) => serviceOf(c) === name).map((c) => c.name);
    matches.push({ dev: null, prod: name, by: 'none' });
    raw.push({
      service: name,
      path: 'service',
      kind: 'only-prod',
      category: 'topology',
      severity: 'warning',
      rule: 'an orphan: a container of the project whose service is gone from the files; `parity up --remove-orphans` removes it',
      secret: false,
      dev: { value: null, source: null },
      prod: { value: names.sort().join(', '), source: null },
    });
  }
  return {
    comparison: {
      against: 'runtime',
      sides: { dev: 'declared', prod: 'running' },
      from: options.from,
    },
    matches,
    // A service's replicas that differ alike are one group.
    findings: groupIdentical(applyRules(raw, undefined)),
    equivalent,
  };
}

/**
 * A stale container's differences from the files are one cause, the files changed since it
 * was created (which its config-hash finding says): they are grouped under it as symptoms,
 * so the report shows one thing to do (`parity up`) rather than a list of values.
 */
function linkToStaleHash(findings: RawFinding[]): void {
  const root = findings.find((f) => f.path.endsWith('config-hash') && f.kind === 'changed');
  const symptoms = findings.filter((f) => f.rule === CHANGED_IN_FILES);
  if (!root || symptoms.length === 0) return;
  root.id = findingId(root);
  for (const symptom of symptoms) {
    symptom.id = findingId(symptom);
    symptom.causedBy = root.id;
    symptom.cause = `${CHANGED_IN_FILES}: \`parity up\` recreates it`;
  }
}
