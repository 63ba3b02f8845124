import { NeedsLibrary } from './yaml-fast-errors';
import {
  keyOf,
  MAX_INLINE_DEPTH,
  plainNode,
  plainStart,
  positionAt,
  readInline,
  type LineCursor,
} from './yaml-block-inline';
import type { YEntry, YMap, YNode, YSeq } from './yaml-tree';

// Most YAML in repositories is block mappings and sequences of one-line scalars and flow
// collections. This reader builds the yaml library's positioned tree for exactly that, straight
// from the text, in one pass and without an intermediate tree (js-yaml and its events cost
// several times more, most of it garbage). On anything else it gives up (returns null) and
// yaml-fast.ts tries js-yaml, then the yaml library: empty documents, a root that is not a
// block collection at column 0, multi-line scalars, block scalars, anchors, aliases, tags,
// merge keys, quoted or complex keys, duplicate keys, escapes, CRs, and nesting deeper than
// MAX_INLINE_DEPTH. yaml-fast.ts has already refused tabs, directives, `...` and `?`.

const LF = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;

// Past the end of the text, or a `---` line: what the document's collections stop at.
const END = -1;
const MARKER = -2;

/** The tree of each document of the stream, or null when it needs the other readers. */
export function readBlockYaml(text: string, file: string): YNode[] | null {
  if (text.includes('\r')) return null;
  try {
    return new BlockReader(text, file).documents();
  } catch (error) {
    if (error instanceof NeedsLibrary) return null;
    throw error;
  }
}

class BlockReader implements LineCursor {
  line = 1;
  lineStart = 0;
  end = 0;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  documents(): YNode[] {
    const roots: YNode[] = [];
    if (this.next() === MARKER) this.skipLine();
    for (;;) {
      // An empty document is read differently by each library: left to them.
      const indent = this.next();
      if (indent !== 0) throw new NeedsLibrary();
      roots.push(this.node(0, 0));
      const after = this.next();
      if (after === END) return roots;
      if (after !== MARKER) throw new NeedsLibrary();
      this.skipLine();
    }
  }

  // Moves to the next line with content; returns its indentation, END or MARKER.
  private next(): number {
    const { text } = this;
    for (;;) {
      let i = this.lineStart;
      if (i >= text.length) return END;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      if (c === LF || c === HASH || Number.isNaN(c)) {
        if (!this.skipLine()) return END;
        continue;
      }
      const indent = i - this.lineStart;
      if (indent === 0 && text.startsWith('---', i)) {
        const after = text.charCodeAt(i + 3);
        if (after === LF || after === SPACE || Number.isNaN(after)) return MARKER;
        throw new NeedsLibrary();
      }
      return indent;
    }
  }

  // Moves past the current line; false at the end of the text.
  private skipLine(): boolean {
    const eol = this.text.indexOf('\n', this.lineStart);
    if (eol === -1) {
      this.lineStart = this.text.length;
      return false;
    }
    this.lineStart = eol + 1;
    this.line++;
    return true;
  }

  // The block collection whose first line has content at `indent`.
  private node(indent: number, depth: number): YNode {
    if (depth > MAX_INLINE_DEPTH) throw new NeedsLibrary();
    const at = this.lineStart + indent;
    return this.isDash(at) ? this.sequence(indent, depth) : this.mapping(indent, at, depth);
  }

  private isDash(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === LF || Number.isNaN(next);
  }

  // A block mapping whose keys are at `indent`, the first at offset `first` (after a `- `).
  private mapping(indent: number, first: number, depth: number): YMap {
    const { text } = this;
    const entries = new Map<string, YEntry>();
    const pos = positionAt(this, first);
    let at = first;
    for (;;) {
      if (!plainStart(text, at)) throw new NeedsLibrary();
      const colon = this.keyEnd(at);
      if (colon === -1) throw new NeedsLibrary();
      const key = keyOf(text.slice(at, colon));
      if (entries.has(key)) throw new NeedsLibrary();
      const keyPos = positionAt(this, at);
      entries.set(key, { keyPos, value: this.value(indent, colon + 1, depth, true) });
      const following = this.next();
      if (following < indent) return { kind: 'map', entries, pos };
      at = this.lineStart + indent;
      if (following > indent || this.isDash(at)) throw new NeedsLibrary();
    }
  }

