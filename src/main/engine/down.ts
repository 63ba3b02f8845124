import type { ContainerInfo } from 'dockerode';
import type { ServicePhase, ServiceProgress } from '../../shared/progress';
import { COMPOSE_LABEL } from './compose-labels';
import type { DockerEngine } from './docker-engine';

/** What `down` was asked to do. */
export interface DownOptions {
  /** Also remove the project's named volumes. Off by default: down never deletes data unless asked. */
  volumes?: boolean;
  /** Seconds each container gets to stop before it is killed; else its stop_grace_period. */
  timeoutSeconds?: number;
  onProgress?: (progress: ServiceProgress) => void;
}

/** What down removed. */
export interface DownResult {
  containers: number;
  networks: string[];
  volumes: string[];
}

/**
 * Stops and removes a project's containers, dependents before what they depend on (read from
 * the depends_on label, so a stack started by Compose or an older file goes down too), then
 * its networks; its named volumes only when asked.
 */
export async function down(
  engine: DockerEngine,
  project: string,
  options: DownOptions = {},
): Promise<DownResult> {
  const began = Date.now();
  const report = (service: string, phase: ServicePhase): void =>
    options.onProgress?.({ service, phase, elapsedMs: Date.now() - began });
  const containers = await engine.listProjectContainers(project);
  const byService = new Map<string, ContainerInfo[]>();
  for (const container of containers) {
    const service = container.Labels[COMPOSE_LABEL.service] ?? '';
    byService.set(service, [...(byService.get(service) ?? []), container]);
  }
  const dependents = new Map<string, string[]>();
  for (const [service, list] of byService) {
    for (const dependency of dependenciesOf(list[0])) {
      dependents.set(dependency, [...(dependents.get(dependency) ?? []), service]);
    }
  }
  const stopped = new Map<string, Promise<void>>();
  const stop = (service: string, path: ReadonlySet<string> = new Set()): Promise<void> => {
    let done = stopped.get(service);
    if (!done) {
      const within = new Set([...path, service]);
      done = (async () => {
        // Whatever depends on this service stops first (a cycle in hand-made labels is cut).
        const first = (dependents.get(service) ?? []).filter(
          (s) => byService.has(s) && !within.has(s),
        );
        await Promise.all(first.map((s) => stop(s, within)));
        report(service, 'stopping');
        await Promise.all(
          (byService.get(service) ?? []).map(async (c) => {
            await engine.stopContainer(c.Id, options.timeoutSeconds);
            await engine.removeContainer(c.Id);
          }),
        );
        report(service, 'removed');
      })();
      stopped.set(service, done);
    }
    return done;
  };
  await Promise.all([...byService.keys()].map((service) => stop(service)));
  const networks = await engine.removeProjectNetworks(project);
  const volumes = options.volumes ? await engine.removeProjectVolumes(project) : [];
  return { containers: containers.length, networks, volumes };
}

// Compose writes "db:service_healthy:false,cache:service_started:false".
function dependenciesOf(container: ContainerInfo | undefined): string[] {
  const label = container?.Labels[COMPOSE_LABEL.dependsOn] ?? '';
  return label
    .split(',')
    .map((entry) => entry.split(':')[0] ?? '')
    .filter((name) => name.length > 0);
}
