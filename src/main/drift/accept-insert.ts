import { isMap, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { AcceptEntry } from './accept-entry';
import { lastPair, parentOf } from './accept-locate';
import { flowEntry, itemLines } from './accept-render';
import { pairEnd, type AcceptText } from './accept-text';

// Adding entries parity.yaml does not have yet: to `drift.accept` when written, else with the
// `accept:` key, `drift:` or the file's first lines they need, in the style around them.

/** `drift:` and its entries as the document's new lines, after `header` (comment lines). */
export function appendToDocument(
  t: AcceptText,
  entries: readonly AcceptEntry[],
  header: readonly string[],
): void {
  const lines = [...header, 'drift:', ...acceptLines(t, entries, t.style.unit)];
  t.insertLines(t.documentEnd(), lines);
}

/** `accept:` under `drift:`, or `drift:` itself at the top. */
export function addAcceptKey(t: AcceptText, root: Node, entries: readonly AcceptEntry[]): void {
  const rootMap = root as YAMLMap<unknown, unknown>;
  const driftPair = lastPair(t, rootMap, 'drift', 'the top level');
  const flowList = `[${entries.map((e) => flowEntry(e, t.version)).join(', ')}]`;
  if (!driftPair) {
    if (rootMap.flow) {
      addFlowPair(t, rootMap, `drift: { accept: ${flowList} }`);
    } else {
      t.insertLines(t.documentEnd(), ['drift:', ...acceptLines(t, entries, t.style.unit)]);
    }
    return;
  }
  const drift = driftPair.value as YAMLMap<unknown, unknown>;
  if (drift.flow) {
    addFlowPair(t, drift, `accept: ${flowList}`);
    return;
  }
  const column = t.column(((drift.items[0]?.key as Node | null)?.range ?? [0])[0]);
  t.insertLines(drift.range?.[1] ?? 0, acceptLines(t, entries, column));
}

function addFlowPair(t: AcceptText, map: YAMLMap<unknown, unknown>, pairText: string): void {
  const last = map.items.at(-1);
  const [start, end] = map.range ?? [0, 0];
  if (last) {
    const lastStart = (last.key as Node | null)?.range?.[0] ?? start;
    t.splice(pairEnd(last), pairEnd(last), `${t.flowSeparator(start, lastStart)}${pairText}`);
    return;
  }
  if (/^\{\s*\}$/.test(t.text.slice(start, end))) t.splice(start, end, `{ ${pairText} }`);
  else t.splice(start + 1, start + 1, ` ${pairText},`);
}

/** The entries at the end of `drift.accept`, block or flow as the list is. */
export function addItems(t: AcceptText, list: YAMLSeq, entries: readonly AcceptEntry[]): void {
  const items = list.items as Node[];
  const last = items.at(-1);
  if (!list.flow) {
    const dash = t.column(list.range?.[0] ?? 0);
    const flow = !last || (isMap(last) && last.flow === true);
    t.insertLines(
      list.range?.[1] ?? 0,
      entries.flatMap((e) => itemLines(e, dash, flow, t.version)),
    );
    return;
  }
  const [start, end] = list.range ?? [0, 0];
  if (!last) {
    // `accept: []` after its key, with nothing but a comment after it, becomes a block list
    // below the key; anywhere else the brackets are filled in.
    const parent = parentOf(t, list);
    const keyStart = (parent?.pair.key as Node | null)?.range?.[0];
    const rest = t.text.slice(end, t.lineEndAfter(end));
    if (
      parent &&
      !parent.map.flow &&
      keyStart !== undefined &&
      t.line(keyStart) === t.line(start) &&
      /^[ \t]*(#.*)?\r?\n?$/.test(rest)
    ) {
      const gap = /[ \t]*$/.exec(t.text.slice(0, start))?.[0].length ?? 0;
      t.splice(start - gap, end, '');
      const dash = t.column(keyStart) + (t.style.indentSeq ? t.style.unit : 0);
      t.insertLines(
        end,
        entries.flatMap((e) => itemLines(e, dash, true, t.version)),
      );
    } else {
      const inner = entries.map((e) => flowEntry(e, t.version)).join(', ');
      t.splice(start, end, `[${inner}]`);
    }
    return;
  }
  const lastEnd = last.range?.[1] ?? end;
  const separator = t.flowSeparator(start, last.range?.[0] ?? start);
  t.splice(lastEnd, lastEnd, entries.map((e) => `${separator}${flowEntry(e, t.version)}`).join(''));
}

/** `accept:` at `column` and its items, as new lines. */
function acceptLines(t: AcceptText, entries: readonly AcceptEntry[], column: number): string[] {
  const dash = column + (t.style.indentSeq ? t.style.unit : 0);
  return [
    `${' '.repeat(column)}accept:`,
    ...entries.flatMap((e) => itemLines(e, dash, true, t.version)),
  ];
}