  // The `:` that ends a plain key starting at `at`: followed by a space or the line's end, and
  // before any comment; -1 when there is none, or a space before it (left to the library).
  private keyEnd(at: number): number {
    const { text } = this;
    for (let i = at; ; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || Number.isNaN(c)) return -1;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
      if (c !== COLON) continue;
      const next = text.charCodeAt(i + 1);
      if (next !== SPACE && next !== LF && !Number.isNaN(next)) continue;
      return text.charCodeAt(i - 1) === SPACE ? -1 : i;
    }
  }

  private sequence(indent: number, depth: number): YSeq {
    const { text } = this;
    const items: YNode[] = [];
    const pos = positionAt(this, this.lineStart + indent);
    for (;;) {
      const dash = this.lineStart + indent;
      let at = dash + 1;
      while (text.charCodeAt(at) === SPACE) at++;
      const c = text.charCodeAt(at);
      if (c !== LF && c !== HASH && !Number.isNaN(c) && this.startsKey(at)) {
        // `- key: value`: a mapping whose keys line up with this first one.
        items.push(this.mapping(at - this.lineStart, at, depth + 1));
      } else {
        if (this.isDash(at)) throw new NeedsLibrary();
        items.push(this.value(indent, dash + 1, depth, false));
      }
      const following = this.next();
      if (following < indent) return { kind: 'seq', items, pos };
      if (following > indent) throw new NeedsLibrary();
      if (!this.isDash(this.lineStart + indent)) return { kind: 'seq', items, pos };
    }
  }

  // Whether the line from `at` is a plain key and its `:` (as opposed to a value).
  private startsKey(at: number): boolean {
    return plainStart(this.text, at) && this.keyEnd(at) !== -1;
  }

  // The value after a key's `:` or an entry's `-` at `from`, on this line or (for an empty
  // line's rest) the block node below; `indent` is the collection's. An empty mapping value is
  // a null scalar placed after the spaces; an empty sequence entry is left to the library.
  private value(indent: number, from: number, depth: number, inMapping: boolean): YNode {
    const { text } = this;
    let at = from;
    while (text.charCodeAt(at) === SPACE) at++;
    const c = text.charCodeAt(at);
    if (c === LF || c === HASH || Number.isNaN(c)) {
      const empty = positionAt(this, at);
      this.skipLine();
      const below = this.next();
      if (below > indent) return this.node(below, depth + 1);
      // A mapping's value may be a sequence at the mapping's own indentation.
      if (inMapping && below === indent && this.isDash(this.lineStart + indent)) {
        return this.sequence(indent, depth + 1);
      }
      if (!inMapping) throw new NeedsLibrary();
      return { kind: 'scalar', value: null, pos: empty };
    }
    if (plainStart(text, at)) return this.plain(at);
    const node = readInline(this, at, depth + 1);
    this.lineRest(this.end);
    return node;
  }

  // A plain scalar to the end of its line or a comment; one that holds a `: ` or ends in `:` is
  // a key or an error, left to the library. The next line is read by the caller.
  private plain(at: number): YNode {
    const { text } = this;
    let eol = text.indexOf('\n', at);
    if (eol === -1) eol = text.length;
    let end = eol;
    for (let i = at; i < eol; i++) {
      const c = text.charCodeAt(i);
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
      if (c === COLON) {
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || i + 1 === eol) throw new NeedsLibrary();
      }
    }
    while (text.charCodeAt(end - 1) === SPACE) end--;
    const node = plainNode(text.slice(at, end), positionAt(this, at));
    this.skipLine();
    return node;
  }

  // After a quoted scalar or a flow collection: only spaces and a comment, then the next line.
  private lineRest(end: number): void {
    const { text } = this;
    let i = end;
    while (text.charCodeAt(i) === SPACE) i++;
    const c = text.charCodeAt(i);
    if (c === COLON) throw new NeedsLibrary();
    if (!(c === LF || Number.isNaN(c) || (c === HASH && i > end))) throw new NeedsLibrary();
    this.skipLine();
  }
}
