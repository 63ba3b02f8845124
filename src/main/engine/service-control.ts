import type { ContainerInfo } from 'dockerode';
import type { ServiceProgress } from '../../shared/progress';
import { COMPOSE_LABEL } from './compose-labels';
import type { DockerEngine } from './docker-engine';
import { progressReporter } from './progress-reporter';
import { dependenciesOf, groupByService, inReverseDependencyOrder } from './stop-order';

/** Which services (all when empty), how long a stop may take, and where progress goes. */
export interface ControlOptions {
  services?: readonly string[];
  timeoutSeconds?: number;
  onProgress?: (progress: ServiceProgress) => void;
}

/** A service the project has no container for; it needs `up`, not `start`. */
export class NoContainerError extends Error {
  override readonly name = 'NoContainerError';
}

/** Starts the existing containers of services, what they depend on first. */
export async function startServices(
  engine: DockerEngine,
  project: string,
  options: ControlOptions = {},
): Promise<void> {
  const { containers, report } = await select(engine, project, options);
  const byService = groupByService(containers);
  const started = new Map<string, Promise<void>>();
  const start = (service: string, path: ReadonlySet<string>): Promise<void> => {
    let promise = started.get(service);
    if (!promise) {
      const within = new Set([...path, service]);
      const list = byService.get(service) ?? [];
      const first = dependenciesOf(list[0]).filter((s) => byService.has(s) && !within.has(s));
      promise = Promise.all(first.map((s) => start(s, within))).then(async () => {
        report(service, 'starting');
        await Promise.all(
          list.filter((c) => c.State !== 'running').map((c) => engine.startContainer(c.Id)),
        );
        report(service, 'started');
      });
      started.set(service, promise);
    }
    return promise;
  };
  await Promise.all([...byService.keys()].map((service) => start(service, new Set())));
}

/** Stops services' containers, dependents first; they stay, for `start` or `up`. */
export async function stopServices(
  engine: DockerEngine,
  project: string,
  options: ControlOptions = {},
): Promise<void> {
  const { containers, report } = await select(engine, project, options);
  await inReverseDependencyOrder(containers, async (service, list) => {
    report(service, 'stopping');
    await Promise.all(list.map((c) => engine.stopContainer(c.Id, options.timeoutSeconds)));
    report(service, 'stopped');
  });
}

/** Restarts services' containers. */
export async function restartServices(
  engine: DockerEngine,
  project: string,
  options: ControlOptions = {},
): Promise<void> {
  const { containers, report } = await select(engine, project, options);
  await Promise.all(
    [...groupByService(containers)].map(async ([service, list]) => {
      report(service, 'restarting');
      await Promise.all(list.map((c) => engine.restartContainer(c.Id, options.timeoutSeconds)));
      report(service, 'started');
    }),
  );
}

async function select(engine: DockerEngine, project: string, options: ControlOptions) {
  const report = progressReporter(options.onProgress);
  const all = await engine.listProjectContainers(project);
  const wanted = options.services ?? [];
  const missing = wanted.filter((s) => !all.some((c) => serviceOf(c) === s));
  if (missing.length > 0) {
    throw new NoContainerError(
      `no container for ${missing.join(', ')} in project ${project}: run parity up first`,
    );
  }
  const containers = wanted.length === 0 ? all : all.filter((c) => wanted.includes(serviceOf(c)));
  return { containers, report };
}

function serviceOf(container: ContainerInfo): string {
  return container.Labels[COMPOSE_LABEL.service] ?? '';
}
