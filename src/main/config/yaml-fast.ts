import { FAILSAFE_SCHEMA, loadAll, YAMLException, type State } from 'js-yaml';
import { isScalar, Schema, type ScalarTag } from 'yaml';
import type { SourcePosition } from '../../shared/diagnostics';
import type { YEntry, YNode, YScalar } from './yaml-tree';

// The yaml library is the reference reader but spends most of a drift on building its CST and
// documents (a 700 KB manifest: ~300 ms against ~25 ms for js-yaml). This front end builds the
// same positioned tree from js-yaml's parse events, and gives up (returns null, so the caller
// reads the text with the yaml library) on everything where the two trees, or the diagnostics,
// could differ: tags, anchors, aliases, merge keys, duplicate or complex keys, explicit `?`
// keys, directives, tabs, multi-line plain or quoted scalars, flow collections continued at the
// indentation they started at, BOMs, lone CRs, and any text js-yaml rejects. test/unit/config/yaml-fast.test.ts holds it to the yaml
// library's tree on every YAML file of the corpora, the examples and the fixtures.

/** Thrown from the listener when the text needs the yaml library's reading. */
class NeedsLibrary extends Error {}

// The parts of js-yaml's state the listener reads; its published type omits tag and anchor.
interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
  tag: string | null;
  anchor: string | null;
}

// A node being read: where js-yaml started looking for it, and the nodes completed inside it.
interface Frame {
  open: number;
  children: Built[];
}

// A node read: its tree (null for an empty node) and js-yaml's value, by which a node that
// js-yaml read through a nested call (a wrapper around the same value) is recognised.
interface Built {
  node: YNode | null;
  result: unknown;
  open: number;
}

// Plain scalars are resolved by the yaml library's own YAML 1.2 core schema tags (the schema
// parseDocument uses by default), so `on`/`yes` stay strings, `0o17` is 15 and `.inf` Infinity.
const coreTags = new Schema({}).tags.filter(
  (tag): tag is ScalarTag => !tag.collection && tag.default === true && tag.test !== undefined,
);

function plainValue(source: string): YScalar['value'] {
  for (const tag of coreTags) {
    if (!tag.test?.test(source)) continue;
    const resolved = tag.resolve(source, () => undefined, {});
    const value: unknown = isScalar(resolved) ? resolved.value : resolved;
    // The core schema resolves to null, booleans and numbers only.
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
    throw new NeedsLibrary();
  }
  return source;
}

// Offsets to 1-based lines and columns, as the yaml library's LineCounter counts them.
class Lines {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.starts.push(i + 1);
    }
  }

  index(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  at(offset: number, file: string): SourcePosition {
    const index = this.index(offset);
    return { file, line: index + 1, column: offset - (this.starts[index] ?? 0) + 1 };
  }
}

