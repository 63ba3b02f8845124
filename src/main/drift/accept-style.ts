import { isMap, isSeq, type Document, type Node } from 'yaml';

/** How the file is written, so inserted lines look like their neighbours. */
export interface Style {
  eol: string;
  /** Spaces per nesting level. */
  unit: number;
  /** Whether a block list under a key is indented (`key:\n  - a`) or not (`key:\n- a`). */
  indentSeq: boolean;
}

/** The style of `text`, parsed as `doc`; `column` is the column of an offset in it. */
export function detectStyle(
  text: string,
  doc: Document,
  column: (offset: number) => number,
): Style {
  const style: Style = {
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    unit: 2,
    indentSeq: true,
  };
  let unitFound = false;
  let seqFound = false;
  let seqStep = 0;
  const visit = (node: unknown): void => {
    if (!isMap(node) || node.flow) return;
    for (const pair of node.items) {
      const keyStart = (pair.key as Node | null)?.range?.[0];
      const value = pair.value as Node | null;
      if (keyStart === undefined || !value || !(isMap(value) || isSeq(value)) || value.flow) {
        continue;
      }
      const step = column(value.range?.[0] ?? 0) - column(keyStart);
      if (isMap(value) && !unitFound && step > 0) {
        style.unit = step;
        unitFound = true;
      }
      if (isSeq(value) && !seqFound) {
        style.indentSeq = step > 0;
        seqFound = true;
        if (step > 0) seqStep = step;
      }
      visit(value);
      for (const item of isSeq(value) ? value.items : []) visit(item);
    }
  };
  visit(doc.contents);
  if (!unitFound && seqStep > 0) style.unit = seqStep;
  return style;
}
