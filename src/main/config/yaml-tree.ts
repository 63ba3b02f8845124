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
 * and duplicate keys (a warning naming both lines; the last one wins, as in Compose).
 */
export function parseYaml(text: string, file: string): ParsedYaml {
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
  return doc.contents ? new TreeBuilder(doc, at, diagnostics).build(doc.contents) : null;
}

/** A diagnostic from a yaml library error, whose message ends with a code frame: its first line. */
export function yamlDiagnostic(
  severity: Diagnostic['severity'],
  message: string,
  position: SourcePosition,
): Diagnostic {
  return { severity, message: message.split('\n')[0] ?? message, position };
}

class TreeBuilder {
  // An alias may be used many times; its tree is built once.
  private readonly built = new Map<Node, YNode>();
  private readonly building = new Set<Node>();

  constructor(
    private readonly doc: Document,
    private readonly at: (offset: number) => SourcePosition,
    private readonly diagnostics: Diagnostic[],
  ) {}

  build(node: Node): YNode {
    const target = isAlias(node) ? (node.resolve(this.doc) as Node | undefined) : node;
    if (!target) {
      return { kind: 'scalar', value: null, pos: this.at(node.range?.[0] ?? 0) };
    }
    const cached = this.built.get(target);
    if (cached) return cached;
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
    this.building.add(target);
    const result = this.buildNode(target);
    this.building.delete(target);
    this.built.set(target, result);
    return result;
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

/** The plain JavaScript value of a tree, for places that need no positions. */
export function toPlain(node: YNode | null | undefined): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map':
      return Object.fromEntries(
        [...node.entries].map(([key, entry]) => [key, toPlain(entry.value)]),
      );
  }
}
