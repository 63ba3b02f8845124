import type {
  EnvironmentModel,
  FileMount,
  NamedResource,
  NetworkAttachment,
  ServiceModel,
  VolumeMount,
} from '../../shared/model';
import { settingsOutput } from './settings-output';
import { formatDuration } from './syntax/duration';

/**
 * The resolved project in the canonical shape `docker compose config --format json` prints:
 * long syntax everywhere, interpolated values, absolute paths, durations as Go prints them,
 * keys of mappings sorted (they are Go maps there), and `$` written `$$` so that the output
 * reads back as the same project.
 */
export function toComposeConfig(model: EnvironmentModel): Record<string, unknown> {
  const output: Record<string, unknown> = {
    name: model.name,
    services: sorted(Object.entries(model.services).map(([name, s]) => [name, serviceOutput(s)])),
  };
  const networks = Object.entries(model.networks);
  if (networks.length > 0) {
    output.networks = sorted(networks.map(([key, n]) => [key, resourceOutput(n.value)]));
  }
  const volumes = Object.entries(model.volumes);
  if (volumes.length > 0) {
    output.volumes = sorted(volumes.map(([key, v]) => [key, resourceOutput(v.value)]));
  }
  for (const kind of ['secret', 'config'] as const) {
    const files = fileSources(model, kind);
    if (files.length > 0) output[`${kind}s`] = sorted(files);
  }
  return escapeDollars(output) as Record<string, unknown>;
}

function sorted(entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function escapeDollars(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('$', '$$$$');
  if (Array.isArray(value)) return value.map(escapeDollars);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, escapeDollars(inner)]),
    );
  }
  return value;
}

// The secrets (or configs) the services use, each with the file it comes from.
function fileSources(model: EnvironmentModel, kind: FileMount['kind']): [string, unknown][] {
  const files = new Map<string, Record<string, string | undefined>>();
  for (const service of Object.values(model.services)) {
    for (const { value } of service.fileMounts ?? []) {
      if (value.kind !== kind) continue;
      // A secret's value is never printed: its variable's name is.
      const from = value.content?.from;
      const source = value.file
        ? { file: value.file }
        : from && 'environment' in from
          ? { environment: from.environment }
          : { content: value.content?.value };
      files.set(value.name, source);
    }
  }
  return [...files].map(([name, source]) => [name, { name: `${model.name}_${name}`, ...source }]);
}

function fileMountsOutput(s: ServiceModel, kind: FileMount['kind']): unknown[] | null {
  const mounts = (s.fileMounts ?? []).filter(({ value }) => value.kind === kind);
  if (mounts.length === 0) return null;
  return mounts.map(({ value }) => ({ source: value.name, target: value.target }));
}

function resourceOutput(resource: NamedResource): Record<string, unknown> {
  if (resource.external) return { name: resource.name, external: true };
  const create = resource.create;
  return compact({
    name: resource.name,
    driver: create?.driver,
    driver_opts: create?.driverOpts,
    ipam: create?.ipam && {
      ...(create.ipam.driver ? { driver: create.ipam.driver } : {}),
      config: create.ipam.config.map((pool) =>
        compact({
          subnet: pool.subnet,
          ip_range: pool.ipRange,
          gateway: pool.gateway,
          aux_addresses: pool.auxAddresses,
        }),
      ),
    },
    internal: create?.internal,
    attachable: create?.attachable,
    enable_ipv6: create?.enableIpv6,
    labels: create?.labels,
  });
}

