import type { SourcePosition } from '../../shared/diagnostics';
import { parseImageRef } from '../../shared/image-ref';
import type {
  ContainerSettings,
  Field,
  Healthcheck,
  PortMapping,
  Resources,
  ServiceModel,
} from '../../shared/model';
import type { NodeReader } from './node-reader';
import { isNull } from './node-reader';
import type { EnvFileFormat } from './raw-env';
import { normalizeEnvironment } from './service-environment';
import { homeFolder, normalizeBuild, resolveBindSource } from './service-paths';
import { isEngineField, normalizeEngineFields } from './engine-fields';
import { normalizeContainerSettings } from './service-container';
import { tmpfsMounts } from './service-tmpfs';
import { normalizeExtraHosts } from './extra-hosts';
import { NOT_APPLIED_KEYS, SERVICE_KEYS } from './service-keys';
import { normalizeFileMounts } from './service-files';
import { normalizeServiceNetworks } from './service-networks';
import { normalizeSecurity } from './service-security';
import { parseBytes, parseCpus } from './syntax/bytes';
import { parseCommand } from './syntax/command';
import { normalizeDependsOn } from './syntax/depends-on';
import { parseDuration } from './syntax/duration';
import { normalizePortLong, parsePortShort } from './syntax/ports';
import { syntax } from './service-syntax';
import { normalizeVolumeLong, parseVolumeShort } from './syntax/volumes';
import { toPlain, type YMap, type YNode } from './yaml-tree';

/** What normalizing a service needs from the project around it. */
export interface ServiceContext {
  reader: NodeReader;
  workingDir: string;
  /** The interpolation environment: shell, then .env. */
  lookup: (name: string) => string | undefined;
  /** Reads an env_file (path resolved by the caller's rules); null when it cannot. */
  readEnvFile: (
    path: string,
    required: boolean,
    pos: SourcePosition,
    format: EnvFileFormat,
  ) => Record<string, Field<string>> | null;
}

