import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import { fastYamlRoots } from './yaml-fast';
import {
  depthProblem,
  isStackOverflow,
  textLimitProblem,
  treeLimitProblem,
  writtenDepthOffset,
} from './yaml-limits';
import { TreeBuilder } from './yaml-tree-builder';

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
