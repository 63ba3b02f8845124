import type { ContainerInfo } from 'dockerode';
import type { ServiceProgress } from '../../shared/progress';
import { COMPOSE_LABEL } from './compose-labels';
import type { DockerEngine } from './docker-engine';
import { progressReporter } from './progress-reporter';
import { groupByService, inReverseDependencyOrder } from './stop-order';

/** One container `rm` would remove. */
export interface RemovalTarget {
  id: string;
  /** Without the leading slash. */
  name: string;
  service: string;
  /** Running now: `rm -s` stops it first. */
  running: boolean;
}

/** What `rm` removes, and the running containers it leaves (without -s). */
export interface RemovalPlan {
  remove: RemovalTarget[];
  /** Running containers of the services asked for, kept since -s was not given. */
  skipped: RemovalTarget[];
}

/** Which services (all the project's containers when empty), and whether to stop first. */
export interface RemovalChoice {
  services?: readonly string[];
  stop?: boolean;
}

/**
 * `docker compose rm`'s choice: the containers of the services named (every container of the
 * project when none is, one-off and orphaned ones too) that are not running; with `stop`, the
 * running ones too (stopped first). In name order.
 */
export function planRemoval(
  containers: readonly ContainerInfo[],
  { services = [], stop = false }: RemovalChoice,
): RemovalPlan {
  const plan: RemovalPlan = { remove: [], skipped: [] };
  const targets = containers
    .map((c): RemovalTarget => ({
      id: c.Id,
      name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
      service: c.Labels[COMPOSE_LABEL.service] ?? '',
      running: c.State === 'running',
    }))
    .filter((t) => services.length === 0 || services.includes(t.service))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const target of targets) {
    (target.running && !stop ? plan.skipped : plan.remove).push(target);
  }
  return plan;
}

/** Reads the project's containers from the engine and plans their removal. */
export async function planRemovalOn(
  engine: DockerEngine,
  project: string,
  choice: RemovalChoice,
): Promise<RemovalPlan> {
  return planRemoval(await engine.listProjectContainers(project), choice);
}

/** How the removal goes: anonymous volumes too, a stop timeout, progress. */
export interface RemovalOptions extends RemovalChoice {
  /** Also the containers' anonymous volumes; named volumes are never removed. */
  volumes?: boolean;
  timeoutSeconds?: number;
  /** Only these containers (by id): those the user agreed to when the plan was shown. */
  only?: ReadonlySet<string>;
  onProgress?: (progress: ServiceProgress) => void;
}

/**
 * Removes the containers `planRemoval` chooses, planned again on the engine now (a container
 * started since it was shown is skipped, not removed): with `stop`, running ones are stopped
 * first, dependents before what they depend on. Returns the names of the removed containers.
 */
export async function removeContainers(
  engine: DockerEngine,
  project: string,
  options: RemovalOptions = {},
): Promise<string[]> {
  const report = progressReporter(options.onProgress);
  const all = await engine.listProjectContainers(project);
  const plan = planRemoval(all, options);
  const chosen = plan.remove.filter((t) => !options.only || options.only.has(t.id));
  const ids = new Set(chosen.map((t) => t.id));
  const running = all.filter((c) => ids.has(c.Id) && c.State === 'running');
  if (running.length > 0) {
    await inReverseDependencyOrder(running, async (service, list) => {
      report(service, 'stopping');
      await Promise.all(list.map((c) => engine.stopContainer(c.Id, options.timeoutSeconds)));
      report(service, 'stopped');
    });
  }
  const byService = groupByService(all.filter((c) => ids.has(c.Id)));
  await Promise.all(
    [...byService].map(async ([service, list]) => {
      await Promise.all(list.map((c) => engine.removeContainer(c.Id, options.volumes === true)));
      report(service, 'removed');
    }),
  );
  return chosen.map((t) => t.name);
}
