import type { ContainerCreateOptions, HostConfig } from 'dockerode';
import type { ServiceModel, VolumeMount } from '../../shared/model';
import { ENGINE_FIELDS } from '../config/engine-fields';
import { readRepositoryText } from '../config/read-text';

/**
 * What a service's container settings add to its create request, as Compose passes them: each
 * only when the service writes it (a boolean only when true, the engine's default being false),
 * so that the config hash of a service that writes none stays what it was before Parity passed
 * them, and an upgrade of Parity recreates nothing.
 */
export function settingsSpec(service: ServiceModel): {
  create: Partial<ContainerCreateOptions>;
  host: HostConfig;
} {
  const c = service.container;
  const tmpfs = service.volumes.filter(({ value }) => isShortTmpfs(value));
  const security = c?.securityOpt?.value.map((option) => securityOption(service.name, option));
  const unconfined = security?.includes(UNCONFINED);
  const fields = Object.entries(c?.engineFields ?? {});
  const onSide = (side: 'config' | 'host') =>
    Object.fromEntries(
      fields.flatMap(([key, { value }]) => {
        const target = ENGINE_FIELDS[key];
        return target?.on === side ? [[target.field, value]] : [];
      }),
    );
  return {
    create: {
      ...onSide('config'),
      // dockerode sends the create request's options as its query too: ?platform=linux/amd64.
      ...(c?.platform ? { platform: c.platform.value } : {}),
      ...(c?.tty?.value === true ? { Tty: true } : {}),
      ...(c?.stdinOpen?.value === true ? { OpenStdin: true } : {}),
    },
    host: {
      ...onSide('host'),
      ...(tmpfs.length > 0
        ? {
            Tmpfs: Object.fromEntries(
              tmpfs.map(({ value }) => [value.target, value.tmpfs?.options ?? '']),
            ),
          }
        : {}),
      ...(c?.logging
        ? {
            LogConfig: {
              // An empty type is the engine's default driver, with these options.
              Type: c.logging.value.driver ?? '',
              Config: c.logging.value.options,
            },
          }
        : {}),
      ...(c?.ulimits
        ? {
            Ulimits: Object.entries(c.ulimits.value).map(([Name, { soft, hard }]) => ({
              Name,
              Soft: soft,
              Hard: hard,
            })),
          }
        : {}),
      ...(c?.dns ? { Dns: c.dns.value } : {}),
      ...(c?.dnsSearch ? { DnsSearch: c.dnsSearch.value } : {}),
      ...(c?.dnsOpt ? { DnsOptions: c.dnsOpt.value } : {}),
      ...(security ? { SecurityOpt: security.filter((option) => option !== UNCONFINED) } : {}),
      // As `docker run --security-opt systempaths=unconfined`: nothing masked, nothing read-only.
      ...(unconfined ? { MaskedPaths: [], ReadonlyPaths: [] } : {}),
      ...(c?.shmSizeBytes ? { ShmSize: c.shmSizeBytes.value } : {}),
      ...(c?.sysctls ? { Sysctls: c.sysctls.value } : {}),
      ...(c?.runtime ? { Runtime: c.runtime.value } : {}),
      ...(c?.devices
        ? {
            Devices: c.devices.value.map((d) => ({
              PathOnHost: d.pathOnHost,
              PathInContainer: d.pathInContainer,
              CgroupPermissions: d.permissions,
            })),
          }
        : {}),
    },
  };
}

/** The variables a service unsets, as the engine takes them: `NAME` alone. */
export function unsetEnv(service: ServiceModel): string[] {
  return (service.container?.unsetEnvironment ?? []).map(({ value }) => value);
}

/** An entry of the service's short `tmpfs:` list: HostConfig.Tmpfs, not a Mounts entry. */
export function isShortTmpfs(mount: VolumeMount): boolean {
  return mount.type === 'tmpfs' && mount.tmpfs?.options !== undefined;
}

const UNCONFINED = 'systempaths=unconfined';

// The engine takes a seccomp profile's JSON, not its path: the file is read here, at create,
// as Compose reads it (the model names it by its absolute path, checked when it was loaded).
function securityOption(service: string, option: string): string {
  const path = /^seccomp=(\/.*)$/s.exec(option)?.[1];
  if (path === undefined) return option;
  try {
    return `seccomp=${JSON.stringify(JSON.parse(readRepositoryText(path)))}`;
  } catch (error) {
    throw new Error(
      `security_opt of service "${service}": cannot read the seccomp profile ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
