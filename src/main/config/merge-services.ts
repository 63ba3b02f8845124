import { normalizeCapabilities } from '../../shared/capabilities';
import type { Field, Healthcheck, ServiceModel } from '../../shared/model';
import { mergeContainerSettings, mergeEnvironment } from './merge-container';
import { portKey } from './normalize-service';

/**
 * Merges a service as a later file (an override) redefines it, following Compose's merge
 * rules (compose-go's override/merge.go): single values are replaced, mappings (environment,
 * labels, depends_on, healthcheck) merged by key, ports merged by their address, volumes by
 * their target, other lists (profiles) appended. `extends` merges the local service over its
 * base with the same rules. Each value keeps the position of the file it came from, so the
 * model says which file won.
 */
export function mergeService(base: ServiceModel, over: ServiceModel): ServiceModel {
  const { environment, unset } = mergeEnvironment(base, over);
  const container = mergeContainerSettings(base.container, over.container);
  return {
    name: base.name,
    source: base.source,
    image: over.image ?? base.image,
    build: over.build ?? base.build,
    command: over.command ?? base.command,
    entrypoint: over.entrypoint ?? base.entrypoint,
    environment,
    ports: mergeBy(base.ports, over.ports, (port) => portKey(port.value)),
    volumes: mergeBy(base.volumes, over.volumes, (mount) => mount.value.target),
    healthcheck: mergeHealthcheck(base.healthcheck, over.healthcheck),
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
    capAdd: mergeCapabilities(base.capAdd, over.capAdd),
    capDrop: mergeCapabilities(base.capDrop, over.capDrop),
    readOnly: over.readOnly ?? base.readOnly,
    privileged: over.privileged ?? base.privileged,
    labels: { ...base.labels, ...over.labels },
    profiles: [...base.profiles, ...over.profiles],
    networks: [...new Set([...base.networks, ...over.networks])],
    ...mergeNetworkOptions(base.networkOptions, over.networkOptions),
    // Secrets and configs merge by where they land in the container, as volumes do.
    ...(base.fileMounts || over.fileMounts
      ? {
          fileMounts: mergeBy(
            base.fileMounts ?? [],
            over.fileMounts ?? [],
            (mount) => mount.value.target,
          ),
        }
      : {}),
    networkMode: over.networkMode ?? base.networkMode,
    init: over.init ?? base.init,
    containerName: over.containerName ?? base.containerName,
    // An override adds entries, as Compose merges sequences of this kind.
    extraHosts:
      base.extraHosts && over.extraHosts
        ? {
            value: [...new Set([...base.extraHosts.value, ...over.extraHosts.value])],
            source: over.extraHosts.source,
          }
        : (over.extraHosts ?? base.extraHosts),
    hostname: over.hostname ?? base.hostname,
    workingDir: over.workingDir ?? base.workingDir,
    stopSignal: over.stopSignal ?? base.stopSignal,
    stopGracePeriodMs: over.stopGracePeriodMs ?? base.stopGracePeriodMs,
    sidecars: { ...base.sidecars, ...over.sidecars },
    ...(container ? { container: { ...container, unsetEnvironment: unset } } : {}),
  };
}

// Compose merges cap_add and cap_drop as sets: both files' capabilities, each once.
function mergeCapabilities(
  base: ServiceModel['capAdd'],
  over: ServiceModel['capAdd'],
): ServiceModel['capAdd'] {
  if (!base || !over) return over ?? base;
  return { value: normalizeCapabilities([...base.value, ...over.value]), source: over.source };
}

// Each network's settings merge key by key, the later file's winning.
function mergeNetworkOptions(
  base: ServiceModel['networkOptions'],
  over: ServiceModel['networkOptions'],
): Pick<ServiceModel, 'networkOptions'> {
  if (!base || !over) {
    const options = over ?? base;
    return options ? { networkOptions: options } : {};
  }
  const merged = { ...base };
  for (const [key, settings] of Object.entries(over)) merged[key] = { ...base[key], ...settings };
  return { networkOptions: merged };
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

// compose-go merges the healthcheck mapping key by key (its `test` replaced whole). Keys the
// later definition does not write are null in the model, so they fall back to the earlier one.
function mergeHealthcheck(
  base: Field<Healthcheck> | null,
  over: Field<Healthcheck> | null,
): Field<Healthcheck> | null {
  if (!base || !over) return over ?? base;
  const b = base.value;
  const o = over.value;
  return {
    source: over.source,
    value: {
      test: o.test ?? b.test,
      // A test written here decides (NONE disables); otherwise either side may disable.
      disable: o.test ? o.disable : o.disable || b.disable,
      intervalMs: o.intervalMs ?? b.intervalMs,
      timeoutMs: o.timeoutMs ?? b.timeoutMs,
      retries: o.retries ?? b.retries,
      startPeriodMs: o.startPeriodMs ?? b.startPeriodMs,
      startIntervalMs: o.startIntervalMs ?? b.startIntervalMs,
    },
  };
}
