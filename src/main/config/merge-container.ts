import type { ContainerSettings, Field, ServiceModel } from '../../shared/model';

/**
 * Merges the container settings of a service as a later file redefines them, as compose-go
 * does: lists of names (expose, dns, dns_search, dns_opt, security_opt) as sets in the order
 * written, mappings (sysctls, ulimits) by key, devices by their container path, logging options
 * by key while the driver stays the same (a new driver replaces the whole), other values
 * replaced.
 */
export function mergeContainerSettings(
  base: ContainerSettings | undefined,
  over: ContainerSettings | undefined,
): ContainerSettings | undefined {
  if (!base || !over) return over ?? base;
  return {
    expose: union(base.expose, over.expose),
    logging: mergeLogging(base.logging, over.logging),
    ulimits: byKey(base.ulimits, over.ulimits),
    dns: union(base.dns, over.dns),
    dnsSearch: union(base.dnsSearch, over.dnsSearch),
    dnsOpt: union(base.dnsOpt, over.dnsOpt),
    securityOpt: union(base.securityOpt, over.securityOpt),
    shmSizeBytes: over.shmSizeBytes ?? base.shmSizeBytes,
    sysctls: byKey(base.sysctls, over.sysctls),
    stdinOpen: over.stdinOpen ?? base.stdinOpen,
    tty: over.tty ?? base.tty,
    platform: over.platform ?? base.platform,
    runtime: over.runtime ?? base.runtime,
    devices:
      base.devices && over.devices
        ? {
            value: [
              ...new Map(
                [...base.devices.value, ...over.devices.value].map((d) => [d.pathInContainer, d]),
              ).values(),
            ],
            source: over.devices.source,
          }
        : (over.devices ?? base.devices),
    pullPolicy: over.pullPolicy ?? base.pullPolicy,
    unsetEnvironment: base.unsetEnvironment,
    ...(base.engineFields || over.engineFields
      ? { engineFields: { ...base.engineFields, ...over.engineFields } }
      : {}),
    notApplied: { ...base.notApplied, ...over.notApplied },
  };
}

/**
 * The environment of a merged service and the variables it unsets: a later file's value for a
 * variable replaces the earlier one, its unset one (`FOO` set nowhere) takes it out, as
 * compose-go's null replaces a value.
 */
export function mergeEnvironment(
  base: ServiceModel,
  over: ServiceModel,
): Pick<ServiceModel, 'environment'> & { unset: Field<string>[] } {
  const environment = { ...base.environment, ...over.environment };
  const overUnset = over.container?.unsetEnvironment ?? [];
  for (const { value } of overUnset) delete environment[value];
  const unset = new Map(
    (base.container?.unsetEnvironment ?? [])
      .filter(({ value }) => !(value in over.environment))
      .map((field) => [field.value, field]),
  );
  for (const field of overUnset) unset.set(field.value, field);
  return { environment, unset: [...unset.values()] };
}

function union(base: Field<string[]> | null, over: Field<string[]> | null): Field<string[]> | null {
  if (!base || !over) return over ?? base;
  return { value: [...new Set([...base.value, ...over.value])], source: over.source };
}

function byKey<T>(
  base: Field<Record<string, T>> | null,
  over: Field<Record<string, T>> | null,
): Field<Record<string, T>> | null {
  if (!base || !over) return over ?? base;
  return { value: { ...base.value, ...over.value }, source: over.source };
}

function mergeLogging(
  base: ContainerSettings['logging'],
  over: ContainerSettings['logging'],
): ContainerSettings['logging'] {
  if (!base || !over) return over ?? base;
  const o = over.value;
  const b = base.value;
  if (o.driver !== null && o.driver !== b.driver) return over;
  return {
    value: { driver: b.driver, options: { ...b.options, ...o.options } },
    source: over.source,
  };
}
