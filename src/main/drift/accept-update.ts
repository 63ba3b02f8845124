import { isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { AcceptEntry } from './accept-entry';
import { quoted, scalar } from './accept-render';
import { pairEnd, type AcceptText } from './accept-text';

// Editing an entry already in `drift.accept`: its reason and expiry, in place.

/** Gives an accepted entry the new reason and expiry; false when it already has them. */
export function updateEntry(
  t: AcceptText,
  map: YAMLMap<unknown, unknown>,
  entry: AcceptEntry,
): boolean {
  let changed = false;
  const pairOf = (key: string): Pair | undefined =>
    map.items.filter((pair) => isScalar(pair.key) && pair.key.value === key).at(-1);
  const reason = pairOf('reason');
  if (reason && (reason.value as Node | null) && map.get('reason') !== entry.reason) {
    replaceValue(t, reason.value as Node, quoted(entry.reason));
    changed = true;
  }
  const expires = pairOf('expires');
  const current = map.get('expires');
  if (entry.expires !== undefined && current !== entry.expires) {
    const text = scalar(entry.expires, t.version);
    if (expires?.value) replaceValue(t, expires.value as Node, text);
    else addPair(t, map, `expires: ${text}`);
    changed = true;
  } else if (entry.expires === undefined && expires) {
    removePair(t, map, expires);
    changed = true;
  }
  return changed;
}

function replaceValue(t: AcceptText, node: Node, text: string): void {
  const [start, end] = node.range ?? [0, 0];
  // A block scalar's range takes in its line break(s); they stay.
  const kept = /[\r\n]*$/.exec(t.text.slice(start, end))?.[0] ?? '';
  t.splice(start, end, `${text}${kept}`);
}

function addPair(t: AcceptText, map: YAMLMap<unknown, unknown>, pairText: string): void {
  const last = map.items.at(-1);
  if (map.flow) {
    const end = last ? pairEnd(last) : (map.range?.[0] ?? 0) + 1;
    t.splice(end, end, last ? `, ${pairText}` : ` ${pairText} `);
    return;
  }
  const column = t.column(((map.items[0]?.key as Node | null)?.range ?? [0])[0]);
  t.insertLines(map.range?.[1] ?? 0, [`${' '.repeat(column)}${pairText}`]);
}

function removePair(t: AcceptText, map: YAMLMap<unknown, unknown>, pair: Pair): void {
  const index = map.items.indexOf(pair);
  const keyStart = (pair.key as Node).range?.[0] ?? 0;
  const next = map.items[index + 1];
  if (index === 0 && next) {
    // First key: up to the next key, so a `- ` before it stays in place.
    t.splice(keyStart, (next.key as Node).range?.[0] ?? keyStart, '');
  } else if (map.flow) {
    const previous = map.items[index - 1];
    if (previous) t.splice(pairEnd(previous), pairEnd(pair), '');
  } else {
    const lineStart = keyStart - t.column(keyStart);
    t.splice(lineStart, t.lineEndAfter(pairEnd(pair)), '');
  }
}
