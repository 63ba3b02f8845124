import type { Field } from '../../shared/model';
import type { NodeReader } from './node-reader';
import type { YNode } from './yaml-tree';

/**
 * `extra_hosts` as the engine takes it: `host:ip` entries, from a mapping (`db.local: 10.0.0.5`)
 * or a list (`db.local:10.0.0.5`, or `db.local=10.0.0.5`, which an IPv6 address needs:
 * `v6=::1`); `host-gateway` passes through for the engine to resolve.
 */
export function normalizeExtraHosts(
  node: YNode | undefined,
  reader: NodeReader,
): Field<string[]> | null {
  if (!node) return null;
  const entries =
    node.kind === 'map'
      ? [...node.entries].map(([host, entry]) => {
          const ip = reader.string(entry.value, `extra_hosts.${host}`);
          return ip === null ? null : `${host}:${ip}`;
        })
      : reader.stringList(node, 'extra_hosts').map(({ value, node: item }) => {
          const at = value.includes('=') ? value.indexOf('=') : value.indexOf(':');
          if (at <= 0 || at === value.length - 1) {
            reader.report(
              'error',
              `found "${value}" for extra_hosts, expected HOST:IP or HOST=IP`,
              item.pos,
            );
            return null;
          }
          return `${value.slice(0, at)}:${value.slice(at + 1)}`;
        });
  const value = entries.filter((entry): entry is string => entry !== null);
  return value.length > 0 ? { value, source: node.pos } : null;
}
