import type { EngineFieldValue, Field } from '../../shared/model';
import { isNull, type NodeReader } from './node-reader';
import type { ServiceContext } from './normalize-service';
import { syntax } from './service-syntax';
import { parseBytes } from './syntax/bytes';
import { toPlain, type YNode } from './yaml-tree';

type Kind = 'string' | 'integer' | 'boolean' | 'bytes' | 'strings' | 'map';

/**
 * Compose keys that are one field of the engine's create request each, as docker compose v2
 * passes them (pkg/compose/create.go): the key, how it is written, and the field it sets.
 * `ipc`/`pid` naming another service (`service:db`) need that service's container and are left
 * to the not-applied warning.
 */
export const ENGINE_FIELDS: Readonly<
  Record<string, { kind: Kind; field: string; on: 'config' | 'host' }>
> = {
  domainname: { kind: 'string', field: 'Domainname', on: 'config' },
  mac_address: { kind: 'string', field: 'MacAddress', on: 'config' },
  cpu_shares: { kind: 'integer', field: 'CpuShares', on: 'host' },
  cpu_quota: { kind: 'integer', field: 'CpuQuota', on: 'host' },
  cpu_period: { kind: 'integer', field: 'CpuPeriod', on: 'host' },
  cpuset: { kind: 'string', field: 'CpusetCpus', on: 'host' },
  pids_limit: { kind: 'integer', field: 'PidsLimit', on: 'host' },
  oom_score_adj: { kind: 'integer', field: 'OomScoreAdj', on: 'host' },
  oom_kill_disable: { kind: 'boolean', field: 'OomKillDisable', on: 'host' },
  mem_swappiness: { kind: 'integer', field: 'MemorySwappiness', on: 'host' },
  memswap_limit: { kind: 'bytes', field: 'MemorySwap', on: 'host' },
  group_add: { kind: 'strings', field: 'GroupAdd', on: 'host' },
  cgroup_parent: { kind: 'string', field: 'CgroupParent', on: 'host' },
  cgroup: { kind: 'string', field: 'CgroupnsMode', on: 'host' },
  ipc: { kind: 'string', field: 'IpcMode', on: 'host' },
  pid: { kind: 'string', field: 'PidMode', on: 'host' },
  uts: { kind: 'string', field: 'UTSMode', on: 'host' },
  userns_mode: { kind: 'string', field: 'UsernsMode', on: 'host' },
  isolation: { kind: 'string', field: 'Isolation', on: 'host' },
  storage_opt: { kind: 'map', field: 'StorageOpt', on: 'host' },
};

/** Whether a written key is one Parity applies as a single engine field. */
export function isEngineField(key: string, node: YNode): boolean {
  if (!(key in ENGINE_FIELDS)) return false;
  // Another service's namespace: not applied yet.
  const text = node.kind === 'scalar' ? String(node.value) : '';
  return !((key === 'ipc' || key === 'pid') && text.startsWith('service:'));
}

/** The single-field keys a service writes, read by their kind; problems are diagnostics. */
export function normalizeEngineFields(
  get: (key: string) => YNode | undefined,
  ctx: ServiceContext,
): Record<string, Field<EngineFieldValue>> {
  const fields: Record<string, Field<EngineFieldValue>> = {};
  for (const [key, { kind }] of Object.entries(ENGINE_FIELDS)) {
    const node = get(key);
    if (!node || isNull(node) || !isEngineField(key, node)) continue;
    const value = read(kind, node, key, ctx);
    if (value !== null) fields[key] = { value, source: node.pos };
  }
  return fields;
}

function read(kind: Kind, node: YNode, key: string, ctx: ServiceContext): EngineFieldValue | null {
  const reader: NodeReader = ctx.reader;
  switch (kind) {
    case 'string':
      return reader.string(node, key);
    case 'integer':
      return reader.integer(node, key);
    case 'boolean':
      return reader.boolean(node, key);
    case 'bytes':
      // -1 (unlimited swap) included.
      return syntax(ctx, node, () => parseBytes(toPlain(node) as string | number));
    case 'strings':
      return reader.stringList(node, key).map(({ value }) => value);
    case 'map':
      return Object.fromEntries(
        reader.keyValues(node, key).map(({ key: name, value }) => [name, value ?? '']),
      );
  }
}
