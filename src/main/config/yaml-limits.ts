import { isAlias, isMap, isPair, isSeq, type Node } from 'yaml';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import type { YNode } from './yaml-tree';

// Every file of a repository is input from a stranger, so each read is bounded: the text's
// size and line length, how deep its collections nest, and how far its aliases multiply it
// (an "alias bomb" of nine anchors, each listing the previous one nine times, is a few hundred
// bytes that expand to a billion nodes). The limits sit far above any real compose file,
// manifest or snapshot.

/** The largest text read from a repository file, in characters (16 MiB). */
export const MAX_TEXT = 16 * 1024 * 1024;
/** The longest line read from a repository file, in characters (1 MiB). */
export const MAX_LINE = 1024 * 1024;
/** How deep collections may nest, aliases expanded (real files stay under 50). */
export const MAX_DEPTH = 256;

/**
 * How many entries merge keys may copy into one document's mappings: each `<<` copies its
 * sources' entries, so a chain of mappings each merging the previous one grows quadratically.
 */
export const MAX_MERGED_ENTRIES = 250_000;

/** An alias as written, resolved to its anchored node: where excessive aliasing is reported. */
export interface AliasUse {
  target: YNode;
  pos: SourcePosition;
  name: string;
}

/** The first limit a text breaks, as an error at the line that breaks it; null when within. */
export function textLimitProblem(text: string, file: string): Diagnostic | null {
  if (text.length > MAX_TEXT) {
    return {
      severity: 'error',
      message: `found a file of ${text.length} characters, expected at most ${MAX_TEXT} (16 MiB): Parity reads no larger file from a repository`,
      position: { file, line: 1, column: 1 },
    };
  }
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    const eol = text.indexOf('\n', start);
    const end = eol < 0 ? text.length : eol;
    if (end - start > MAX_LINE) {
      return {
        severity: 'error',
        message: `found a line of ${end - start} characters, expected at most ${MAX_LINE} (1 MiB): Parity reads no longer line from a repository`,
        position: { file, line, column: MAX_LINE + 1 },
      };
    }
    if (eol < 0) break;
    start = eol + 1;
    line++;
  }
  return null;
}

/** The error for collections nested past MAX_DEPTH, at `position`. */
export function depthProblem(position: SourcePosition): Diagnostic {
  return {
    severity: 'error',
    message: `found collections nested more than ${MAX_DEPTH} levels deep, expected at most ${MAX_DEPTH} levels (aliases expanded)`,
    position,
  };
}

// A parser's own recursion limit, reported as what it means for the file.
const STACK_OVERFLOW = /Maximum call stack size exceeded/;

/** Whether a parser's message is the JavaScript engine's stack overflow. */
export function isStackOverflow(message: string): boolean {
  return STACK_OVERFLOW.test(message);
}

/**
 * The first node of a yaml library document nested past MAX_DEPTH, walked without recursion
 * and without following aliases (their nesting is measured on the built tree): its offset.
 */
export function writtenDepthOffset(contents: Node | null | undefined): number | null {
  if (!contents) return null;
  const stack: [unknown, number][] = [[contents, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (depth > MAX_DEPTH) return offsetOf(node);
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          if (item.value) stack.push([item.value, depth + 1]);
          if (item.key) stack.push([item.key, depth + 1]);
        } else stack.push([item, depth + 1]);
      }
    }
  }
  return null;
}

/** The first alias of a yaml library document (its offset and name), walked without recursion. */
export function firstAlias(
  contents: Node | null | undefined,
): { offset: number; name: string } | null {
  const stack: unknown[] = contents ? [contents] : [];
  let first: { offset: number; name: string } | null = null;
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isAlias(node)) {
      const offset = offsetOf(node);
      if (!first || offset < first.offset) first = { offset, name: node.source };
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  return first;
}

function offsetOf(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0] ?? 0;
}

// Go's yaml.v3 refuses a document where alias expansion makes up too large a share of the
// nodes decoded: 99% up to 400,000 nodes, falling to 10% at 4,000,000 and beyond, once more
// than 100 nodes came from aliases and more than 1,000 were decoded. The same rule here, on the
// whole tree's size (a map's key counts as a node, as it does there).
const RATIO_LOW = 400_000;
const RATIO_HIGH = 4_000_000;

function allowedAliasRatio(total: number): number {
  if (total <= RATIO_LOW) return 0.99;
  if (total >= RATIO_HIGH) return 0.1;
  return 0.99 - (0.89 * (total - RATIO_LOW)) / (RATIO_HIGH - RATIO_LOW);
}

