import type { Field, ServiceModel } from '../../shared/model';
import { portKey } from './normalize-service';

/**
 * Merges a service as a later file (an override) redefines it, following Compose's merge
 * rules: single values are replaced, mappings (environment, labels, depends_on) merged by
 * key, ports merged by their address, volumes by their target. Each value keeps the
 * position of the file it came from, so the model says which file won.
 */
export function mergeService(base: ServiceModel, over: ServiceModel): ServiceModel {
  return {
    name: base.name,
    source: base.source,
    image: over.image ?? base.image,
    build: over.build ?? base.build,
    command: over.command ?? base.command,
    entrypoint: over.entrypoint ?? base.entrypoint,
    environment: { ...base.environment, ...over.environment },
    ports: mergeBy(base.ports, over.ports, (port) => portKey(port.value)),
    volumes: mergeBy(base.volumes, over.volumes, (mount) => mount.value.target),
    healthcheck: over.healthcheck ?? base.healthcheck,
    dependsOn: { ...base.dependsOn, ...over.dependsOn },
    limits: {
      cpus: over.limits.cpus ?? base.limits.cpus,
      memoryBytes: over.limits.memoryBytes ?? base.limits.memoryBytes,
    },
    reservations: {
      cpus: over.reservations.cpus ?? base.reservations.cpus,
      memoryBytes: over.reservations.memoryBytes ?? base.reservations.memoryBytes,
    },
    replicas: over.replicas ?? base.replicas,
    restart: over.restart ?? base.restart,
    user: over.user ?? base.user,
    labels: { ...base.labels, ...over.labels },
    profiles: over.profiles.length > 0 ? over.profiles : base.profiles,
    networks: [...new Set([...base.networks, ...over.networks])],
    networkMode: over.networkMode ?? base.networkMode,
  };
}

function mergeBy<T>(
  base: Field<T>[],
  over: Field<T>[],
  key: (item: Field<T>) => string,
): Field<T>[] {
  const merged = new Map(base.map((item) => [key(item), item]));
  for (const item of over) merged.set(key(item), item);
  return [...merged.values()];
}
