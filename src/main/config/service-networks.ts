import type { NetworkAttachment } from '../../shared/model';
import type { NodeReader } from './node-reader';
import { isNull } from './node-reader';
import type { YNode } from './yaml-tree';

/** A service's `networks:` as the model keeps them: the keys, and the settings of each. */
export interface ServiceNetworks {
  networks: string[];
  /** Per network key, only when some network writes a setting. */
  networkOptions?: Record<string, NetworkAttachment>;
}

const NETWORK_KEYS = new Set([
  'aliases',
  'ipv4_address',
  'ipv6_address',
  'priority',
  'link_local_ips',
  'mac_address',
  'driver_opts',
  'gw_priority',
  'interface_name',
]);

/**
 * `networks: [front, back]` or `networks: {front: {aliases: [web], ipv4_address: 10.5.0.5,
 * priority: 10}, back: null}`. Empty when not written: the default network is added once all
 * files are merged.
 */
export function normalizeServiceNetworks(
  node: YNode | undefined,
  reader: NodeReader,
): ServiceNetworks {
  if (!node || isNull(node)) return { networks: [] };
  if (node.kind !== 'map') {
    return { networks: reader.stringList(node, 'networks').map(({ value }) => value) };
  }
  const options: Record<string, NetworkAttachment> = {};
  for (const [key, entry] of node.entries) {
    const map = reader.map(entry.value, `networks.${key}`);
    if (!map) continue;
    const get = (name: string): YNode | undefined => map.entries.get(name)?.value;
    for (const [name, setting] of map.entries) {
      if (!NETWORK_KEYS.has(name) && !name.startsWith('x-')) {
        reader.report('warning', `unknown key "${name}" in networks.${key}`, setting.keyPos);
      }
    }
    const attachment: NetworkAttachment = {};
    const aliases = reader.stringList(get('aliases'), `networks.${key}.aliases`);
    if (aliases.length > 0) attachment.aliases = aliases.map(({ value }) => value);
    const ipv4 = reader.string(get('ipv4_address'), `networks.${key}.ipv4_address`);
    if (ipv4 !== null) attachment.ipv4Address = ipv4;
    const ipv6 = reader.string(get('ipv6_address'), `networks.${key}.ipv6_address`);
    if (ipv6 !== null) attachment.ipv6Address = ipv6;
    const priority = reader.integer(get('priority'), `networks.${key}.priority`);
    if (priority !== null) attachment.priority = priority;
    if (Object.keys(attachment).length > 0) options[key] = attachment;
  }
  const networks = [...node.entries.keys()];
  return Object.keys(options).length > 0 ? { networks, networkOptions: options } : { networks };
}

/**
 * The service's network keys in the order Compose attaches them: by `priority`, highest first,
 * then by name. The first is the container's primary network (its NetworkMode).
 */
export function networksByPriority(
  networks: readonly string[],
  options: Readonly<Record<string, NetworkAttachment>> | undefined,
): string[] {
  const priority = (key: string): number => options?.[key]?.priority ?? 0;
  return [...networks].sort((a, b) => priority(b) - priority(a) || (a < b ? -1 : a > b ? 1 : 0));
}
