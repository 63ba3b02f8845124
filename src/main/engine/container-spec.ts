import { createHash } from 'node:crypto';
import type { ContainerCreateOptions, EndpointSettings, MountSettings } from 'dockerode';
import type { NetworkAttachment, ServiceModel, VolumeMount } from '../../shared/model';
import type { LoadedProject } from '../config/load-project';
import { networksByPriority } from '../config/service-networks';
import { COMPOSE_LABEL } from './compose-labels';
import { isShortTmpfs, settingsSpec, unsetEnv } from './container-settings';
import { builtImageName, containerName } from './naming';

const MS_TO_NS = 1_000_000;

/** The image a service runs: its `image:`, else the name Compose gives the image it builds. */
export function serviceImage(project: LoadedProject, service: ServiceModel): string {
  return service.image?.value.raw ?? builtImageName(project.name, service.name);
}

/**
 * Parity's config hash of a service: a digest of everything that shapes its containers. Two
 * runs of the same files give the same hash; any change that needs a new container changes it.
 */
export function configHash(project: LoadedProject, service: ServiceModel): string {
  const spec = serviceSpec(project, service, 0);
  delete spec.name;
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex');
}

/** The create request for container number `number` of a service, with Compose's labels. */
export function containerSpec(
  project: LoadedProject,
  service: ServiceModel,
  number: number,
): ContainerCreateOptions {
  const spec = serviceSpec(project, service, number);
  spec.Labels = { ...spec.Labels, [COMPOSE_LABEL.configHash]: configHash(project, service) };
  return spec;
}

function serviceSpec(
  project: LoadedProject,
  service: ServiceModel,
  number: number,
): ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const { value: port } of service.ports) {
    const key = `${port.target}/${port.protocol}`;
    exposed[key] = {};
    if (port.published === null && port.mode === 'host') continue;
    (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.published ?? '' });
  }
  const name = service.containerName?.value ?? containerName(project.name, service.name, number);
  // Primary network first: it is the NetworkMode, the others are connected after create.
  const networks = networksByPriority(service.networks, service.networkOptions).map((key) => ({
    name: project.model.networks[key]?.value.name ?? `${project.name}_${key}`,
    endpoint: endpointSettings(service, name, service.networkOptions?.[key]),
  }));
  for (const port of service.container?.expose?.value ?? []) exposed[port] = {};
  const health = service.healthcheck?.value;
  const settings = settingsSpec(service);
  return {
    name,
    Image: serviceImage(project, service),
    ...(service.command ? { Cmd: service.command.value } : {}),
    ...(service.entrypoint ? { Entrypoint: service.entrypoint.value } : {}),
    Env: Object.entries(service.environment)
      .map(([key, field]) => `${key}=${field.value}`)
      .concat(unsetEnv(service)),
    ...(service.user ? { User: service.user.value } : {}),
    ...(service.hostname ? { Hostname: service.hostname.value } : {}),
    ...(service.workingDir ? { WorkingDir: service.workingDir.value } : {}),
    ...(service.stopSignal ? { StopSignal: service.stopSignal.value } : {}),
    // The engine applies it to every stop that names no timeout, down included.
    ...(service.stopGracePeriodMs
      ? { StopTimeout: Math.ceil(service.stopGracePeriodMs.value / 1000) }
      : {}),
    Labels: {
      ...Object.fromEntries(
        Object.entries(service.labels).map(([key, field]) => [key, field.value]),
      ),
      [COMPOSE_LABEL.project]: project.name,
      [COMPOSE_LABEL.service]: service.name,
      [COMPOSE_LABEL.containerNumber]: String(number),
      [COMPOSE_LABEL.oneoff]: 'False',
      [COMPOSE_LABEL.workingDir]: project.workingDir,
      [COMPOSE_LABEL.configFiles]: project.composeFiles.join(','),
      [COMPOSE_LABEL.dependsOn]: Object.entries(service.dependsOn)
        .map(([name, { value }]) => `${name}:${value.condition}:${value.restart}`)
        .join(','),
    },
    ExposedPorts: exposed,
    ...settings.create,
    ...(health && !health.disable && health.test
      ? {
          Healthcheck: {
            Test: health.test,
            ...(health.intervalMs !== null ? { Interval: health.intervalMs * MS_TO_NS } : {}),
            ...(health.timeoutMs !== null ? { Timeout: health.timeoutMs * MS_TO_NS } : {}),
            ...(health.retries !== null ? { Retries: health.retries } : {}),
            ...(health.startPeriodMs !== null
              ? { StartPeriod: health.startPeriodMs * MS_TO_NS }
              : {}),
            ...(health.startIntervalMs !== null
              ? { StartInterval: health.startIntervalMs * MS_TO_NS }
              : {}),
          },
        }
      : health?.disable
        ? { Healthcheck: { Test: ['NONE'] } }
        : {}),
    HostConfig: {
      ...(service.init ? { Init: service.init.value } : {}),
      PortBindings: bindings,
      Mounts: [
        ...service.volumes
          .filter(({ value }) => !isShortTmpfs(value))
          .map(({ value }) => mountOf(project, value)),
        ...fileMountsOf(service),
      ] as MountSettings[],
      RestartPolicy: restartPolicy(service.restart?.value),
      ...(service.limits.cpus ? { NanoCpus: Math.round(service.limits.cpus.value * 1e9) } : {}),
      ...(service.limits.memoryBytes ? { Memory: service.limits.memoryBytes.value } : {}),
      ...(service.reservations.memoryBytes
        ? { MemoryReservation: service.reservations.memoryBytes.value }
        : {}),
      NetworkMode: service.networkMode?.value ?? networks[0]?.name ?? 'none',
      // Set only when the service writes them (read_only and privileged only when true, the
      // engine's default being false), so that configHash, a digest of this spec, stays what it
      // was before Parity passed them for every service that does not: upgrading Parity must
      // not recreate an existing stack. A service that does write them gets a new hash, and so
      // a container that has them, on its next up.
      ...(service.capAdd ? { CapAdd: service.capAdd.value } : {}),
      ...(service.capDrop ? { CapDrop: service.capDrop.value } : {}),
      ...(service.readOnly?.value === true ? { ReadonlyRootfs: true } : {}),
      ...(service.privileged?.value === true ? { Privileged: true } : {}),
      ...(service.extraHosts ? { ExtraHosts: service.extraHosts.value } : {}),
      ...settings.host,
    },
    NetworkingConfig: {
      EndpointsConfig: Object.fromEntries(networks.map((n) => [n.name, n.endpoint])),
    },
  };
}

