import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import { fastYamlRoots } from './yaml-fast';
import {
  depthProblem,
  isStackOverflow,
  MAX_MERGED_ENTRIES,
  textLimitProblem,
  treeLimitProblem,
  writtenDepthOffset,
  type AliasUse,
} from './yaml-limits';

/** A YAML value with the position it was written at; the config model is built from these. */
export type YNode = YScalar | YMap | YSeq;

/** A scalar: string, number, boolean or null. */
export interface YScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  pos: SourcePosition;
}

/** One key of a mapping, with the position of the key itself. */
export interface YEntry {
  keyPos: SourcePosition;
  value: YNode;
}

/** A mapping, keys in the order written (merge keys already applied). */
export interface YMap {
  kind: 'map';
  entries: Map<string, YEntry>;
  pos: SourcePosition;
}

/** A sequence. */
export interface YSeq {
  kind: 'seq';
  items: YNode[];
  pos: SourcePosition;
}

/** A parsed file: its tree (null when empty or unreadable) and what was wrong with it. */
export interface ParsedYaml {
  root: YNode | null;
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML as it is found in real projects: anchors and aliases, `<<` merge keys, x- keys,
 * and duplicate keys (a warning naming both lines; the last one wins, as in Compose). A text
 * past the limits of yaml-limits.ts (size, line length, nesting, aliasing) is an error.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const tooLarge = textLimitProblem(text, file);
  if (tooLarge) return { root: null, diagnostics: [tooLarge] };
  const roots = fastYamlRoots(text, file);
  // The yaml library gives an empty document after `---` a null scalar, and several documents
  // an error: both are left to it.
  if (roots && roots.length <= 1) {
    const root = roots[0] ?? null;
    if (root || !/^---/m.test(text)) return { root, diagnostics: [] };
  }
  return parseYamlByLibrary(text, file);
}

/** parseYaml as the yaml library reads it: the reference for the fast path, and its fallback. */
export function parseYamlByLibrary(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, merge: false });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const diagnostics: Diagnostic[] = [
    ...doc.errors.map((e) => yamlDiagnostic('error', e.message, at(e.pos[0]))),
    ...doc.warnings.map((w) => yamlDiagnostic('warning', w.message, at(w.pos[0]))),
  ];
  if (doc.errors.length > 0) return { root: null, diagnostics };
  return { root: documentTree(doc, at, diagnostics), diagnostics };
}

/**
 * The positioned tree of one parsed document (of a single- or multi-document stream): aliases
 * resolved, `<<` merge keys applied, duplicate keys warned about.
 */
export function documentTree(
  doc: Document,
  at: (offset: number) => SourcePosition,
  diagnostics: Diagnostic[],
): YNode | null {
  if (!doc.contents) return null;
  // The builder recurses along the document as written: its depth is checked first.
  const deep = writtenDepthOffset(doc.contents);
  if (deep !== null) {
    diagnostics.push(depthProblem(at(deep)));
    return null;
  }
  const builder = new TreeBuilder(at, diagnostics);
  const root = builder.build(doc.contents);
  if (builder.mergeOverflow) return null;
  // Every later walk follows aliases: the expanded tree is measured before anyone walks it.
  const problem = treeLimitProblem(root, builder.aliases);
  if (problem) {
    diagnostics.push(problem);
    return null;
  }
  return root;
}

/**
 * A diagnostic from a yaml library error, whose message ends with a code frame: its first
 * line. The library's own stack overflow (it catches it) is said as the nesting it means.
 */
export function yamlDiagnostic(
  severity: Diagnostic['severity'],
  message: string,
  position: SourcePosition,
): Diagnostic {
  if (isStackOverflow(message)) return depthProblem(position);
  return { severity, message: message.split('\n')[0] ?? message, position };
}

class TreeBuilder {
  /** Each alias written, with the tree it stands for: where excessive aliasing is reported. */
  readonly aliases: AliasUse[] = [];
  /** Set when merge keys copied more than MAX_MERGED_ENTRIES entries (reported). */
  mergeOverflow = false;
  // An alias may be used many times; its tree is built once.
  private readonly built = new Map<Node, YNode>();
  private readonly building = new Set<Node>();
  private readonly anchors = new Map<string, Node>();
  private merged = 0;

  constructor(
    private readonly at: (offset: number) => SourcePosition,
    private readonly diagnostics: Diagnostic[],
  ) {}