/** One service of one file, turned into the model; problems go to the reader's diagnostics. */
export function normalizeService(
  name: string,
  node: YMap,
  keyPos: SourcePosition,
  ctx: ServiceContext,
): ServiceModel {
  const { reader } = ctx;
  const get = (key: string): YNode | undefined => node.entries.get(key)?.value;
  // Keys not applied yet are warned about once per project (load-project), not per service.
  const notApplied: Record<string, SourcePosition> = {};
  for (const [key, entry] of node.entries) {
    if (!SERVICE_KEYS.has(key) && !key.startsWith('x-')) {
      reader.report('warning', `unknown key "${key}" in service "${name}"`, entry.keyPos);
    } else if (NOT_APPLIED_KEYS.has(key) && !isEngineField(key, entry.value)) {
      notApplied[key] = entry.keyPos;
    }
  }
  const env = normalizeEnvironment(name, get('env_file'), get('environment'), ctx);
  const home = homeFolder(ctx);
  const deploy = reader.map(get('deploy'), `services.${name}.deploy`);
  const resources = reader.map(deploy?.entries.get('resources')?.value, 'deploy.resources');
  return {
    name,
    source: keyPos,
    image: field(get('image'), (n) => {
      const raw = reader.string(n, 'image');
      return raw === null ? null : parseImageRef(raw);
    }),
    build: field(get('build'), (n) => normalizeBuild(n, ctx)),
    command: field(get('command'), (n) =>
      syntax(ctx, n, () => parseCommand(toPlain(n) as string | string[] | null)),
    ),
    entrypoint: field(get('entrypoint'), (n) =>
      syntax(ctx, n, () => parseCommand(toPlain(n) as string | string[] | null)),
    ),
    environment: env.environment,
    ports: listOf(get('ports'), reader, 'ports', (item) =>
      syntax(ctx, item, () =>
        item.kind === 'map'
          ? [normalizePortLong(toPlain(item) as Record<string, unknown>)]
          : parsePortShort(toPlain(item) as string | number),
      ),
    ),
    volumes: listOf(get('volumes'), reader, 'volumes', (item) =>
      syntax(ctx, item, () => {
        const mount =
          item.kind === 'map'
            ? normalizeVolumeLong(toPlain(item) as Record<string, unknown>)
            : parseVolumeShort(String(toPlain(item)));
        return [resolveBindSource(mount, ctx.workingDir, home)];
      }),
    ).concat(tmpfsMounts(get('tmpfs'), ctx)),
    healthcheck: field(get('healthcheck'), (n) => normalizeHealthcheck(n, ctx)),
    dependsOn: normalizeDependencies(get('depends_on'), ctx),
    limits: normalizeResources(
      resources?.entries.get('limits')?.value,
      ctx,
      get('cpus'),
      get('mem_limit'),
    ),
    reservations: normalizeResources(
      resources?.entries.get('reservations')?.value,
      ctx,
      undefined,
      get('mem_reservation'),
    ),
    replicas: field(deploy?.entries.get('replicas')?.value ?? get('scale'), (n) =>
      reader.integer(n, 'replicas'),
    ),
    restart: field(get('restart'), (n) => reader.string(n, 'restart')),
    user: field(get('user'), (n) => reader.string(n, 'user')),
    ...normalizeSecurity(get, reader),
    ...fileMountsOf(get, reader),
    labels: Object.fromEntries(
      reader
        .keyValues(get('labels'), 'labels')
        .map(({ key, value, node: n }) => [key, { value: value ?? '', source: n.pos }]),
    ),
    profiles: reader.stringList(get('profiles'), 'profiles').map(({ value }) => value),
    ...normalizeServiceNetworks(get('networks'), reader),
    networkMode: field(get('network_mode'), (n) => reader.string(n, 'network_mode')),
    init: field(get('init'), (n) => reader.boolean(n, 'init')),
    containerName: field(get('container_name'), (n) => reader.string(n, 'container_name')),
    extraHosts: normalizeExtraHosts(get('extra_hosts'), reader),
    hostname: field(get('hostname'), (n) => reader.string(n, 'hostname')),
    workingDir: field(get('working_dir'), (n) => reader.string(n, 'working_dir')),
    stopSignal: field(get('stop_signal'), (n) => reader.string(n, 'stop_signal')),
    stopGracePeriodMs: field(get('stop_grace_period'), (n) =>
      syntax(ctx, n, () => parseDuration(toPlain(n) as string | number)),
    ),
    // Compose has no pods: a helper container is a service of its own.
    sidecars: {},
    container: {
      ...normalizeContainerSettings(get, ctx, env.unset),
      ...engineFieldsOf(get, ctx),
      notApplied,
    },
  };
}

// Secrets and configs, as one list; the key is left out when the service uses none.
function fileMountsOf(
  get: (key: string) => YNode | undefined,
  reader: NodeReader,
): Pick<ServiceModel, 'fileMounts'> {
  const mounts = [
    ...normalizeFileMounts(get('secrets'), 'secret', reader),
    ...normalizeFileMounts(get('configs'), 'config', reader),
  ];
  return mounts.length > 0 ? { fileMounts: mounts } : {};
}

// The single-field engine settings; the key is left out when the service writes none.
function engineFieldsOf(
  get: (key: string) => YNode | undefined,
  ctx: ServiceContext,
): Pick<ContainerSettings, 'engineFields'> {
  const fields = normalizeEngineFields(get, ctx);
  return Object.keys(fields).length > 0 ? { engineFields: fields } : {};
}

// A present, non-null value with its position; null when absent or unreadable.
function field<T>(node: YNode | undefined, read: (node: YNode) => T | null): Field<T> | null {
  if (!node || isNull(node)) return null;
  const value = read(node);
  return value === null ? null : { value, source: node.pos };
}

