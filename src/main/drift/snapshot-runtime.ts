import type { ContainerInspectInfo } from 'dockerode';
import { normalizeCapabilities } from '../../shared/capabilities';
import type { PortMapping, VolumeMount } from '../../shared/model';
import { SNAPSHOT_VERSION, type Snapshot, type SnapshotService } from '../../shared/snapshot';
import { COMPOSE_LABEL } from '../engine/compose-labels';
import type { DockerEngine } from '../engine/docker-engine';
import { snapshotEnvValue, type SnapshotValueOptions } from './snapshot';

/** What a container's image sets by default, so a snapshot keeps only what the service sets. */
export interface ImageDefaults {
  env: string[];
  cmd: string[] | null;
  entrypoint: string[] | null;
  labels: Record<string, string>;
}

const NS_PER_MS = 1_000_000;

/** What an image gives its containers by default (so a snapshot keeps only what differs). */
export async function imageDefaults(
  engine: DockerEngine,
  reference: string,
): Promise<ImageDefaults | null> {
  const image = await engine.inspectImage(reference).catch(() => null);
  if (!image) return null;
  return {
    env: image.env,
    cmd: list(image.cmd),
    entrypoint: list(image.entrypoint),
    labels: image.labels ?? {},
  };
}

/** A snapshot of a project's containers on the engine (`parity snapshot --from runtime`). */
export async function snapshotOfRuntime(
  engine: DockerEngine,
  project: string,
  createdAt: Date = new Date(),
  values: SnapshotValueOptions = { hashAll: true },
): Promise<Snapshot> {
  const infos = (await engine.inspectProjectContainers(project)).filter(
    (info) => info.Config.Labels?.[COMPOSE_LABEL.oneoff] !== 'True',
  );
  const defaults = new Map<string, ImageDefaults | null>();
  for (const info of infos) {
    if (!defaults.has(info.Config.Image)) {
      defaults.set(info.Config.Image, await imageDefaults(engine, info.Config.Image));
    }
  }
  return snapshotOfContainers(
    infos,
    project,
    (image) => defaults.get(image) ?? null,
    createdAt,
    values,
  );
}

/**
 * The snapshot of inspected containers: one service per service label, its lowest-numbered
 * container. A container's env holds what the shell gave it, which Parity cannot tell apart
 * from the files' values: every value is hashed unless `values` says otherwise.
 */
