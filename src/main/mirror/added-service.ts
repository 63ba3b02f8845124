import type { ServiceModel } from '../../shared/model';
import type { MirrorValue } from './mirror-types';

/**
 * A service production runs and the laptop does not, as a laptop service with nothing set:
 * everything production has is mirrored onto it.
 */
export function blank(prod: ServiceModel): ServiceModel {
  const none = { cpus: null, memoryBytes: null };
  return {
    ...prod,
    ...{ image: null, build: null, command: null, entrypoint: null, healthcheck: null },
    ...{ environment: {}, ports: [], volumes: [], limits: none, reservations: none },
    ...{ replicas: null, user: null, capAdd: null, capDrop: null, readOnly: null },
    ...{ privileged: null, containerName: null },
  };
}

/**
 * What an added service runs, and the ports it listens on inside the stack (not published:
 * production keeps them in the cluster).
 */
export function mirrorRun(prod: ServiceModel, values: MirrorValue[]): void {
  if (prod.entrypoint) {
    values.push({
      path: ['entrypoint'],
      value: prod.entrypoint.value,
      from: prod.entrypoint.source,
    });
  }
  if (prod.command) {
    values.push({ path: ['command'], value: prod.command.value, from: prod.command.source });
  }
  const ports = [...new Set(prod.ports.map((p) => String(p.value.target)))];
  const first = prod.ports[0];
  if (first && ports.length > 0)
    values.push({ path: ['expose'], value: ports, from: first.source });
}