// Texts whose reading could differ between the libraries in ways the listener cannot see.
const UNSUPPORTED = [
  /\r(?!\n)/, // a lone CR: js-yaml breaks lines on it, the yaml library's LineCounter does not
  /^%/m, // directives
  /^\.\.\.(?:[ \t]|$)/m, // document end markers
  /^---[ \t]+[^\s#]/m, // content on the `---` line
  /(?:^|[\s[{,])\?(?:[ \t]|$)/m, // explicit `?` keys
  /\t/, // tabs: the two libraries accept different places for them
];

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;

class FastReader {
  private readonly lines: Lines;
  private readonly stack: Frame[] = [];
  readonly roots: Built[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.lines = new Lines(text);
  }

  readonly listener = (event: 'open' | 'close', state: State): void => {
    const s = state as unknown as ListenerState;
    if (event === 'open') {
      this.stack.push({ open: s.position, children: [] });
      return;
    }
    const frame = this.stack.pop();
    if (!frame) throw new NeedsLibrary();
    const built = this.build(frame, s);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(built);
    else this.roots.push(built);
  };

  private build(frame: Frame, s: ListenerState): Built {
    if (s.anchor !== null || (s.tag !== null && s.tag !== '?')) throw new NeedsLibrary();
    const { children } = frame;
    // js-yaml reads a block value by trying a mapping first, whose key read finds the value.
    const only = children.length === 1 ? children[0] : undefined;
    if (only && only.result === s.result && only.node?.kind === kindOf(s.kind)) return only;
    const built = (node: YNode | null): Built => ({ node, result: s.result, open: frame.open });
    switch (s.kind) {
      case 'scalar':
        if (children.length > 0) throw new NeedsLibrary();
        return built(this.scalar(frame.open, s));
      case 'sequence':
        return built(this.sequence(frame, s));
      case 'mapping':
        return built(this.mapping(frame, s));
      case null:
      default:
        // An empty node; a result here is an alias, which the yaml library resolves.
        if (s.result !== null && s.result !== undefined) throw new NeedsLibrary();
        return built(null);
    }
  }

  private scalar(open: number, s: ListenerState): YScalar {
    const start = this.skip(open);
    const end = s.position;
    if (typeof s.result !== 'string') throw new NeedsLibrary();
    const first = this.text.charCodeAt(start);
    if (first === 0x7c || first === 0x3e) {
      return { kind: 'scalar', value: s.result, pos: this.at(start) };
    }
    // Multi-line plain and quoted scalars fold lines by rules the libraries may apply apart.
    if (first === 0x27 || first === 0x22) {
      if (this.spansLines(start, end)) throw new NeedsLibrary();
      this.notGlued(end);
      return { kind: 'scalar', value: s.result, pos: this.at(start) };
    }
    if (first === 0x2a || first === 0x26 || first === 0x21) throw new NeedsLibrary();
    // js-yaml may have looked past the end of a plain scalar, for a continuation line: a plain
    // scalar is on one line when it is written exactly as its value (folding turns each line
    // break into a space or fewer breaks than written).
    if (s.result.includes('\n') || !this.text.startsWith(s.result, start)) {
      throw new NeedsLibrary();
    }
    return { kind: 'scalar', value: plainValue(s.result), pos: this.at(start) };
  }

  private sequence(frame: Frame, s: ListenerState): YNode {
    const start = this.skip(frame.open);
    if (this.text.charCodeAt(start) === 0x5b) this.flowEnd(start, s.position);
    // js-yaml stores an empty `-` entry without reading a node for it.
    if (!Array.isArray(s.result) || s.result.length !== frame.children.length) {
      throw new NeedsLibrary();
    }
    const items = frame.children.map((child) => {
      if (!child.node) throw new NeedsLibrary();
      return child.node;
    });
    return { kind: 'seq', items, pos: this.at(start) };
  }

  private mapping(frame: Frame, s: ListenerState): YNode {
    const start = this.skip(frame.open);
    const flow = this.text.charCodeAt(start) === 0x7b;
    if (flow) this.flowEnd(start, s.position);
    const children = [...frame.children];
    // A block mapping ends with a try at reading one more key, which found nothing.
    if (children.length % 2 === 1 && children[children.length - 1]?.node === null) children.pop();
    const entries = new Map<string, YEntry>();
    for (let i = 0; i + 1 < children.length; i += 2) {
      const keyNode = children[i]?.node;
      const valueBuilt = children[i + 1];
      if (!keyNode || keyNode.kind !== 'scalar' || !valueBuilt) throw new NeedsLibrary();
      const key = String(keyNode.value);
      // Merge keys, duplicates and over-long implicit keys carry the yaml library's diagnostics.
      if (key === '<<' || key.length > 1024 || entries.has(key)) throw new NeedsLibrary();
      if (!valueBuilt.node && flow) throw new NeedsLibrary();
      const value = valueBuilt.node ?? this.empty(valueBuilt.open);
      entries.set(key, { keyPos: keyNode.pos, value });
    }
    // Flow entries without a value (`{a, b: c}`) leave js-yaml more keys than pairs read.
    const keys = s.result && typeof s.result === 'object' ? Object.keys(s.result).length : -1;
    if (children.length % 2 === 1 || keys !== entries.size) throw new NeedsLibrary();
    return { kind: 'map', entries, pos: this.at(start) };
  }

  // The yaml library places an empty value just past the spaces after its `:`.
  private empty(open: number): YScalar {
    let at = open;
    for (let c = this.text.charCodeAt(at); c === SPACE || c === TAB;) {
      c = this.text.charCodeAt(++at);
    }
    return { kind: 'scalar', value: null, pos: this.at(at) };
  }

  // js-yaml reports a node from where it started to look: skip separation spaces and comments.
  private skip(from: number): number {
    const { text } = this;
    let at = from;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === SPACE || c === TAB || c === LF || c === CR) at++;
      else if (c === HASH) {
        const eol = text.indexOf('\n', at);
        at = eol === -1 ? text.length : eol;
      } else return at;
    }
  }

  private spansLines(start: number, end: number): boolean {
    const eol = this.text.indexOf('\n', start);
    return eol !== -1 && eol < end;
  }

  // A comment glued to a quoted scalar or a flow collection (`"a"#b`) is an error to the yaml
  // library and a comment to js-yaml.
  private notGlued(end: number): void {
    if (this.text.charCodeAt(end) !== HASH) return;
    const before = this.text.charCodeAt(end - 1);
    if (before !== SPACE && before !== TAB && before !== LF) throw new NeedsLibrary();
  }

  // A flow collection over several lines must be indented past its parent block collection for
  // the yaml library; every further line indented past the first one's indentation is enough.
  private flowEnd(start: number, end: number): void {
    this.notGlued(end);
    if (!this.spansLines(start, end)) return;
    const { text } = this;
    let line = text.lastIndexOf('\n', start - 1) + 1;
    let base = 0;
    while (text.charCodeAt(line + base) === SPACE) base++;
    for (line = text.indexOf('\n', start) + 1; line > 0 && line < end;) {
      let indent = 0;
      while (text.charCodeAt(line + indent) === SPACE) indent++;
      const c = text.charCodeAt(line + indent);
      if (indent <= base && c !== LF && c !== CR) throw new NeedsLibrary();
      line = text.indexOf('\n', line) + 1;
    }
  }

  private at(offset: number): SourcePosition {
    return this.lines.at(offset, this.file);
  }
}

function kindOf(kind: string | null): YNode['kind'] | null {
  if (kind === 'scalar') return 'scalar';
  if (kind === 'sequence') return 'seq';
  if (kind === 'mapping') return 'map';
  return null;
}

/**
 * The positioned tree of each document of a YAML stream (null for an empty document), read
 * with js-yaml; null when the text needs the yaml library (see the list above), which then
 * also gives the diagnostics. A tree returned is the one the yaml library's path builds.
 */
export function fastYamlRoots(text: string, file: string): (YNode | null)[] | null {
  if (text.charCodeAt(0) === 0xfeff || UNSUPPORTED.some((re) => re.test(text))) return null;
  const reader = new FastReader(text, file);
  try {
    loadAll(text, undefined, {
      schema: FAILSAFE_SCHEMA,
      listener: reader.listener,
      onWarning: () => {
        throw new NeedsLibrary();
      },
    });
  } catch (error) {
    // A syntax error (js-yaml's) or a construct left to the yaml library: either way, it reads.
    if (error instanceof NeedsLibrary || error instanceof YAMLException) return null;
    throw error;
  }
  return reader.roots.map((root) => root.node);
}

// `helm template` writes `# Source: <chart>/templates/<file>` before every document; which
// document the yaml library attaches such a comment to is its own business.
const HELM_SOURCE_COMMENT = /#\s*Source:/;

/**
 * The non-empty documents of a stream as parseYamlDocuments (kubernetes/yaml-documents.ts)
 * keeps them; null when the yaml library must read the text, Helm `# Source:` comments included.
 */
export function fastYamlDocuments(text: string, file: string): YNode[] | null {
  if (HELM_SOURCE_COMMENT.test(text)) return null;
  const roots = fastYamlRoots(text, file);
  if (!roots) return null;
  // A comment-only document has a null scalar as its contents in the yaml library: skipped too.
  return roots.filter(
    (root): root is YNode => root !== null && !(root.kind === 'scalar' && root.value === null),
  );
}
