import { isMap, isScalar, type Document } from 'yaml';

// Text positions in a compose file, shared by Adopt's edits (adopt-edit.ts, adopt-list.ts).

/** Where a pair's key starts (0 when it has no range). */
export function keyStart(key: unknown): number {
  return isScalar(key) && key.range ? key.range[0] : 0;
}

/** Where a service's key starts under `services`. */
export function serviceKeyStart(doc: Document, service: string): number {
  const services = doc.get('services', true);
  if (!isMap(services)) return 0;
  const pair = services.items.find((p) => isScalar(p.key) && p.key.value === service);
  return keyStart(pair?.key);
}

/** The column (from 0) of an offset. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** `lines` inserted after the line holding offset `end - 1`. */
export function insertAfter(text: string, end: number, lines: string[], eol: string): string {
  // After the line holding the node's last character (a node's range ends past its newline).
  const last = Math.max(0, end - 1);
  const newline = text.indexOf('\n', last);
  const at = newline === -1 ? text.length : newline + 1;
  const before = at > 0 && !text.slice(0, at).endsWith('\n') ? eol : '';
  return `${text.slice(0, at)}${before}${lines.join(eol)}${eol}${text.slice(at)}`;
}
