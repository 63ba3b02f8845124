import type { State } from 'js-yaml';
import type { SourcePosition } from '../../shared/diagnostics';
import { LineIndex } from './line-index';
import { plainValue } from './yaml-core-scalar';
import { NeedsLibrary } from './yaml-fast-errors';
import { MAX_MERGED_ENTRIES } from './yaml-limits';
import { YamlScan } from './yaml-scan';
import type { YEntry, YNode, YScalar } from './yaml-tree';

// The parts of js-yaml's state the listener reads; its published type omits tag and anchor.
interface ListenerState {
  position: number;
  line: number;
  kind: string | null;
  result: unknown;
  tag: string | null;
  anchor: string | null;
}

// A node: while js-yaml reads it, where it started to look for it and the nodes completed
// inside it; once read, its tree (null for an empty node) and js-yaml's value, by which a node
// js-yaml read through a nested call (a wrapper around the same value) is recognised; and, for
// a key, how it was written.
interface Frame {
  open: number;
  children: Frame[] | null;
  node: YNode | null;
  result: unknown;
  plain: boolean;
  /** Written with an anchor (`&a`), or as an alias (`*a`). */
  named: boolean;
}

const NO_CHILDREN: readonly Frame[] = [];

const STAR = 0x2a;

/** Builds the positioned trees of a stream from js-yaml's open and close events. */
export class FastReader {
  private readonly lines: LineIndex;
  private readonly scan: YamlScan;
  private readonly stack: Frame[] = [];
  private readonly roots: Frame[] = [];
  // The nodes of the current document's anchors: an alias is the anchored node itself, as the
  // yaml library path builds it once and shares it.
  private readonly anchors = new Map<string, { node: YNode; result: unknown }>();
  // Entries copied by merge keys: past MAX_MERGED_ENTRIES the library path reports it.
  private readonly merged = { count: 0 };
  // Whether any alias was read, and the deepest the open events went: a tree without aliases
  // is no deeper than that, so the limits walk (yaml-limits.ts) can be skipped for it.
  private aliased = false;
  private deepestOpen = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.lines = new LineIndex(text);
    this.scan = new YamlScan(text);
  }

  /** The tree of each document read, null for an empty one. */
  trees(): (YNode | null)[] {
    return this.roots.map((root) => root.node);
  }

  /** Whether the trees read may break the nesting or aliasing limits, and need measuring. */
  mayBreakLimits(maxDepth: number): boolean {
    return this.aliased || this.deepestOpen > maxDepth;
  }

  /** The js-yaml `listener` option. */
  readonly listener = (event: 'open' | 'close', state: State): void => {
    const s = state as unknown as ListenerState;
    if (event === 'open') {
      if (this.stack.length >= this.deepestOpen) this.deepestOpen = this.stack.length + 1;
      this.stack.push({
        open: s.position,
        children: null,
        node: null,
        result: null,
        plain: false,
        named: false,
      });
      return;
    }
    const frame = this.stack.pop();
    if (!frame) throw new NeedsLibrary();
    const built = this.build(frame, s);
    const parent = this.stack[this.stack.length - 1];
    if (parent?.children) parent.children.push(built);
    else if (parent) parent.children = [built];
    else {
      this.roots.push(built);
      this.anchors.clear();
      this.merged.count = 0;
    }
  };

  private build(frame: Frame, s: ListenerState): Frame {
    if (s.tag !== null && s.tag !== '?') throw new NeedsLibrary();
    const children = frame.children ?? NO_CHILDREN;
    // js-yaml reads a block value by trying a mapping first, whose key read finds the value.
    const only = children.length === 1 ? children[0] : undefined;
    const wrapped = only && only.result === s.result && only.node?.kind === kindOf(s.kind);
    const built = wrapped ? only : this.read(frame, children, s);
    if (s.anchor !== null) {
      // An anchored empty node is positioned by rules of its own: left to the yaml library.
      if (!built.node) throw new NeedsLibrary();
      this.anchors.set(s.anchor, { node: built.node, result: s.result });
      built.named = true;
    }
    return built;
  }

  private read(frame: Frame, children: readonly Frame[], s: ListenerState): Frame {
    frame.result = s.result;
    switch (s.kind) {
      case 'scalar':
        if (children.length > 0) throw new NeedsLibrary();
        frame.node = this.scalar(frame, s);
        break;
      case 'sequence':
        frame.node = this.sequence(frame.open, children, s);
        break;
      case 'mapping':
        frame.node = this.mapping(frame.open, children, s);
        break;
      case null:
      default: {
        // An alias (js-yaml gives it no kind), or an empty node.
        const start = this.scan.skip(frame.open);
        if (this.text.charCodeAt(start) === STAR && start < s.position) {
          frame.node = this.alias(start, s.result);
          frame.named = true;
        } else if (s.result !== null && s.result !== undefined) {
          throw new NeedsLibrary();
        }
      }
    }
    return frame;
  }

  // js-yaml's alias name: up to a space, a line break or a flow indicator. js-yaml's value
  // for it must be the anchored one: an alias inside the collection it names (js-yaml anchors a
  // collection before reading it) finds no finished node here.
  private alias(start: number, result: unknown): YNode {
    const end = this.scan.nameEnd(start);
    const anchored = this.anchors.get(this.text.slice(start + 1, end));
    if (!anchored || anchored.result !== result) throw new NeedsLibrary();
    this.aliased = true;
    return anchored.node;
  }

  private scalar(frame: Frame, s: ListenerState): YScalar {
    const start = this.scan.skip(frame.open);
    if (typeof s.result !== 'string') throw new NeedsLibrary();
    const first = this.text.charCodeAt(start);
    if (first === 0x7c || first === 0x3e) {
      return { kind: 'scalar', value: s.result, pos: this.at(start) };
    }
    // Multi-line plain and quoted scalars fold lines by rules the libraries may apply apart.
    if (first === 0x27 || first === 0x22) {
      if (this.scan.spansLines(start, s.position)) throw new NeedsLibrary();
      this.scan.notGlued(s.position);
      return { kind: 'scalar', value: s.result, pos: this.at(start) };
    }
    if (first === STAR || first === 0x26 || first === 0x21) throw new NeedsLibrary();
    frame.plain = true;
    const pos = this.at(start);
    // js-yaml ends a plain scalar on its first line (its 0-based line) unless the scalar went
    // on, or js-yaml looked past its end for a continuation (before a `---`): then it is on one
    // line when it is written exactly as its value (folding turns each line break into a space
    // or fewer breaks than written, so a value without either is).
    if (s.line !== pos.line - 1 && !this.scan.writtenAt(s.result, start)) throw new NeedsLibrary();
    const value = plainValue(s.result);
    if (value === undefined) throw new NeedsLibrary();
    return { kind: 'scalar', value, pos };
  }

  private sequence(open: number, children: readonly Frame[], s: ListenerState): YNode {
    const start = this.scan.skip(open);
    if (this.text.charCodeAt(start) === 0x5b) this.scan.flowEnd(start, s.position);
    // js-yaml stores an empty `-` entry without reading a node for it.
    if (!Array.isArray(s.result) || s.result.length !== children.length) {
      throw new NeedsLibrary();
    }
    const items: YNode[] = [];
    for (const child of children) {
      if (!child.node) throw new NeedsLibrary();
      items.push(child.node);
    }
    return { kind: 'seq', items, pos: this.at(start) };
  }

  private mapping(open: number, children: readonly Frame[], s: ListenerState): YNode {
    const start = this.scan.skip(open);
    const flow = this.text.charCodeAt(start) === 0x7b;
    if (flow) this.scan.flowEnd(start, s.position);
    let count = children.length;
    // A block mapping ends with a try at reading one more key, which found nothing.
    if (count % 2 === 1 && !flow && children[count - 1]?.node === null) count--;
    if (count % 2 === 1) throw new NeedsLibrary();
    const entries = new Map<string, YEntry>();
    // Made only for a mapping with a merge key: most have none, and a Map per mapping adds up.
    let merged: Map<string, YEntry> | null = null;
    for (let i = 0; i < count; i += 2) {
      const keyFrame = children[i];
      const keyNode = keyFrame?.node;
      const valueFrame = children[i + 1];
      if (!keyNode || keyNode.kind !== 'scalar' || keyFrame.named || !valueFrame) {
        throw new NeedsLibrary();
      }
      const key = String(keyNode.value);
      if (!valueFrame.node && flow) throw new NeedsLibrary();
      const value = valueFrame.node ?? this.emptyValue(valueFrame.open);
      if (key === '<<' && keyFrame.plain) {
        merge(value, (merged ??= new Map<string, YEntry>()), this.merged);
        continue;
      }
      // Duplicates and over-long implicit keys carry the yaml library's diagnostics.
      if (key.length > 1024 || entries.has(key)) throw new NeedsLibrary();
      entries.set(key, { keyPos: keyNode.pos, value });
    }
    // Keys written in the mapping itself override merged ones, as yaml-tree.ts merges.
    if (merged) for (const [key, entry] of merged) if (!entries.has(key)) entries.set(key, entry);
    // Flow entries without a value (`{a, b: c}`) leave js-yaml more keys than pairs read.
    if (flow && Object.keys(s.result as object).length !== count / 2) {
      throw new NeedsLibrary();
    }
    return { kind: 'map', entries, pos: this.at(start) };
  }

  private emptyValue(open: number): YScalar {
    return { kind: 'scalar', value: null, pos: this.at(this.scan.emptyAt(open)) };
  }

  private at(offset: number): SourcePosition {
    return this.lines.at(offset, this.file);
  }
}

// `<<: *a` or `<<: [*a, *b]`, as yaml-tree.ts applies it: earlier sources win; anything but
// mappings is an error, which the yaml library path reports.
function merge(value: YNode, into: Map<string, YEntry>, copied: { count: number }): void {
  const sources = value.kind === 'seq' ? value.items : [value];
  for (const source of sources) {
    if (source.kind !== 'map') throw new NeedsLibrary();
    copied.count += source.entries.size;
    if (copied.count > MAX_MERGED_ENTRIES) throw new NeedsLibrary();
    for (const [key, entry] of source.entries) if (!into.has(key)) into.set(key, entry);
  }
}

function kindOf(kind: string | null): YNode['kind'] | null {
  if (kind === 'scalar') return 'scalar';
  if (kind === 'sequence') return 'seq';
  if (kind === 'mapping') return 'map';
  return null;
}