function serviceOutput(s: ServiceModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.assign(out, settingsOutput(s));
  if (s.build) {
    const { context, dockerfile, target, args } = s.build.value;
    out.build = compact({
      context,
      dockerfile: dockerfile ?? 'Dockerfile',
      target,
      args: nonEmpty(args),
    });
  }
  // Capabilities as the model holds them (upper case, no CAP_ prefix, sorted), which the engine
  // reads as the names written: `cap_add: [chown]` prints `cap_add: [CHOWN]`.
  if (s.capAdd) out.cap_add = s.capAdd.value;
  if (s.capDrop) out.cap_drop = s.capDrop.value;
  if (s.command) out.command = s.command.value;
  const configs = fileMountsOutput(s, 'config');
  if (configs) out.configs = configs;
  if (s.containerName) out.container_name = s.containerName.value;
  if (Object.keys(s.dependsOn).length > 0) {
    out.depends_on = sorted(
      Object.entries(s.dependsOn).map(([name, { value }]) => [
        name,
        compact({
          condition: value.condition,
          required: value.required,
          restart: value.restart || undefined,
        }),
      ]),
    );
  }
  const deploy = deployOutput(s);
  if (deploy) out.deploy = deploy;
  if (s.entrypoint) out.entrypoint = s.entrypoint.value;
  // A variable declared without a value and set nowhere is null, as Compose prints it.
  const unset = s.container?.unsetEnvironment ?? [];
  if (Object.keys(s.environment).length > 0 || unset.length > 0) {
    out.environment = sorted([
      ...Object.entries(s.environment).map(([key, field]): [string, unknown] => [key, field.value]),
      ...unset.map(({ value }): [string, unknown] => [value, null]),
    ]);
  }
  if (s.extraHosts) out.extra_hosts = s.extraHosts.value;
  if (s.healthcheck) {
    const h = s.healthcheck.value;
    const duration = (ms: number | null): string | undefined =>
      ms === null ? undefined : formatDuration(ms);
    out.healthcheck = compact({
      test: h.test ?? undefined,
      timeout: duration(h.timeoutMs),
      interval: duration(h.intervalMs),
      retries: h.retries ?? undefined,
      start_period: duration(h.startPeriodMs),
      start_interval: duration(h.startIntervalMs),
      disable: h.disable || undefined,
    });
  }
  if (s.hostname) out.hostname = s.hostname.value;
  if (s.image) out.image = s.image.value.raw;
  if (Object.keys(s.labels).length > 0) {
    out.labels = Object.fromEntries(
      Object.entries(s.labels).map(([key, field]) => [key, field.value]),
    );
  }
  if (s.init) out.init = s.init.value;
  if (s.networkMode) out.network_mode = s.networkMode.value;
  if (s.networks.length > 0)
    out.networks = Object.fromEntries(
      s.networks.map((name) => [name, networkOutput(s.networkOptions?.[name])]),
    );
  if (s.ports.length > 0) {
    out.ports = s.ports.map(({ value: p }) =>
      compact({
        name: p.name,
        mode: p.mode,
        host_ip: p.hostIp ?? undefined,
        target: p.target,
        published: p.published ?? undefined,
        protocol: p.protocol,
        app_protocol: p.appProtocol,
      }),
    );
  }
  // As read_only: printed only when true.
  if (s.privileged?.value === true) out.privileged = true;
  if (s.profiles.length > 0) out.profiles = s.profiles;
  // Compose prints read_only only when true (omitempty); false is the engine's default.
  if (s.readOnly?.value === true) out.read_only = true;
  if (s.restart) out.restart = s.restart.value;
  const secrets = fileMountsOutput(s, 'secret');
  if (secrets) out.secrets = secrets;
  if (s.stopGracePeriodMs) out.stop_grace_period = formatDuration(s.stopGracePeriodMs.value);
  if (s.stopSignal) out.stop_signal = s.stopSignal.value;
  if (s.user) out.user = s.user.value;
  // The short tmpfs list prints as written, options and all, as Compose prints it.
  const short = (v: VolumeMount): boolean => v.type === 'tmpfs' && v.tmpfs?.options !== undefined;
  const tmpfs = s.volumes
    .filter(({ value }) => short(value))
    .map(({ value: v }) => (v.tmpfs?.options ? `${v.target}:${v.tmpfs.options}` : v.target));
  const volumes = s.volumes.filter(({ value }) => !short(value));
  if (tmpfs.length > 0) out.tmpfs = tmpfs;
  if (volumes.length > 0) out.volumes = volumes.map(({ value }) => volumeOutput(value));
  if (s.workingDir) out.working_dir = s.workingDir.value;
  return sorted(Object.entries(out));
}

// Compose prints a network without settings as null.
function networkOutput(options: NetworkAttachment | undefined): Record<string, unknown> | null {
  if (!options) return null;
  return compact({
    aliases: options.aliases,
    ipv4_address: options.ipv4Address,
    ipv6_address: options.ipv6Address,
    priority: options.priority,
  });
}

function deployOutput(s: ServiceModel): Record<string, unknown> | null {
  const side = (r: ServiceModel['limits']) =>
    compact({
      cpus: r.cpus?.value,
      memory: r.memoryBytes === null ? undefined : String(r.memoryBytes.value),
    });
  const limits = side(s.limits);
  const reservations = side(s.reservations);
  const resources = compact({ limits: nonEmpty(limits), reservations: nonEmpty(reservations) });
  const deploy = compact({ replicas: s.replicas?.value, resources: nonEmpty(resources) });
  return nonEmpty(deploy) ?? null;
}

function volumeOutput(v: VolumeMount): Record<string, unknown> {
  return compact({
    type: v.type,
    source: v.source ?? undefined,
    target: v.target,
    read_only: v.readOnly || undefined,
    bind:
      v.type === 'bind'
        ? compact({
            propagation: v.bind?.propagation,
            create_host_path: v.bind?.createHostPath ?? true,
            selinux: v.bind?.selinux,
          })
        : undefined,
    volume:
      v.type === 'volume'
        ? compact({ nocopy: v.volume?.nocopy, subpath: v.volume?.subpath })
        : undefined,
    tmpfs: v.tmpfs ? compact({ size: v.tmpfs.size, mode: v.tmpfs.mode }) : undefined,
  });
}

// Leaves out keys whose value is undefined, as Compose omits empty fields.
function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function nonEmpty<T extends object>(object: T): T | undefined {
  return Object.keys(object).length > 0 ? object : undefined;
}
