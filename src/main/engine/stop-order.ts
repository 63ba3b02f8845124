import type { ContainerInfo } from 'dockerode';
import { COMPOSE_LABEL } from './compose-labels';

/**
 * Runs `act` on each service's containers, a service only after every service that depends
 * on it (read from the depends_on label, so stacks started by Compose work too) is done:
 * the order in which a stack is stopped.
 */
export async function inReverseDependencyOrder(
  containers: readonly ContainerInfo[],
  act: (service: string, containers: ContainerInfo[]) => Promise<void>,
): Promise<void> {
  const byService = groupByService(containers);
  const dependents = new Map<string, string[]>();
  for (const [service, list] of byService) {
    for (const dependency of dependenciesOf(list[0])) {
      dependents.set(dependency, [...(dependents.get(dependency) ?? []), service]);
    }
  }
  const done = new Map<string, Promise<void>>();
  const visit = (service: string, path: ReadonlySet<string>): Promise<void> => {
    let promise = done.get(service);
    if (!promise) {
      const within = new Set([...path, service]);
      // A cycle in hand-made labels is cut rather than waited on forever.
      const first = (dependents.get(service) ?? []).filter(
        (s) => byService.has(s) && !within.has(s),
      );
      promise = Promise.all(first.map((s) => visit(s, within))).then(() =>
        act(service, byService.get(service) ?? []),
      );
      done.set(service, promise);
    }
    return promise;
  };
  await Promise.all([...byService.keys()].map((service) => visit(service, new Set())));
}

/** The services a container's depends_on label names ("db:service_healthy:false,..."). */
export function dependenciesOf(container: ContainerInfo | undefined): string[] {
  const label = container?.Labels[COMPOSE_LABEL.dependsOn] ?? '';
  return label
    .split(',')
    .map((entry) => entry.split(':')[0] ?? '')
    .filter((name) => name.length > 0);
}

/** Containers by the service label. */
export function groupByService(containers: readonly ContainerInfo[]): Map<string, ContainerInfo[]> {
  const byService = new Map<string, ContainerInfo[]>();
  for (const container of containers) {
    const service = container.Labels[COMPOSE_LABEL.service] ?? '';
    byService.set(service, [...(byService.get(service) ?? []), container]);
  }
  return byService;
}