interface Measure {
  /** Nodes of the subtree with aliases expanded (may be astronomically large). */
  size: number;
  /** Levels of the subtree, aliases expanded. */
  height: number;
}

function children(node: YNode): YNode[] {
  if (node.kind === 'seq') return node.items;
  if (node.kind === 'map') return [...node.entries.values()].map((entry) => entry.value);
  return [];
}

// Each distinct node measured once (a shared subtree is one node however often it is used),
// without recursion: the walk is linear in the document, not in its expansion.
function measure(root: YNode): { measures: Map<YNode, Measure>; distinct: number } {
  const measures = new Map<YNode, Measure>();
  const open = new Set<YNode>();
  let distinct = 0;
  const stack: YNode[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1] as YNode;
    if (measures.has(node)) {
      stack.pop();
      continue;
    }
    const kids = children(node);
    if (!open.has(node)) {
      open.add(node);
      // A node reached again while open would be a cycle: measured as a leaf, never followed.
      for (const kid of kids) if (!measures.has(kid) && !open.has(kid)) stack.push(kid);
      continue;
    }
    stack.pop();
    open.delete(node);
    let size = 1;
    let height = 0;
    for (const kid of kids) {
      const m = measures.get(kid) ?? { size: 1, height: 1 };
      size += m.size + (node.kind === 'map' ? 1 : 0);
      height = Math.max(height, m.height);
    }
    measures.set(node, { size, height: height + 1 });
    distinct += 1 + (node.kind === 'map' ? kids.length : 0);
  }
  return { measures, distinct };
}

/**
 * The first limit a built tree breaks, aliases expanded: nesting past MAX_DEPTH or aliasing
 * beyond yaml.v3's ratio, as an error at the node or alias responsible; null when within.
 */
export function treeLimitProblem(root: YNode, aliases: readonly AliasUse[]): Diagnostic | null {
  const { measures, distinct } = measure(root);
  const rootMeasure = measures.get(root) ?? { size: 1, height: 1 };
  if (rootMeasure.height > MAX_DEPTH) return depthProblem(deepest(root, measures).pos);
  const total = rootMeasure.size;
  const fromAliases = total - distinct;
  if (fromAliases > 100 && total > 1000 && fromAliases / total > allowedAliasRatio(total)) {
    let worst: AliasUse | null = null;
    for (const use of aliases) {
      const size = measures.get(use.target)?.size ?? 0;
      if (!worst || size > (measures.get(worst.target)?.size ?? 0)) worst = use;
    }
    const alias = worst
      ? ` (the largest: *${worst.name}, ${count(measures.get(worst.target)?.size ?? 0)} nodes)`
      : '';
    return {
      severity: 'error',
      message: `found excessive aliasing: the ${distinct} nodes written expand through aliases and merge keys to ${count(total)}${alias}, expected aliases that repeat a smaller part of the document`,
      position: worst?.pos ?? root.pos,
    };
  }
  return null;
}

// The node just past MAX_DEPTH on the deepest path.
function deepest(root: YNode, measures: Map<YNode, Measure>): YNode {
  let node = root;
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    let next: YNode | null = null;
    for (const kid of children(node)) {
      if (!next || (measures.get(kid)?.height ?? 0) > (measures.get(next)?.height ?? 0)) next = kid;
    }
    if (!next) break;
    node = next;
  }
  return node;
}

function count(n: number): string {
  return n < 1e9 ? String(n) : `about ${n.toExponential(1)}`;
}

/**
 * For files Parity writes itself and reads back whole (snapshots, parity.lock), which never
 * hold anchors: the first limit a yaml library document breaks (the library's own stack
 * overflow, nesting past MAX_DEPTH, any alias), as an error; null when within.
 */
export function plainDocumentProblem(
  doc: { errors: readonly { message: string; pos: [number, number] }[]; contents: unknown },
  at: (offset: number) => SourcePosition,
): Diagnostic | null {
  const overflow = doc.errors.find((error) => isStackOverflow(error.message));
  if (overflow) return depthProblem(at(overflow.pos[0]));
  if (doc.errors.length > 0) return null;
  const contents = doc.contents as Node | null;
  const deep = writtenDepthOffset(contents);
  if (deep !== null) return depthProblem(at(deep));
  const alias = firstAlias(contents);
  if (!alias) return null;
  return {
    severity: 'error',
    message: `found an alias (*${alias.name}), expected plain data without YAML anchors or aliases`,
    position: at(alias.offset),
  };
}