function listOf<T>(
  node: YNode | undefined,
  reader: NodeReader,
  what: string,
  read: (item: YNode) => T[] | null,
): Field<T>[] {
  if (!node || isNull(node)) return [];
  if (node.kind !== 'seq') {
    reader.report(
      'error',
      `found ${node.kind === 'map' ? 'a mapping' : 'a string'} for ${what}, expected a list`,
      node.pos,
    );
    return [];
  }
  return node.items.flatMap((item) =>
    (read(item) ?? []).map((value) => ({ value, source: item.pos })),
  );
}

function normalizeHealthcheck(node: YNode, ctx: ServiceContext): Healthcheck | null {
  const map = ctx.reader.map(node, 'healthcheck');
  if (!map) return null;
  const get = (key: string): YNode | undefined => map.entries.get(key)?.value;
  const duration = (key: string): number | null => {
    const n = get(key);
    return n && !isNull(n)
      ? syntax(ctx, n, () => parseDuration(toPlain(n) as string | number))
      : null;
  };
  const testNode = get('test');
  let test: string[] | null = null;
  if (testNode?.kind === 'scalar' && testNode.value !== null)
    test = ['CMD-SHELL', String(testNode.value)];
  else if (testNode?.kind === 'seq')
    test = ctx.reader.stringList(testNode, 'healthcheck.test').map(({ value }) => value);
  const disable =
    (ctx.reader.boolean(get('disable'), 'healthcheck.disable') ?? false) || test?.[0] === 'NONE';
  return {
    test,
    disable,
    intervalMs: duration('interval'),
    timeoutMs: duration('timeout'),
    retries: ctx.reader.integer(get('retries'), 'healthcheck.retries'),
    startPeriodMs: duration('start_period'),
    startIntervalMs: duration('start_interval'),
    positions: positionsOf(map, {
      test: 'test',
      intervalMs: 'interval',
      timeoutMs: 'timeout',
      retries: 'retries',
      startPeriodMs: 'start_period',
      startIntervalMs: 'start_interval',
    }),
  };
}

function normalizeDependencies(
  node: YNode | undefined,
  ctx: ServiceContext,
): ServiceModel['dependsOn'] {
  if (!node || isNull(node)) return {};
  const parsed = syntax(ctx, node, () =>
    normalizeDependsOn(toPlain(node) as string[] | Record<string, unknown>),
  );
  if (!parsed) return {};
  const positions = new Map<string, SourcePosition>();
  if (node.kind === 'map')
    for (const [key, entry] of node.entries) positions.set(key, entry.keyPos);
  if (node.kind === 'seq')
    node.items.forEach((item) => positions.set(String(toPlain(item)), item.pos));
  return Object.fromEntries(
    Object.entries(parsed).map(([name, dependency]) => [
      name,
      { value: dependency, source: positions.get(name) ?? node.pos },
    ]),
  );
}

function normalizeResources(
  node: YNode | undefined,
  ctx: ServiceContext,
  legacyCpus?: YNode,
  legacyMemory?: YNode,
): Resources {
  const map = ctx.reader.map(node, 'deploy.resources');
  const cpusNode = map?.entries.get('cpus')?.value ?? legacyCpus;
  const memoryNode = map?.entries.get('memory')?.value ?? legacyMemory;
  return {
    cpus: field(cpusNode, (n) => syntax(ctx, n, () => parseCpus(toPlain(n) as string | number))),
    memoryBytes: field(memoryNode, (n) =>
      syntax(ctx, n, () => parseBytes(toPlain(n) as string | number)),
    ),
  };
}

/** Identity of a port for merging files: the same published address and target. */
export function portKey(port: PortMapping): string {
  return `${port.hostIp ?? ''}:${port.published ?? ''}:${port.target}/${port.protocol}`;
}

// Where each written healthcheck setting's value is.
function positionsOf<K extends string>(
  map: YMap,
  keys: Record<K, string>,
): Partial<Record<K, SourcePosition>> {
  const positions: Partial<Record<K, SourcePosition>> = {};
  for (const [field, key] of Object.entries(keys) as [K, string][]) {
    const node = map.entries.get(key)?.value;
    if (node) positions[field] = node.pos;
  }
  return positions;
}
