import { describe, isNull, type NodeReader } from '../../config/node-reader';
import type { YMap, YNode } from '../../config/yaml-tree';
import type { SourceRange } from './types';
import { lastLine } from './yaml-documents';

/** The value under `key` of a mapping (undefined when the mapping or the key is absent). */
export function child(map: YMap | null | undefined, key: string): YNode | undefined {
  return map?.entries.get(key)?.value;
}

/** The node at a path of keys, without reporting anything: for re-reading what was checked. */
export function peek(node: YNode | null | undefined, ...keys: string[]): YNode | undefined {
  let at: YNode | undefined = node ?? undefined;
  for (const key of keys) at = at?.kind === 'map' ? at.entries.get(key)?.value : undefined;
  return at;
}

/** The items of a list; anything else but null is an error at its position. */
export function items(node: YNode | undefined, what: string, reader: NodeReader): YNode[] {
  if (!node || isNull(node)) return [];
  if (node.kind === 'seq') return node.items;
  reader.report('error', `found ${describe(node)} for ${what}, expected a list`, node.pos);
  return [];
}

/** A list of strings (command, args): each item a scalar, as the API requires. */
export function stringItems(
  node: YNode | undefined,
  what: string,
  reader: NodeReader,
): string[] | null {
  if (!node || isNull(node)) return null;
  if (node.kind !== 'seq') {
    reader.report(
      'error',
      `found ${describe(node)} for ${what}, expected a list of strings`,
      node.pos,
    );
    return null;
  }
  return node.items.flatMap((item) => {
    const text = reader.string(item, `${what}[]`);
    return text === null ? [] : [text];
  });
}

/** A mapping of strings (labels, annotations, selectors) as a plain record. */
export function stringMap(
  node: YNode | undefined,
  what: string,
  reader: NodeReader,
): Record<string, string> {
  const map = reader.map(node, what);
  const result: Record<string, string> = {};
  for (const [key, entry] of map?.entries ?? []) {
    result[key] = reader.string(entry.value, `${what}.${key}`) ?? '';
  }
  return result;
}

/** Where a node starts, and the last line it covers. */
export function rangeOf(node: YNode): SourceRange {
  return { ...node.pos, endLine: lastLine(node) };
}
