import type { ContainerInfo } from 'dockerode';
import type { ServiceModel } from '../../shared/model';
import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from './compose-labels';
import { configHash } from './container-spec';

/**
 * Whether up leaves a service alone: exactly its replica count of containers, each running
 * with the current config hash (a leftover container of an old hash or number is a change).
 */
export function isUnchanged(
  project: LoadedProject,
  service: ServiceModel,
  containers: readonly ContainerInfo[],
): boolean {
  const hash = configHash(project, service);
  return (
    containers.length === (service.replicas?.value ?? 1) &&
    containers.every((c) => c.Labels[COMPOSE_LABEL.configHash] === hash && c.State === 'running')
  );
}
