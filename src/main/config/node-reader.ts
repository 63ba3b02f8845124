import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import { boundQuotes, excerpt } from '../../shared/terminal-text';
import type { YMap, YNode } from './yaml-tree';

/**
 * Reads typed values out of a positioned YAML tree, reporting each mismatch as a diagnostic
 * with the value's position ("found a list, expected a string") instead of throwing.
 */
export class NodeReader {
  constructor(readonly diagnostics: Diagnostic[]) {}

  /** Records a problem at a position. */
  report(severity: Diagnostic['severity'], message: string, position: SourcePosition): void {
    // Messages quote values as written: a long one is cut to an excerpt, controls escaped.
    this.diagnostics.push({ severity, message: boundQuotes(message), position });
  }

  /** The node as a mapping, or null with an error naming the key. */
  map(node: YNode | undefined, what: string): YMap | null {
    if (!node || isNull(node)) return null;
    if (node.kind === 'map') return node;
    this.report('error', `found ${describe(node)} for ${what}, expected a mapping`, node.pos);
    return null;
  }

  /** A scalar as a string (numbers and booleans as YAML wrote them), or null. */
  string(node: YNode | undefined, what: string): string | null {
    if (!node || isNull(node)) return null;
    if (node.kind === 'scalar') return String(node.value);
    this.report('error', `found ${describe(node)} for ${what}, expected a string`, node.pos);
    return null;
  }

  /** A whole number, from a number or a numeric string. */
  integer(node: YNode | undefined, what: string): number | null {
    const text = this.string(node, what);
    if (text === null || !node) return null;
    const value = Number(text);
    if (Number.isInteger(value)) return value;
    this.report('error', `found ${describe(node)} for ${what}, expected a whole number`, node.pos);
    return null;
  }

  /** A boolean (true/false only, as YAML 1.2 reads them). */
  boolean(node: YNode | undefined, what: string): boolean | null {
    if (!node || isNull(node)) return null;
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    this.report('error', `found ${describe(node)} for ${what}, expected true or false`, node.pos);
    return null;
  }

  /** A string or a list of strings, as a list. */
  stringList(node: YNode | undefined, what: string): { value: string; node: YNode }[] {
    if (!node || isNull(node)) return [];
    if (node.kind === 'scalar') return [{ value: String(node.value), node }];
    if (node.kind === 'seq') {
      return node.items.flatMap((item) => {
        const value = this.string(item, what);
        return value === null ? [] : [{ value, node: item }];
      });
    }
    this.report(
      'error',
      `found a mapping for ${what}, expected a string or a list of strings`,
      node.pos,
    );
    return [];
  }

  /**
   * A mapping or a list of `KEY=VALUE` strings (environment, labels, build args), as entries;
   * a list item without `=` has a null value.
   */
  keyValues(
    node: YNode | undefined,
    what: string,
  ): { key: string; value: string | null; node: YNode }[] {
    if (!node || isNull(node)) return [];
    if (node.kind === 'map') {
      return [...node.entries].map(([key, entry]) => ({
        key,
        value: isNull(entry.value) ? null : this.string(entry.value, `${what}.${key}`),
        node:
          entry.value.kind === 'scalar' && entry.value.value === null
            ? { ...entry.value, pos: entry.keyPos }
            : entry.value,
      }));
    }
    if (node.kind === 'seq') {
      return node.items.flatMap((item) => {
        const text = this.string(item, what);
        if (text === null) return [];
        const eq = text.indexOf('=');
        return [
          eq < 0
            ? { key: text, value: null, node: item }
            : { key: text.slice(0, eq), value: text.slice(eq + 1), node: item },
        ];
      });
    }
    this.report(
      'error',
      `found a string for ${what}, expected a mapping or a list of KEY=VALUE`,
      node.pos,
    );
    return [];
  }
}

/** Whether a node is YAML null (`~`, `null`, or nothing). */
export function isNull(node: YNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}

/**
 * "a list", "a mapping", or a short excerpt of the scalar as written, for messages. A value in a
 * file outside the project (an `extends` or `include` of /proc/self/environ, ~/.netrc) is never
 * quoted, not even in part: only what kind of value it is.
 */
export function describe(node: YNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'null';
  if (isOutside(node.pos.file)) {
    return typeof node.value === 'string' ? 'a string' : `a ${typeof node.value}`;
  }
  return excerpt(String(node.value));
}

/** Whether a position's file (named relative to the project) is outside the project's folder. */
export function isOutside(file: string): boolean {
  return (
    file.startsWith('../') ||
    file.startsWith('..\\') ||
    file === '..' ||
    /^(?:[/\\]|[A-Za-z]:)/.test(file)
  );
}
