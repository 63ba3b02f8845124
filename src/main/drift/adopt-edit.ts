import {
  isMap,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { SourcePosition } from '../../shared/diagnostics';
import { editListText } from './adopt-list';
import { AdoptRefusedError } from './adopt-value';
import { columnOf, insertAfter, keyStart, serviceKeyStart } from './adopt-yaml';

// Adopt's edit of a compose file, on text: the file is parsed only to find where the value is
// (every node's source range) and the new text is spliced in, so everything else (comments,
// blank lines, key order, quoting, indentation, line endings) stays byte for byte.

/** What to write: production's value at the service's keys, and where the laptop has it now. */
export interface AdoptEditTarget {
  service: string;
  keys: string[];
  /** A list (cap_add, cap_drop) replaces the laptop's list as a whole. */
  value: string | boolean | string[];
  /** The laptop's current value, as the model reads it (after interpolation); null when absent. */
  devValue: string | null;
  /** Where the laptop's value is written in this file; null to add it under the service. */
  dev: SourcePosition | null;
}

/** The file's text after the edit, and the lines that changed (1-based `line`). */
export interface AdoptEdit {
  text: string;
  line: number;
  before: string[];
  after: string[];
}

/**
 * The compose file's `text` with the target's value written: replaced where the laptop writes
 * it, or added to the service's `environment` (created when absent). Throws AdoptRefusedError
 * naming file:line when the text is not what the model read (interpolation, a flow mapping).
 */
export function editAdoptText(text: string, file: string, target: AdoptEditTarget): AdoptEdit {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const refuse = (offset: number, message: string): AdoptRefusedError => {
    const { line } = lines.linePos(offset);
    return new AdoptRefusedError(`${file}:${line}: ${message}`);
  };
  const [error] = doc.errors;
  if (error) throw refuse(error.pos[0], 'not valid YAML: fix it first');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const { value } = target;
  const edited = Array.isArray(value)
    ? editListText(
        doc,
        text,
        {
          service: target.service,
          key: target.keys[0] ?? '',
          items: value,
          offset: target.dev ? offsetOf(text, target.dev) : null,
        },
        eol,
        refuse,
      )
    : target.dev
      ? replaceValue(doc, text, { ...target, value }, offsetOf(text, target.dev), refuse)
      : addEnvironment(doc, text, { ...target, value }, eol, refuse);
  if (parseDocument(edited, { uniqueKeys: false }).errors.length > 0) {
    throw new AdoptRefusedError(`${file}: the edit would not be valid YAML; edit it by hand`);
  }
  return { text: edited, ...changedLines(text, edited) };
}

type Refuse = (offset: number, message: string) => AdoptRefusedError;

type ScalarTarget = AdoptEditTarget & { value: string | boolean };

function replaceValue(
  doc: Document,
  text: string,
  target: ScalarTarget,
  offset: number,
  refuse: Refuse,
): string {
  let found: Scalar | null = null;
  visit(doc, {
    Scalar(_key, node) {
      const [start, end] = node.range ?? [0, 0];
      if (start <= offset && offset < Math.max(end, start + 1)) found = node;
    },
  });
  const node = found as Scalar | null;
  if (!node?.range) throw refuse(offset, 'found no value where the project was read from');
  const [start, end] = node.range;
  const written = String(node.value);
  const key = target.keys[1] ?? '';
  // Compose reads `$$` as `$`: the text holds the model's value when that is undone.
  const unescaped = written.replaceAll('$$', '$');
  let next: string;
  if (target.devValue !== null && unescaped === target.devValue) {
    next = renderScalar(target.value, node.type);
  } else if (target.keys[0] === 'environment' && unescaped === `${key}=${target.devValue ?? ''}`) {
    next = renderScalar(`${key}=${String(target.value)}`, node.type);
  } else {
    throw refuse(
      start,
      `written as ${JSON.stringify(text.slice(start, end))}, not as the value itself (interpolated?): edit it by hand`,
    );
  }
  return `${text.slice(0, start)}${next}${text.slice(end)}`;
}

function addEnvironment(
  doc: Document,
  text: string,
  target: ScalarTarget,
  eol: string,
  refuse: Refuse,
): string {
  const [first, key] = target.keys;
  if (first !== 'environment' || !key) {
    throw new AdoptRefusedError(
      `${target.service}.${target.keys.join('.')} is not written in the compose file: add it by hand, or run \`parity mirror\``,
    );
  }
  const services = doc.get('services', true);
  const service = isMap(services) ? services.get(target.service, true) : null;
  if (!isMap(service) || service.flow || !service.range) {
    throw refuse(0, `found no block mapping for service ${target.service}`);
  }
  const env = service.get('environment', true);
  const value = String(target.value);
  if (env === undefined || env === null) {
    const indent = ' '.repeat(columnOf(text, keyStart(service.items[0]?.key)));
    const step = ' '.repeat(
      Math.max(2, indent.length - columnOf(text, serviceKeyStart(doc, target.service))),
    );
    return insertAfter(
      text,
      service.range[1],
      [
        `${indent}environment:`,
        `${indent}${step}${renderKey(key)}: ${renderScalar(value, Scalar.PLAIN)}`,
      ],
      eol,
    );
  }
  if ((isMap(env) || isSeq(env)) && !env.flow && env.range && env.items.length > 0) {
    const firstItem = env.items[0];
    // A block sequence's range starts at its first `-`.
    const start = isMap(env) ? keyStart((firstItem as { key: unknown }).key) : env.range[0];
    const indent = ' '.repeat(columnOf(text, start));
    const line = isMap(env)
      ? `${indent}${renderKey(key)}: ${renderScalar(value, Scalar.PLAIN)}`
      : `${indent}- ${renderScalar(`${key}=${value}`, Scalar.PLAIN)}`;
    return insertAfter(text, env.range[1], [line], eol);
  }
  throw refuse(
    (env as Node).range?.[0] ?? 0,
    'environment is written on one line (flow style): add the key by hand',
  );
}

// Plain where YAML and Compose read the text back unchanged; otherwise in the quotes the file
// used (double by default), with `$` doubled so Compose does not interpolate production's text.
function renderScalar(value: string | boolean, type: Scalar['type']): string {
  if (typeof value === 'boolean') return String(value);
  const escaped = value.replaceAll('$', () => '$$');
  if (type === Scalar.QUOTE_SINGLE) return `'${escaped.replaceAll("'", "''")}'`;
  if (type !== Scalar.QUOTE_DOUBLE && PLAIN.test(value) && !SPECIAL.test(value)) return value;
  return JSON.stringify(escaped);
}

const PLAIN = /^[A-Za-z0-9_/][\w./:@+=-]*$/;
// Words and numbers YAML (1.1 or 1.2) would read as something other than a string.
const SPECIAL =
  /^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?[\d.][\d._:eE+-]*|0[xob][\da-fA-F_]+)$/i;
const renderKey = (key: string): string => (PLAIN.test(key) ? key : JSON.stringify(key));

function offsetOf(text: string, position: SourcePosition): number {
  let offset = 0;
  for (let line = 1; line < position.line; line += 1) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset + position.column - 1;
}

// The lines that differ, between the common first and last lines of the two texts.
function changedLines(before: string, after: string): Omit<AdoptEdit, 'text'> {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail += 1;
  }
  const strip = (line: string): string => line.replace(/\r$/, '');
  return {
    line: head + 1,
    before: a.slice(head, a.length - tail).map(strip),
    after: b.slice(head, b.length - tail).map(strip),
  };
}
