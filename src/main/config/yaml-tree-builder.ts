import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import { MAX_MERGED_ENTRIES, type AliasUse } from './yaml-limits';
import type { YEntry, YNode, YScalar } from './yaml-tree';

/**
 * Builds the positioned tree of a yaml library document: aliases resolved (each anchored node
 * built once and shared), `<<` merge keys applied, duplicate keys warned about.
 */
export class TreeBuilder {
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

  /** The tree of a node; for an alias, the tree of the node it names, built once. */
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
