import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { AcceptText } from './accept-text';

// Finding what parity.yaml already has: `drift.accept`, an entry in it, the pair a node is
// the value of. Shapes Parity cannot edit in place (aliases, merge keys, a wrong type) are
// refused with their position.

/** `drift.accept` when written, null when `drift` or `accept` is absent. */
export function acceptList(t: AcceptText, root: Node): YAMLSeq | null {
  const rootMap = mapping(t, root, 'the file', 'a mapping of Parity settings');
  const drift = lastPair(t, rootMap, 'drift', 'the top level');
  if (!drift) return null;
  const driftMap = mapping(
    t,
    valueOf(t, drift, 'drift'),
    'drift',
    'a mapping with ignore, accept and severity',
  );
  const accept = lastPair(t, driftMap, 'accept', 'drift');
  if (!accept) return null;
  const list = valueOf(t, accept, 'drift.accept');
  if (!isSeq(list)) {
    throw t.refusal(list, 'drift.accept', 'a list of accepted differences');
  }
  return list;
}

function mapping(
  t: AcceptText,
  node: Node,
  where: string,
  expected: string,
): YAMLMap<unknown, unknown> {
  if (!isMap(node)) throw t.refusal(node, where, expected);
  return node;
}

/** The pair of `key` that counts (the last, as the loader reads duplicates). */
export function lastPair(
  t: AcceptText,
  map: YAMLMap<unknown, unknown>,
  key: string,
  where: string,
): Pair | null {
  const pairs = map.items.filter((pair) => isScalar(pair.key) && String(pair.key.value) === key);
  const merge = map.items.find((pair) => isScalar(pair.key) && pair.key.value === '<<');
  if (pairs.length === 0 && merge) {
    throw t.refusalAt(
      (merge.key as Node).range?.[0] ?? 0,
      `${where} takes keys from a merge key (<<), so Parity cannot tell where to write ${key}: write "${key}:" out in full here`,
    );
  }
  return pairs.at(-1) ?? null;
}

function valueOf(t: AcceptText, pair: Pair, where: string): Node {
  const value = pair.value as Node | null;
  if (!value || (isScalar(value) && value.value === null)) {
    throw t.refusalAt(
      (value ?? (pair.key as Node)).range?.[0] ?? 0,
      `${where}: found an empty value, expected a mapping or a list`,
    );
  }
  if (isAlias(value)) {
    throw t.refusalAt(
      value.range?.[0] ?? 0,
      `${where} is an alias (*${value.source}), shared with other places: write it out in full to accept drift here`,
    );
  }
  return value;
}

/** The entry of `list` that accepts `path`, or null. */
export function findEntry(
  t: AcceptText,
  list: YAMLSeq,
  path: string,
): YAMLMap<unknown, unknown> | null {
  for (const item of list.items as Node[]) {
    const target = isAlias(item) ? (item.resolve(t.doc) as Node | undefined) : item;
    if (!isMap(target) || target.get('path') !== path) continue;
    if (isAlias(item)) {
      throw t.refusalAt(
        item.range?.[0] ?? 0,
        `drift.accept: "${path}" is accepted through an alias (*${item.source}): write the entry out in full to change it`,
      );
    }
    return target;
  }
  return null;
}

/** The mapping and pair whose value `node` is, if any. */
export function parentOf(
  t: AcceptText,
  node: Node,
): { map: YAMLMap<unknown, unknown>; pair: Pair } | null {
  const visit = (current: unknown): { map: YAMLMap<unknown, unknown>; pair: Pair } | null => {
    if (isMap(current)) {
      for (const pair of current.items) {
        if (pair.value === node) return { map: current, pair };
        const found = visit(pair.value);
        if (found) return found;
      }
    } else if (isSeq(current)) {
      for (const item of current.items) {
        const found = visit(item);
        if (found) return found;
      }
    }
    return null;
  };
  return visit(t.doc.contents);
}