  build(node: Node): YNode {
    // The library's Alias.resolve searches the whole document for each alias (quadratic in a
    // file of many aliases): anchors are kept here as the walk meets them, in document order.
    const target = isAlias(node) ? this.anchors.get(node.source) : node;
    if (!target) {
      return { kind: 'scalar', value: null, pos: this.at(node.range?.[0] ?? 0) };
    }
    const cached = this.built.get(target);
    if (cached) {
      if (isAlias(node)) this.aliases.push(this.aliasUse(node, cached));
      return cached;
    }
    // An alias inside the collection it names would make an endless tree.
    if (this.building.has(target)) {
      const pos = this.at(node.range?.[0] ?? 0);
      this.diagnostics.push({
        severity: 'error',
        message: 'found an alias inside the node it names, expected an alias to an earlier node',
        position: pos,
      });
      return { kind: 'scalar', value: null, pos };
    }
    this.anchor(target);
    this.building.add(target);
    const result = this.buildNode(target);
    this.building.delete(target);
    this.built.set(target, result);
    if (isAlias(node)) this.aliases.push(this.aliasUse(node, result));
    return result;
  }

  // The latest anchor of a name is the one an alias after it names.
  private anchor(node: Node | null): void {
    if (!node || isAlias(node) || !node.anchor) return;
    this.anchors.set(node.anchor, node);
  }

  private aliasUse(node: Node, target: YNode): AliasUse {
    const name = isAlias(node) ? node.source : '';
    return { target, pos: this.at(node.range?.[0] ?? 0), name };
  }

  private buildNode(node: Node): YNode {
    const pos = this.at(node.range?.[0] ?? 0);
    if (isMap(node)) return { kind: 'map', entries: this.entries(node.items), pos };
    if (isSeq(node)) {
      return { kind: 'seq', items: node.items.map((item) => this.build(item as Node)), pos };
    }
    if (isScalar(node)) return { kind: 'scalar', value: scalarValue(node.value), pos };
    return { kind: 'scalar', value: null, pos };
  }

  private entries(pairs: readonly Pair[]): Map<string, YEntry> {
    const entries = new Map<string, YEntry>();
    const merged = new Map<string, YEntry>();
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      const keyPos = this.at(keyNode?.range?.[0] ?? 0);
      this.anchor(keyNode);
      const key = isScalar(keyNode) ? String(keyNode.value) : null;
      if (key === null) {
        this.diagnostics.push({
          severity: 'error',
          message: 'found a complex mapping key, expected a plain key',
          position: keyPos,
        });
        continue;
      }
      const value = pair.value ? this.build(pair.value as Node) : nullAt(keyPos);
      if (key === '<<' && !(isScalar(keyNode) && keyNode.type !== 'PLAIN')) {
        this.merge(value, merged, keyPos);
        continue;
      }
      const earlier = entries.get(key);
      if (earlier) {
        this.diagnostics.push({
          severity: 'warning',
          message: `duplicate key "${key}" (also at line ${earlier.keyPos.line}); the last one wins`,
          position: keyPos,
        });
        entries.delete(key);
      }
      entries.set(key, { keyPos, value });
    }
    // Keys written in the mapping itself override merged ones.
    for (const [key, entry] of merged) if (!entries.has(key)) entries.set(key, entry);
    return entries;
  }

  // `<<: *a` or `<<: [*a, *b]`; earlier sources win over later ones, per the merge-key spec.
  private merge(value: YNode, into: Map<string, YEntry>, keyPos: SourcePosition): void {
    const sources = value.kind === 'seq' ? value.items : [value];
    for (const source of sources) {
      if (source.kind !== 'map') {
        this.diagnostics.push({
          severity: 'error',
          message:
            'found a merge key (<<) whose value is not a mapping, expected an alias to a mapping',
          position: keyPos,
        });
        continue;
      }
      this.merged += source.entries.size;
      if (this.merged > MAX_MERGED_ENTRIES) {
        if (!this.mergeOverflow) {
          this.diagnostics.push({
            severity: 'error',
            message: `found excessive aliasing: merge keys (<<) copy more than ${MAX_MERGED_ENTRIES} entries, expected merges of a smaller part of the document`,
            position: keyPos,
          });
        }
        this.mergeOverflow = true;
        return;
      }
      for (const [key, entry] of source.entries) if (!into.has(key)) into.set(key, entry);
    }
  }
}

function nullAt(pos: SourcePosition): YScalar {
  return { kind: 'scalar', value: null, pos };
}

function scalarValue(value: unknown): YScalar['value'] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  // Tags such as !!binary or !!timestamp: keep their text.
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

/**
 * The plain JavaScript value of a tree, for places that need no positions. A subtree shared
 * through aliases becomes one shared value, built once: the walk is linear in the document.
 */
export function toPlain(node: YNode | null | undefined): unknown {
  return node ? plainOf(node, new Map()) : null;
}

function plainOf(node: YNode, done: Map<YNode, unknown>): unknown {
  if (node.kind === 'scalar') return node.value;
  const known = done.get(node);
  if (known !== undefined) return known;
  const value =
    node.kind === 'seq'
      ? node.items.map((item) => plainOf(item, done))
      : Object.fromEntries(
          [...node.entries].map(([key, entry]) => [key, plainOf(entry.value, done)]),
        );
  done.set(node, value);
  return value;
}
