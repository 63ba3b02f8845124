import { parse, type DocumentOptions } from 'yaml';
import type { AcceptEntry } from './accept-entry';

// Accept entries and their values as YAML text. `version` is the document's YAML version,
// which decides what a plain scalar reads back as.

/** A YAML version, as a `%YAML` directive names it. */
export type YamlVersion = NonNullable<DocumentOptions['version']>;

/** A double-quoted YAML scalar: JSON's escapes are YAML's. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

/** Plain when YAML reads it back as the same text (in flow context too), else quoted. */
export function scalar(value: string, version: YamlVersion): string {
  if (!/^[A-Za-z0-9_][\w./-]*$/.test(value)) return quoted(value);
  return parse(value, { version }) === value ? value : quoted(value);
}

/** An entry as a flow mapping: `{ path: …, reason: "…" }`. */
export function flowEntry(entry: AcceptEntry, version: YamlVersion): string {
  const expires = entry.expires === undefined ? '' : `, expires: ${scalar(entry.expires, version)}`;
  return `{ path: ${scalar(entry.path, version)}, reason: ${quoted(entry.reason)}${expires} }`;
}

/** An entry as a block list item whose dash is at column `dash`, as one flow line or a block. */
export function itemLines(
  entry: AcceptEntry,
  dash: number,
  flow: boolean,
  version: YamlVersion,
): string[] {
  const pad = ' '.repeat(dash);
  if (flow) return [`${pad}- ${flowEntry(entry, version)}`];
  return [
    `${pad}- path: ${scalar(entry.path, version)}`,
    `${pad}  reason: ${quoted(entry.reason)}`,
    ...(entry.expires === undefined ? [] : [`${pad}  expires: ${scalar(entry.expires, version)}`]),
  ];
}
