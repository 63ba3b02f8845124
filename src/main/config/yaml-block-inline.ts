import type { SourcePosition } from '../../shared/diagnostics';
import { plainValue } from './yaml-core-scalar';
import { NeedsLibrary } from './yaml-fast-errors';
import type { YEntry, YNode, YScalar } from './yaml-tree';

// The values yaml-block-reader.ts reads within one line: plain and quoted scalars, and flow
// collections closed on the line they open. Anything else (escapes, tags, anchors, aliases, block
// scalars, a `:` or `#` a flow scalar could be read two ways with, a trailing comma, a key
// without a value) throws NeedsLibrary, as does a line break inside any of them.

const LF = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const COMMA = 0x2c;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

// Indicators a plain scalar may not start with (`-`, `?` and `:` may, before a non-space).
const NOT_PLAIN_START = new Uint8Array(128);
for (const c of ',[]{}#&*!|>\'"%@`') NOT_PLAIN_START[c.charCodeAt(0)] = 1;
// What ends a plain scalar in a flow collection, or makes it one we leave to the library.
const FLOW_STOP = new Uint8Array(128);
for (const c of ',[]{}:#\n') FLOW_STOP[c.charCodeAt(0)] = 1;

/** Deeper than this the reader leaves the text to the readers that measure nesting. */
export const MAX_INLINE_DEPTH = 64;

/** Where a line's content is read: its text, file, line number and first offset. */
export interface LineCursor {
  readonly text: string;
  readonly file: string;
  line: number;
  lineStart: number;
  /** Where the last value readInline read ends (past its closing quote or bracket). */
  end: number;
}

/** The position of an offset on the cursor's current line. */
export function positionAt(cursor: LineCursor, offset: number): SourcePosition {
  return { file: cursor.file, line: cursor.line, column: offset - cursor.lineStart + 1 };
}

/** Whether a plain scalar may start at `at` (not an indicator, nor `-`/`?`/`:` and a space). */
export function plainStart(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128 && NOT_PLAIN_START[c] === 1) return false;
  if (c === 0x2d || c === 0x3f || c === COLON) {
    const next = text.charCodeAt(at + 1);
    return !(next === SPACE || next === LF || Number.isNaN(next));
  }
  return !Number.isNaN(c) && c !== LF && c !== SPACE;
}

/** A plain scalar's value by the core schema, or NeedsLibrary for one it does not type. */
export function plainNode(source: string, pos: SourcePosition): YScalar {
  const value = plainValue(source);
  if (value === undefined) throw new NeedsLibrary();
  return { kind: 'scalar', value, pos };
}

/** The key a plain scalar makes, as the tree spells keys; NeedsLibrary for merges and oddities. */
export function keyOf(source: string): string {
  const value = plainValue(source);
  if (value === undefined || source.length > 1024) throw new NeedsLibrary();
  const key = String(value);
  if (key === '<<') throw new NeedsLibrary();
  return key;
}

/**
 * Reads the quoted scalar or flow collection starting at `at` on the cursor's line; the offset
 * past it is left in `cursor.end` (no pair allocated per value).
 */
export function readInline(cursor: LineCursor, at: number, depth: number): YNode {
  const c = cursor.text.charCodeAt(at);
  if (c === SQUOTE || c === DQUOTE) return readQuoted(cursor, at);
  if (c === LBRACKET || c === LBRACE) return readFlow(cursor, at, depth);
  throw new NeedsLibrary();
}

function readQuoted(cursor: LineCursor, at: number): YScalar {
  const { text } = cursor;
  const quote = text.charCodeAt(at);
  let value = '';
  let from = at + 1;
  for (let i = from; ; i++) {
    const c = text.charCodeAt(i);
    if (Number.isNaN(c) || c === LF || (c === BACKSLASH && quote === DQUOTE)) {
      throw new NeedsLibrary();
    }
    if (c !== quote) continue;
    // `''` inside single quotes is one quote.
    if (quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
      value += text.slice(from, i + 1);
      from = i + 2;
      i++;
      continue;
    }
    value += text.slice(from, i);
    // A comment glued to a closing quote is an error to the yaml library, a comment to js-yaml.
    if (text.charCodeAt(i + 1) === HASH) throw new NeedsLibrary();
    cursor.end = i + 1;
    return { kind: 'scalar', value, pos: positionAt(cursor, at) };
  }
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (text.charCodeAt(i) === SPACE) i++;
  return i;
}

