import type Docker from 'dockerode';

/** A container's settings as flat `field -> value`; fields split per key (`Env.PATH`). */
export type Fields = Record<string, unknown>;

/** What differs per run, not per tool, and is replaced by a placeholder before comparing. */
export interface RunNames {
  project: string;
  dir: string;
  home: string;
}

/** Shown for a field one side does not set at all. */
export const ABSENT = '<absent>';

/**
 * Labels that are per run or per tool by construction: the config hash hashes each tool's own
 * rendering of the service, so it never matches between two implementations.
 */
const IGNORED_LABELS = new Set(['com.docker.compose.config-hash']);

const HOST_CONFIG_FIELDS = [
  'RestartPolicy',
  'NanoCpus',
  'CpuShares',
  'CpuQuota',
  'CpuPeriod',
  'CpusetCpus',
  'Memory',
  'MemoryReservation',
  'MemorySwap',
  'PidsLimit',
  'OomKillDisable',
  'BlkioWeight',
  'Devices',
  'DeviceRequests',
  'ReadonlyRootfs',
  'Tmpfs',
  'LogConfig',
  'Ulimits',
  'Sysctls',
  'Dns',
  'DnsSearch',
  'DnsOptions',
  'SecurityOpt',
  'Init',
  'Privileged',
  'ShmSize',
  'NetworkMode',
  'Runtime',
  'PidMode',
  'IpcMode',
  'GroupAdd',
  'Links',
  'VolumesFrom',
] as const;

/** Host config lists whose order means nothing; sorted so only their content is compared. */
const SET_FIELDS = ['CapAdd', 'CapDrop', 'ExtraHosts'] as const;

/** Every compared field of one container, with names of this run replaced by placeholders. */
export function normaliseContainer(info: Docker.ContainerInspectInfo, names: RunNames): Fields {
  const config = info.Config;
  const host = info.HostConfig as Record<string, unknown>;
  const raw: Fields = {
    Name: info.Name,
    Running: info.State.Running,
    Image: config.Image,
    Cmd: config.Cmd,
    Entrypoint: config.Entrypoint,
    WorkingDir: config.WorkingDir,
    User: config.User,
    Hostname: config.Hostname === info.Id.slice(0, 12) ? '<container id>' : config.Hostname,
    Domainname: config.Domainname,
    Tty: config.Tty,
    OpenStdin: config.OpenStdin,
    StdinOnce: config.StdinOnce,
    StopSignal: (config as { StopSignal?: string }).StopSignal,
    StopTimeout: (config as { StopTimeout?: number }).StopTimeout,
    Healthcheck: (config as { Healthcheck?: unknown }).Healthcheck,
    ExposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
  };
  for (const entry of config.Env ?? []) {
    const at = entry.indexOf('=');
    raw[`Env.${at < 0 ? entry : entry.slice(0, at)}`] = at < 0 ? '<no value>' : entry.slice(at + 1);
  }
  for (const [key, value] of Object.entries(config.Labels ?? {})) {
    if (!IGNORED_LABELS.has(key)) raw[`Labels.${key}`] = value;
  }
  for (const field of HOST_CONFIG_FIELDS) raw[field] = host[field];
  for (const field of SET_FIELDS) {
    const list = host[field];
    raw[field] = Array.isArray(list) ? [...(list as string[])].sort() : list;
  }
  for (const mount of info.Mounts) raw[`Mounts.${mount.Destination}`] = mountFields(mount);
  const bindings = (host.PortBindings ?? {}) as Record<
    string,
    { HostIp?: string; HostPort?: string }[] | null
  >;
  for (const [port, list] of Object.entries(bindings)) {
    raw[`PortBindings.${port}`] = (list ?? []).map(
      (b) =>
        `${b.HostIp ?? ''}:${b.HostPort && b.HostPort !== '0' ? '<host port>' : '<ephemeral>'}`,
    );
  }
  const networks = info.NetworkSettings.Networks as Record<string, { Aliases?: string[] | null }>;
  for (const [name, network] of Object.entries(networks)) {
    const aliases = (network.Aliases ?? []).filter((alias) => alias !== info.Id.slice(0, 12));
    raw[`Networks.${name}.Aliases`] = aliases.sort();
  }
  return placeholders(raw, names, info.Id);
}

function mountFields(mount: Docker.ContainerInspectInfo['Mounts'][number]): unknown {
  const name = (mount as { Name?: string }).Name;
  const source =
    mount.Type === 'volume' && name
      ? `volume:${/^[0-9a-f]{64}$/.test(name) ? '<anonymous>' : name}`
      : mount.Source;
  return { Type: mount.Type, Source: source, RW: mount.RW, Propagation: mount.Propagation };
}

/** Empty lists, maps and strings say the same as no value: both mean the engine's default. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** A text with this run's folder, HOME, project name and container id replaced by placeholders. */
export function withPlaceholders(value: string, names: RunNames, id = ''): string {
  const pairs: [string, string][] = [
    [names.dir, '<dir>'],
    [names.home, '<home>'],
    [names.project, '<project>'],
  ];
  if (id) pairs.push([id, '<container id>']);
  return pairs.reduce((text, [from, to]) => text.split(from).join(to), value);
}

function placeholders(raw: Fields, names: RunNames, id: string): Fields {
  const text = (value: string): string => withPlaceholders(value, names, id);
  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(deep);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), deep(v)]));
    }
    return value;
  };
  const fields: Fields = {};
  for (const [key, value] of Object.entries(raw)) {
    // An empty variable or label is a value; an empty list or unset option is the default.
    const keyed = key.startsWith('Env.') || key.startsWith('Labels.');
    if (keyed || !isEmpty(value)) fields[text(key)] = deep(value);
  }
  return fields;
}
