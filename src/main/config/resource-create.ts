import type { ResourceCreate } from '../../shared/model';
import { isNull, type NodeReader } from './node-reader';
import type { YMap, YNode } from './yaml-tree';

type Kind = 'volumes' | 'networks';

const KEYS: Record<Kind, Set<string>> = {
  volumes: new Set(['name', 'external', 'driver', 'driver_opts', 'labels']),
  networks: new Set([
    'name',
    'external',
    'driver',
    'driver_opts',
    'labels',
    'ipam',
    'internal',
    'attachable',
    'enable_ipv6',
    'enable_ipv4',
  ]),
};

/**
 * The create settings of one top-level network or volume definition; null when it writes none
 * (so that the model of a project that writes none is what it was). Unknown keys get a warning.
 */
export function readResourceCreate(
  body: YMap | null,
  kind: Kind,
  what: string,
  reader: NodeReader,
): ResourceCreate | null {
  if (!body) return null;
  for (const [key, entry] of body.entries) {
    if (!KEYS[kind].has(key) && !key.startsWith('x-')) {
      reader.report('warning', `unknown key "${key}" in ${what}`, entry.keyPos);
    }
  }
  const get = (key: string): YNode | undefined => body.entries.get(key)?.value;
  const create: ResourceCreate = {};
  const driver = reader.string(get('driver'), `${what}.driver`);
  if (driver !== null) create.driver = driver;
  const driverOpts = stringMap(get('driver_opts'), `${what}.driver_opts`, reader);
  if (driverOpts) create.driverOpts = driverOpts;
  const labels = stringMap(get('labels'), `${what}.labels`, reader);
  if (labels) create.labels = labels;
  if (kind === 'networks') {
    const flag = (key: string): boolean | null => reader.boolean(get(key), `${what}.${key}`);
    const internal = flag('internal');
    if (internal !== null) create.internal = internal;
    const attachable = flag('attachable');
    if (attachable !== null) create.attachable = attachable;
    const ipv6 = flag('enable_ipv6');
    if (ipv6 !== null) create.enableIpv6 = ipv6;
    const ipam = readIpam(get('ipam'), `${what}.ipam`, reader);
    if (ipam) create.ipam = ipam;
  }
  return Object.keys(create).length > 0 ? create : null;
}

// labels and driver_opts: a mapping, or for labels a list of KEY=VALUE.
function stringMap(
  node: YNode | undefined,
  what: string,
  reader: NodeReader,
): Record<string, string> | null {
  if (!node || isNull(node)) return null;
  const entries = reader.keyValues(node, what);
  return entries.length > 0
    ? Object.fromEntries(entries.map(({ key, value }) => [key, value ?? '']))
    : null;
}

function readIpam(
  node: YNode | undefined,
  what: string,
  reader: NodeReader,
): ResourceCreate['ipam'] | null {
  const map = reader.map(node, what);
  if (!map) return null;
  const driver = reader.string(map.entries.get('driver')?.value, `${what}.driver`);
  const configNode = map.entries.get('config')?.value;
  const config: NonNullable<ResourceCreate['ipam']>['config'] = [];
  if (configNode && !isNull(configNode)) {
    if (configNode.kind !== 'seq') {
      reader.report(
        'error',
        `found a ${configNode.kind === 'map' ? 'mapping' : 'string'} for ${what}.config, expected a list`,
        configNode.pos,
      );
    } else {
      for (const item of configNode.items) {
        const pool = reader.map(item, `${what}.config`);
        if (!pool) continue;
        const text = (key: string) =>
          reader.string(pool.entries.get(key)?.value, `${what}.config.${key}`) ?? undefined;
        const aux = stringMap(
          pool.entries.get('aux_addresses')?.value,
          `${what}.config.aux_addresses`,
          reader,
        );
        const entry = {
          subnet: text('subnet'),
          ipRange: text('ip_range'),
          gateway: text('gateway'),
          auxAddresses: aux ?? undefined,
        };
        config.push(Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)));
      }
    }
  }
  return driver === null ? { config } : { driver, config };
}