export function snapshotOfContainers(
  infos: readonly ContainerInspectInfo[],
  project: string,
  defaultsOf: (image: string) => ImageDefaults | null,
  createdAt: Date = new Date(),
  values: SnapshotValueOptions = { hashAll: true },
): Snapshot {
  const byService = new Map<string, ContainerInspectInfo[]>();
  for (const info of infos) {
    const name = info.Config.Labels?.[COMPOSE_LABEL.service] ?? info.Name.replace(/^\//, '');
    byService.set(name, [...(byService.get(name) ?? []), info]);
  }
  const services: Record<string, SnapshotService> = {};
  for (const [name, own] of [...byService].sort(([a], [b]) => a.localeCompare(b))) {
    const number = (info: ContainerInspectInfo): number =>
      Number(info.Config.Labels?.[COMPOSE_LABEL.containerNumber] ?? 0);
    const [first] = [...own].sort((a, b) => number(a) - number(b));
    if (first) {
      services[name] = serviceOf(
        first,
        own.length,
        defaultsOf(first.Config.Image),
        project,
        values,
      );
    }
  }
  return {
    parity: 'snapshot',
    version: SNAPSHOT_VERSION,
    createdAt: createdAt.toISOString(),
    source: 'runtime',
    project,
    services,
    volumes: {},
    networks: {},
  };
}

function list(value: string[] | string | null | undefined): string[] | null {
  return value === null || value === undefined ? null : typeof value === 'string' ? [value] : value;
}

const same = (a: string[] | null, b: string[] | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

function serviceOf(
  info: ContainerInspectInfo,
  replicas: number,
  defaults: ImageDefaults | null,
  project: string,
  values: SnapshotValueOptions,
): SnapshotService {
  const config = info.Config as ContainerInspectInfo['Config'] & {
    StopSignal?: string;
    Healthcheck?: {
      Test?: string[];
      Interval?: number;
      Timeout?: number;
      Retries?: number;
      StartPeriod?: number;
      StartInterval?: number;
    };
  };
  const host = info.HostConfig as ContainerInspectInfo['HostConfig'] & {
    Mounts?: { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }[];
    Init?: boolean | null;
  };
  // The env, command and labels the image sets are not the service's: left out unless changed.
  const imageEnv = new Set(defaults?.env ?? []);
  const environment: SnapshotService['environment'] = {};
  for (const entry of config.Env ?? []) {
    if (imageEnv.has(entry)) continue;
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    environment[key] = snapshotEnvValue(key, eq < 0 ? '' : entry.slice(eq + 1), values);
  }
  const cmd = list(config.Cmd);
  const entrypoint = list(config.Entrypoint);
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.Labels ?? {})) {
    if (key.startsWith('com.docker.compose.') || defaults?.labels[key] === value) continue;
    labels[key] = value;
  }
  const ports: PortMapping[] = [];
  const portBindings = (host.PortBindings ?? {}) as Record<
    string,
    { HostIp?: string; HostPort?: string }[] | null
  >;
  for (const [spec, bindings] of Object.entries(portBindings)) {
    const [port = '0', protocol = 'tcp'] = spec.split('/');
    for (const binding of bindings && bindings.length > 0 ? bindings : [{}]) {
      ports.push({
        target: Number(port),
        published: binding.HostPort ? binding.HostPort : null,
        hostIp: binding.HostIp ? binding.HostIp : null,
        protocol: protocol as PortMapping['protocol'],
        mode: 'ingress',
      });
    }
  }
  ports.sort((a, b) => a.target - b.target || a.protocol.localeCompare(b.protocol));
  const volumes: VolumeMount[] = (host.Mounts ?? []).map((m) => ({
    type: m.Type ?? 'volume',
    source: m.Source ? m.Source : null,
    target: m.Target ?? '',
    readOnly: m.ReadOnly === true,
  }));
  // A service's short `tmpfs:` list is HostConfig.Tmpfs (as Compose creates it), not a mount.
  for (const [target, options] of Object.entries(host.Tmpfs ?? {})) {
    volumes.push({
      type: 'tmpfs',
      source: null,
      target,
      readOnly: options.split(',').includes('ro'),
    });
  }
  for (const bind of host.Binds ?? []) {
    const [source = '', target = '', mode = ''] = bind.split(':');
    volumes.push({
      type: source.startsWith('/') ? 'bind' : 'volume',
      source,
      target,
      readOnly: mode.split(',').includes('ro'),
    });
  }
  const health = config.Healthcheck;
  const ms = (ns: number | undefined): number | null => (ns ? Math.round(ns / NS_PER_MS) : null);
  const disabled = health?.Test?.[0] === 'NONE';
  return {
    image: config.Image,
    build: null,
    command: defaults && same(cmd, defaults.cmd) ? null : cmd,
    entrypoint: defaults && same(entrypoint, defaults.entrypoint) ? null : entrypoint,
    environment,
    ports,
    volumes,
    healthcheck:
      health?.Test && health.Test.length > 0
        ? {
            test: disabled ? null : health.Test,
            disable: disabled,
            intervalMs: ms(health.Interval),
            timeoutMs: ms(health.Timeout),
            retries: health.Retries ? health.Retries : null,
            startPeriodMs: ms(health.StartPeriod),
            startIntervalMs: ms(health.StartInterval),
          }
        : null,
    dependsOn: {},
    limits: {
      cpus: host.NanoCpus ? host.NanoCpus / 1e9 : null,
      memoryBytes: host.Memory ? host.Memory : null,
    },
    reservations: {
      cpus: null,
      memoryBytes: host.MemoryReservation ? host.MemoryReservation : null,
    },
    replicas,
    restart:
      host.RestartPolicy?.Name && host.RestartPolicy.Name !== 'no'
        ? host.RestartPolicy.MaximumRetryCount
          ? `${host.RestartPolicy.Name}:${host.RestartPolicy.MaximumRetryCount}`
          : host.RestartPolicy.Name
        : null,
    user: config.User ? config.User : null,
    capAdd: capabilities(host.CapAdd),
    capDrop: capabilities(host.CapDrop),
    readOnly: host.ReadonlyRootfs === true ? true : null,
    privileged: host.Privileged === true ? true : null,
    labels,
    profiles: [],
    // `<project>_default` is the files' `default`, as Compose names networks.
    networks: Object.keys(info.NetworkSettings.Networks ?? {})
      .map((network) =>
        network.startsWith(`${project}_`) ? network.slice(project.length + 1) : network,
      )
      .sort(),
    networkMode: null,
    init: host.Init ?? null,
    extraHosts: extraHostsOf(host.ExtraHosts as unknown),
    // The engine fills these in (a name, the container id, the image's WORKDIR): not told apart
    // here from what the files set.
    containerName: null,
    hostname: null,
    workingDir: null,
    stopSignal: config.StopSignal ? config.StopSignal : null,
    stopGracePeriodMs: null,
  };
}

// The engine keeps capabilities as they were asked for (`all`, `CAP_CHOWN`): normalized as the
// files' are, none as null.
function capabilities(list: unknown): string[] | null {
  const names = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  const normal = normalizeCapabilities(names);
  return normal.length > 0 ? normal : null;
}

// dockerode types HostConfig.ExtraHosts as any: the engine sends a list of `host:ip`, or null.
function extraHostsOf(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.filter((entry): entry is string => typeof entry === 'string');
}
