import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import type { Diagnostic, SourcePosition } from '../../../shared/diagnostics';
import type { YEntry, YNode, YScalar } from '../../config/yaml-tree';

/** One document of a multi-document stream: its tree and the Helm template it was rendered from. */
export interface YamlDocument {
  root: YNode;
  /** `chart/templates/x.yaml` from Helm's `# Source:` comment, when the document has one. */
  helmSource: string | null;
}

/** A parsed stream: its non-empty documents and what was wrong with any of them. */
export interface ParsedDocuments {
  documents: YamlDocument[];
  diagnostics: Diagnostic[];
}

// `helm template` writes `# Source: <chart>/templates/<file>` before every document.
const HELM_SOURCE = /^\s*Source:\s*(\S.*?)\s*$/m;

/**
 * Parses every document of a YAML (or JSON) stream into the positioned tree the config reader
 * uses; a document with a syntax error is reported and skipped, the others are still read.
 */
export function parseYamlDocuments(text: string, file: string): ParsedDocuments {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: false });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const diagnostics: Diagnostic[] = [];
  const documents: YamlDocument[] = [];
  for (const doc of docs) {
    diagnostics.push(
      ...doc.errors.map((e) => firstLine('error', e.message, at(e.pos[0]))),
      ...doc.warnings.map((w) => firstLine('warning', w.message, at(w.pos[0]))),
    );
    if (doc.errors.length > 0 || !doc.contents) continue;
    const root = new TreeBuilder(doc, at, diagnostics).build(doc.contents);
    // A comment-only document (`---` then comments) has a null scalar as its contents.
    if (root.kind === 'scalar' && root.value === null) continue;
    documents.push({ root, helmSource: helmSource(doc) });
  }
  return { documents, diagnostics };
}

function helmSource(doc: Document): string | null {
  const comments = [doc.commentBefore, doc.contents?.commentBefore].filter(
    (c): c is string => typeof c === 'string',
  );
  for (const comment of comments) {
    const match = HELM_SOURCE.exec(comment);
    if (match?.[1]) return match[1];
  }
  return null;
}

// The yaml library's messages end with a code frame; keep the first line.
function firstLine(
  severity: Diagnostic['severity'],
  message: string,
  position: SourcePosition,
): Diagnostic {
  return { severity, message: message.split('\n')[0] ?? message, position };
}

// The same tree src/main/config/yaml-tree.ts builds for one document: aliases resolved once,
// `<<` merge keys applied, duplicate keys warned about with the last one winning.
class TreeBuilder {
  private readonly built = new Map<Node, YNode>();

  constructor(
    private readonly doc: Document,
    private readonly at: (offset: number) => SourcePosition,
    private readonly diagnostics: Diagnostic[],
  ) {}

  build(node: Node): YNode {
    const target = isAlias(node) ? (node.resolve(this.doc) as Node | undefined) : node;
    if (!target) return nullAt(this.at(node.range?.[0] ?? 0));
    const cached = this.built.get(target);
    if (cached) return cached;
    const result = this.buildNode(target);
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
    return nullAt(pos);
  }

  private entries(pairs: readonly Pair[]): Map<string, YEntry> {
    const entries = new Map<string, YEntry>();
    const merged = new Map<string, YEntry>();
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      const keyPos = this.at(keyNode?.range?.[0] ?? 0);
      if (!isScalar(keyNode)) {
        this.report('error', 'found a complex mapping key, expected a plain key', keyPos);
        continue;
      }
      const key = String(keyNode.value);
      const value = pair.value ? this.build(pair.value as Node) : nullAt(keyPos);
      if (key === '<<' && keyNode.type === 'PLAIN') {
        this.merge(value, merged, keyPos);
        continue;
      }
      const earlier = entries.get(key);
      if (earlier) {
        this.report(
          'warning',
          `duplicate key "${key}" (also at line ${earlier.keyPos.line}); the last one wins`,
          keyPos,
        );
        entries.delete(key);
      }
      entries.set(key, { keyPos, value });
    }
    for (const [key, entry] of merged) if (!entries.has(key)) entries.set(key, entry);
    return entries;
  }

  private merge(value: YNode, into: Map<string, YEntry>, keyPos: SourcePosition): void {
    for (const source of value.kind === 'seq' ? value.items : [value]) {
      if (source.kind !== 'map') {
        this.report('error', 'found a merge key (<<) whose value is not a mapping', keyPos);
        continue;
      }
      for (const [key, entry] of source.entries) if (!into.has(key)) into.set(key, entry);
    }
  }

  private report(severity: Diagnostic['severity'], message: string, position: SourcePosition) {
    this.diagnostics.push({ severity, message, position });
  }
}

function nullAt(pos: SourcePosition): YScalar {
  return { kind: 'scalar', value: null, pos };
}

function scalarValue(value: unknown): YScalar['value'] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

/** The last line any part of a node is written on, for line ranges (`api.yaml:32-36`). */
export function lastLine(node: YNode): number {
  if (node.kind === 'scalar') return node.pos.line;
  const children =
    node.kind === 'seq' ? node.items : [...node.entries.values()].map((e) => e.value);
  return Math.max(node.pos.line, ...children.map(lastLine));
}