// The service and container names always reach it; addresses only when written, so that the
// spec (and so the config hash) of a service that writes no network settings stays as it was.
function endpointSettings(
  service: ServiceModel,
  container: string,
  options: NetworkAttachment | undefined,
): EndpointSettings {
  const ipam = {
    ...(options?.ipv4Address ? { IPv4Address: options.ipv4Address } : {}),
    ...(options?.ipv6Address ? { IPv6Address: options.ipv6Address } : {}),
  };
  return {
    Aliases: [service.name, container, ...(options?.aliases ?? [])],
    ...(Object.keys(ipam).length > 0 ? { IPAMConfig: ipam } : {}),
  };
}

// dockerode's types require option fields the engine treats as optional.
interface EngineMount {
  Type: MountSettings['Type'];
  Target: string;
  Source: string;
  ReadOnly: boolean;
  BindOptions?: { Propagation: string };
  VolumeOptions?: { NoCopy: boolean };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

function mountOf(project: LoadedProject, mount: VolumeMount): EngineMount {
  const source =
    mount.type === 'volume' && mount.source
      ? (project.model.volumes[mount.source]?.value.name ?? mount.source)
      : (mount.source ?? undefined);
  return {
    // The engine API knows no `image` or `cluster` mount type; they mount as volumes.
    Type: (mount.type === 'image' || mount.type === 'cluster'
      ? 'volume'
      : mount.type) as MountSettings['Type'],
    Target: mount.target,
    Source: source ?? '',
    ReadOnly: mount.readOnly,
    ...(mount.bind?.propagation ? { BindOptions: { Propagation: mount.bind.propagation } } : {}),
    ...(mount.volume?.nocopy ? { VolumeOptions: { NoCopy: true } } : {}),
    ...(mount.tmpfs
      ? { TmpfsOptions: { SizeBytes: mount.tmpfs.size, Mode: mount.tmpfs.mode } }
      : {}),
  };
}

// Secrets and configs, read-only binds of their files, as Compose mounts them; a volume
// written at the same target wins.
function fileMountsOf(service: ServiceModel): EngineMount[] {
  const taken = new Set(service.volumes.map(({ value }) => value.target));
  return (service.fileMounts ?? []).flatMap(({ value }) =>
    value.file && !taken.has(value.target)
      ? [{ Type: 'bind' as const, Source: value.file, Target: value.target, ReadOnly: true }]
      : [],
  );
}

function restartPolicy(restart: string | undefined): { Name: string; MaximumRetryCount?: number } {
  if (!restart || restart === 'no') return { Name: 'no' };
  const [name, count] = restart.split(':');
  return count
    ? { Name: name ?? 'on-failure', MaximumRetryCount: Number(count) }
    : { Name: name ?? 'no' };
}