function readFlow(cursor: LineCursor, at: number, depth: number): YNode {
  if (depth > MAX_INLINE_DEPTH) throw new NeedsLibrary();
  const { text } = cursor;
  const seq = text.charCodeAt(at) === LBRACKET;
  const close = seq ? RBRACKET : RBRACE;
  const pos = positionAt(cursor, at);
  const node: YNode = seq
    ? { kind: 'seq', items: [], pos }
    : { kind: 'map', entries: new Map<string, YEntry>(), pos };
  let i = skipSpaces(text, at + 1);
  if (text.charCodeAt(i) === close) {
    if (text.charCodeAt(i + 1) === HASH) throw new NeedsLibrary();
    cursor.end = i + 1;
    return node;
  }
  for (;;) {
    if (node.kind === 'seq') {
      node.items.push(flowItem(cursor, i, depth));
      i = skipSpaces(text, cursor.end);
    } else {
      // Keys are plain, and followed by `: `; anything else is left to the library.
      if (!plainStart(text, i)) throw new NeedsLibrary();
      const source = flowPlain(cursor, i);
      const end = cursor.end;
      if (text.charCodeAt(end) !== COLON || text.charCodeAt(end + 1) !== SPACE) {
        throw new NeedsLibrary();
      }
      const key = keyOf(source);
      if (node.entries.has(key)) throw new NeedsLibrary();
      const keyPos = positionAt(cursor, i);
      node.entries.set(key, { keyPos, value: flowItem(cursor, skipSpaces(text, end + 1), depth) });
      i = skipSpaces(text, cursor.end);
    }
    const c = text.charCodeAt(i);
    if (c === close) break;
    if (c !== COMMA) throw new NeedsLibrary();
    i = skipSpaces(text, i + 1);
    if (text.charCodeAt(i) === close) throw new NeedsLibrary();
  }
  if (text.charCodeAt(i + 1) === HASH) throw new NeedsLibrary();
  cursor.end = i + 1;
  return node;
}

// A value inside a flow collection: a nested one, a quoted scalar or a plain one. A plain one
// followed by `:` would be a single-pair mapping: left to the library.
function flowItem(cursor: LineCursor, at: number, depth: number): YNode {
  const { text } = cursor;
  const c = text.charCodeAt(at);
  if (c === SQUOTE || c === DQUOTE || c === LBRACKET || c === LBRACE) {
    const node = readInline(cursor, at, depth + 1);
    if (text.charCodeAt(skipSpaces(text, cursor.end)) === COLON) throw new NeedsLibrary();
    return node;
  }
  if (!plainStart(text, at)) throw new NeedsLibrary();
  const source = flowPlain(cursor, at);
  if (text.charCodeAt(cursor.end) === COLON) throw new NeedsLibrary();
  return plainNode(source, positionAt(cursor, at));
}

// A plain scalar in a flow collection: up to a flow indicator, `:` or `#` (the caller judges
// which), trailing spaces dropped. A line break or the end of the text inside is left to the
// library.
function flowPlain(cursor: LineCursor, at: number): string {
  const { text } = cursor;
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (Number.isNaN(c) || c === LF) throw new NeedsLibrary();
    if (c < 128 && FLOW_STOP[c] === 1) break;
    i++;
  }
  if (text.charCodeAt(i) === HASH) throw new NeedsLibrary();
  let end = i;
  while (text.charCodeAt(end - 1) === SPACE) end--;
  cursor.end = end;
  return text.slice(at, end);
}
