import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parse,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import { formatDiagnostic } from '../../shared/diagnostics';
import { PARITY_FILE } from '../config/parity-file';

// Writes `drift.accept` entries into parity.yaml as a text edit: the file is parsed with the
// yaml package's Document API only to find where things are (every node's source range), and
// the new lines are spliced into the original text. Everything outside the inserted or
// replaced spans stays byte-for-byte as the user wrote it: comments, blank lines, key order,
// quoting, indentation, flow or block style, CRLF line endings.

/** One difference to accept: the finding's rule path (`service.field`, see rulePath). */
export interface AcceptEntry {
  path: string;
  reason: string;
  /** The last day it is accepted, YYYY-MM-DD; without it, the acceptance does not expire. */
  expires?: string | undefined;
}

/** Why nothing was written; the message names file:line:col and what was expected. */
export class AcceptDriftError extends Error {
  override readonly name = 'AcceptDriftError';
  constructor(
    message: string,
    /** The problems, positioned in `file`. */
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(
      diagnostics.length > 0
        ? `${message}\n${diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`
        : message,
    );
  }
}

/** The header of a parity.yaml that Parity creates to hold an accepted difference. */
export const CREATED_HEADER = [
  "# Parity settings: what Parity adds to this project's Compose files.",
  '# Created when a drift difference was accepted; edit freely (comments are kept).',
];

/** The text of parity.yaml with `entries` accepted, and what changed. */
export interface AcceptEdit {
  text: string;
  added: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * The edit itself, on text: `text` with `entries` in `drift.accept`. `file` names the file in
 * messages; `create` says there is no file yet (a header comment is written). Pure, so the
 * byte-for-byte promises are testable without a disk. Expects text the parity.yaml loader
 * accepts; refuses YAML whose shape it cannot edit in place (aliases, merge keys).
 */
export function editAcceptText(
  text: string,
  entries: readonly AcceptEntry[],
  file = PARITY_FILE,
  create = false,
): AcceptEdit {
  return new AcceptEditor(text, file).edit(entries, create);
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

/** How the file is written, so inserted lines look like their neighbours. */
interface Style {
  eol: string;
  /** Spaces per nesting level. */
  unit: number;
  /** Whether a block list under a key is indented (`key:\n  - a`) or not (`key:\n- a`). */
  indentSeq: boolean;
}

class AcceptEditor {
  private readonly lines = new LineCounter();
  private readonly doc: Document;
  private readonly splices: Splice[] = [];
  private readonly style: Style;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: false, merge: false });
    const [error] = this.doc.errors;
    if (error) {
      throw new AcceptDriftError(`cannot accept drift: ${file} is not valid YAML`, [
        {
          severity: 'error',
          message: error.message.split('\n')[0] ?? error.message,
          position: this.at(error.pos[0]),
        },
      ]);
    }
    this.style = this.detectStyle();
  }

  edit(entries: readonly AcceptEntry[], create: boolean): AcceptEdit {
    const result: AcceptEdit = { text: this.text, added: [], updated: [], unchanged: [] };
    if (entries.length === 0) return result;
    const root = this.doc.contents;
    const fresh: AcceptEntry[] = [];
    const accept = root ? this.acceptList(root) : null;
    for (const entry of entries) {
      const existing = accept ? this.findEntry(accept, entry.path) : null;
      if (!existing) {
        fresh.push(entry);
        result.added.push(entry.path);
      } else if (this.update(existing, entry)) {
        result.updated.push(entry.path);
      } else {
        result.unchanged.push(entry.path);
      }
    }
    if (fresh.length > 0) {
      if (!root) this.appendToDocument(fresh, create);
      else if (accept) this.addItems(accept, fresh);
      else this.addAcceptKey(root, fresh);
    }
    result.text = this.applySplices();
    return result;
  }

  // ---- finding what is there

  /** `drift.accept` when written, null when `drift` or `accept` is absent. */
  private acceptList(root: Node): YAMLSeq | null {
    const rootMap = this.mapping(root, 'the file', 'a mapping of Parity settings');
    const drift = this.lastPair(rootMap, 'drift', 'the top level');
    if (!drift) return null;
    const driftMap = this.mapping(
      this.valueOf(drift, 'drift'),
      'drift',
      'a mapping with ignore, accept and severity',
    );
    const accept = this.lastPair(driftMap, 'accept', 'drift');
    if (!accept) return null;
    const list = this.valueOf(accept, 'drift.accept');
    if (!isSeq(list)) {
      throw this.refusal(list, 'drift.accept', 'a list of accepted differences');
    }
    return list;
  }

  private mapping(node: Node, where: string, expected: string): YAMLMap<unknown, unknown> {
    if (!isMap(node)) throw this.refusal(node, where, expected);
    return node;
  }

  /** The pair of `key` that counts (the last, as the loader reads duplicates). */
  private lastPair(map: YAMLMap<unknown, unknown>, key: string, where: string): Pair | null {
    const pairs = map.items.filter((pair) => isScalar(pair.key) && String(pair.key.value) === key);
    const merge = map.items.find((pair) => isScalar(pair.key) && pair.key.value === '<<');
    if (pairs.length === 0 && merge) {
      throw this.refusalAt(
        (merge.key as Node).range?.[0] ?? 0,
        `${where} takes keys from a merge key (<<), so Parity cannot tell where to write ${key}: write "${key}:" out in full here`,
      );
    }
    return pairs.at(-1) ?? null;
  }

  private valueOf(pair: Pair, where: string): Node {
    const value = pair.value as Node | null;
    if (!value || (isScalar(value) && value.value === null)) {
      throw this.refusalAt(
        (value ?? (pair.key as Node)).range?.[0] ?? 0,
        `${where}: found an empty value, expected a mapping or a list`,
      );
    }
    if (isAlias(value)) {
      throw this.refusalAt(
        value.range?.[0] ?? 0,
        `${where} is an alias (*${value.source}), shared with other places: write it out in full to accept drift here`,
      );
    }
    return value;
  }

  private findEntry(list: YAMLSeq, path: string): YAMLMap<unknown, unknown> | null {
    for (const item of list.items as Node[]) {
      const target = isAlias(item) ? (item.resolve(this.doc) as Node | undefined) : item;
      if (!isMap(target) || target.get('path') !== path) continue;
      if (isAlias(item)) {
        throw this.refusalAt(
          item.range?.[0] ?? 0,
          `drift.accept: "${path}" is accepted through an alias (*${item.source}): write the entry out in full to change it`,
        );
      }
      return target;
    }
    return null;
  }

  // ---- editing an entry already there

  /** Gives an accepted entry the new reason and expiry; false when it already has them. */
  private update(map: YAMLMap<unknown, unknown>, entry: AcceptEntry): boolean {
    let changed = false;
    const pairOf = (key: string): Pair | undefined =>
      map.items.filter((pair) => isScalar(pair.key) && pair.key.value === key).at(-1);
    const reason = pairOf('reason');
    if (reason && (reason.value as Node | null) && map.get('reason') !== entry.reason) {
      this.replaceValue(reason.value as Node, quoted(entry.reason));
      changed = true;
    }
    const expires = pairOf('expires');
    const current = map.get('expires');
    if (entry.expires !== undefined && current !== entry.expires) {
      if (expires?.value) this.replaceValue(expires.value as Node, this.scalar(entry.expires));
      else this.addPair(map, `expires: ${this.scalar(entry.expires)}`);
      changed = true;
    } else if (entry.expires === undefined && expires) {
      this.removePair(map, expires);
      changed = true;
    }
    return changed;
  }

  private replaceValue(node: Node, text: string): void {
    const [start, end] = node.range ?? [0, 0];
    // A block scalar's range takes in its line break(s); they stay.
    const kept = /[\r\n]*$/.exec(this.text.slice(start, end))?.[0] ?? '';
    this.splice(start, end, `${text}${kept}`);
  }

  private addPair(map: YAMLMap<unknown, unknown>, pairText: string): void {
    const last = map.items.at(-1);
    if (map.flow) {
      const end = last ? pairEnd(last) : (map.range?.[0] ?? 0) + 1;
      this.splice(end, end, last ? `, ${pairText}` : ` ${pairText} `);
      return;
    }
    const column = this.column(((map.items[0]?.key as Node | null)?.range ?? [0])[0]);
    this.insertLines(map.range?.[1] ?? 0, [`${' '.repeat(column)}${pairText}`]);
  }

  private removePair(map: YAMLMap<unknown, unknown>, pair: Pair): void {
    const index = map.items.indexOf(pair);
    const keyStart = (pair.key as Node).range?.[0] ?? 0;
    const next = map.items[index + 1];
    if (index === 0 && next) {
      // First key: up to the next key, so a `- ` before it stays in place.
      this.splice(keyStart, (next.key as Node).range?.[0] ?? keyStart, '');
    } else if (map.flow) {
      const previous = map.items[index - 1];
      if (previous) this.splice(pairEnd(previous), pairEnd(pair), '');
    } else {
      const lineStart = keyStart - this.column(keyStart);
      this.splice(lineStart, this.lineEndAfter(pairEnd(pair)), '');
    }
  }

  // ---- adding what is not there

  private appendToDocument(entries: readonly AcceptEntry[], create: boolean): void {
    const lines = [
      ...(create ? CREATED_HEADER : []),
      'drift:',
      ...this.acceptLines(entries, this.style.unit),
    ];
    this.insertLines(this.documentEnd(), lines);
  }

  /** `accept:` under `drift:`, or `drift:` itself at the top. */
  private addAcceptKey(root: Node, entries: readonly AcceptEntry[]): void {
    const rootMap = root as YAMLMap<unknown, unknown>;
    const driftPair = this.lastPair(rootMap, 'drift', 'the top level');
    const flowList = `[${entries.map((e) => this.flowEntry(e)).join(', ')}]`;
    if (!driftPair) {
      if (rootMap.flow) {
        this.addFlowPair(rootMap, `drift: { accept: ${flowList} }`);
      } else {
        this.insertLines(this.documentEnd(), [
          'drift:',
          ...this.acceptLines(entries, this.style.unit),
        ]);
      }
      return;
    }
    const drift = driftPair.value as YAMLMap<unknown, unknown>;
    if (drift.flow) {
      this.addFlowPair(drift, `accept: ${flowList}`);
      return;
    }
    const column = this.column(((drift.items[0]?.key as Node | null)?.range ?? [0])[0]);
    this.insertLines(drift.range?.[1] ?? 0, this.acceptLines(entries, column));
  }

  private addFlowPair(map: YAMLMap<unknown, unknown>, pairText: string): void {
    const last = map.items.at(-1);
    const [start, end] = map.range ?? [0, 0];
    if (last) {
      const lastStart = (last.key as Node | null)?.range?.[0] ?? start;
      this.splice(
        pairEnd(last),
        pairEnd(last),
        `${this.flowSeparator(start, lastStart)}${pairText}`,
      );
      return;
    }
    if (/^\{\s*\}$/.test(this.text.slice(start, end))) this.splice(start, end, `{ ${pairText} }`);
    else this.splice(start + 1, start + 1, ` ${pairText},`);
  }

  private addItems(list: YAMLSeq, entries: readonly AcceptEntry[]): void {
    const items = list.items as Node[];
    const last = items.at(-1);
    if (!list.flow) {
      const dash = this.column(list.range?.[0] ?? 0);
      const flow = !last || (isMap(last) && last.flow === true);
      this.insertLines(
        list.range?.[1] ?? 0,
        entries.flatMap((e) => this.itemLines(e, dash, flow)),
      );
      return;
    }
    const [start, end] = list.range ?? [0, 0];
    if (!last) {
      // `accept: []` after its key, with nothing but a comment after it, becomes a block list
      // below the key; anywhere else the brackets are filled in.
      const parent = this.parentOf(list);
      const keyStart = (parent?.pair.key as Node | null)?.range?.[0];
      const rest = this.text.slice(end, this.lineEndAfter(end));
      if (
        parent &&
        !parent.map.flow &&
        keyStart !== undefined &&
        this.lines.linePos(keyStart).line === this.lines.linePos(start).line &&
        /^[ \t]*(#.*)?\r?\n?$/.test(rest)
      ) {
        const gap = /[ \t]*$/.exec(this.text.slice(0, start))?.[0].length ?? 0;
        this.splice(start - gap, end, '');
        const dash = this.column(keyStart) + (this.style.indentSeq ? this.style.unit : 0);
        this.insertLines(
          end,
          entries.flatMap((e) => this.itemLines(e, dash, true)),
        );
      } else {
        const inner = entries.map((e) => this.flowEntry(e)).join(', ');
        this.splice(start, end, `[${inner}]`);
      }
      return;
    }
    const lastEnd = last.range?.[1] ?? end;
    const separator = this.flowSeparator(start, last.range?.[0] ?? start);
    this.splice(lastEnd, lastEnd, entries.map((e) => `${separator}${this.flowEntry(e)}`).join(''));
  }

  /** Between flow items: on a line of its own when the last item has one, else `, `. */
  private flowSeparator(open: number, lastStart: number): string {
    const ownLine = this.lines.linePos(lastStart).line !== this.lines.linePos(open).line;
    return ownLine ? `,${this.style.eol}${' '.repeat(this.column(lastStart))}` : ', ';
  }

  /** `accept:` at `column` and its items, as new lines. */
  private acceptLines(entries: readonly AcceptEntry[], column: number): string[] {
    const dash = column + (this.style.indentSeq ? this.style.unit : 0);
    return [
      `${' '.repeat(column)}accept:`,
      ...entries.flatMap((e) => this.itemLines(e, dash, true)),
    ];
  }

  private itemLines(entry: AcceptEntry, dash: number, flow: boolean): string[] {
    const pad = ' '.repeat(dash);
    if (flow) return [`${pad}- ${this.flowEntry(entry)}`];
    return [
      `${pad}- path: ${this.scalar(entry.path)}`,
      `${pad}  reason: ${quoted(entry.reason)}`,
      ...(entry.expires === undefined ? [] : [`${pad}  expires: ${this.scalar(entry.expires)}`]),
    ];
  }

  private flowEntry(entry: AcceptEntry): string {
    const expires = entry.expires === undefined ? '' : `, expires: ${this.scalar(entry.expires)}`;
    return `{ path: ${this.scalar(entry.path)}, reason: ${quoted(entry.reason)}${expires} }`;
  }

  /** Plain when YAML reads it back as the same text (in flow context too), else quoted. */
  private scalar(value: string): string {
    if (!/^[A-Za-z0-9_][\w./-]*$/.test(value)) return quoted(value);
    const version = this.doc.directives?.yaml.version ?? '1.2';
    return parse(value, { version }) === value ? value : quoted(value);
  }

  // ---- text positions

  /** Where new top-level lines go: the end of the file, before a `...` end marker. */
  private documentEnd(): number {
    const end = /^\.\.\.[ \t]*(?:#.*)?$/m.exec(this.text.slice(this.rootEnd()));
    return end ? this.rootEnd() + end.index : this.text.length;
  }

  private rootEnd(): number {
    return this.doc.contents?.range?.[1] ?? 0;
  }

  /** Inserts whole lines after the line that holds `offset`. */
  private insertLines(offset: number, lines: readonly string[]): void {
    const at = this.lineEndAfter(offset);
    const eol = this.style.eol;
    const before = at > 0 && !this.text.slice(0, at).endsWith('\n') ? eol : '';
    this.splice(at, at, `${before}${lines.join(eol)}${eol}`);
  }

  /** The start of the line after the one `offset` is on (`offset` when a line starts there). */
  private lineEndAfter(offset: number): number {
    if (offset > 0 && this.text[offset - 1] === '\n') return offset;
    const newline = this.text.indexOf('\n', offset);
    return newline === -1 ? this.text.length : newline + 1;
  }

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** The mapping and pair whose value `node` is, if any. */
  private parentOf(node: Node): { map: YAMLMap<unknown, unknown>; pair: Pair } | null {
    const visit = (current: unknown): { map: YAMLMap<unknown, unknown>; pair: Pair } | null => {
      if (isMap(current)) {
        for (const pair of current.items) {
          if (pair.value === node) return { map: current, pair };
          const found = visit(pair.value);
          if (found) return found;
        }
      } else if (isSeq(current)) {
        for (const item of current.items) {
          const found = visit(item);
          if (found) return found;
        }
      }
      return null;
    };
    return visit(this.doc.contents);
  }

  private at(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  private refusal(node: Node, where: string, expected: string): AcceptDriftError {
    const what = isSeq(node) ? 'a list' : isMap(node) ? 'a mapping' : 'a single value';
    return this.refusalAt(node.range?.[0] ?? 0, `${where}: found ${what}, expected ${expected}`);
  }

  private refusalAt(offset: number, message: string): AcceptDriftError {
    return new AcceptDriftError(`cannot accept drift in ${this.file}:`, [
      { severity: 'error', message, position: this.at(offset) },
    ]);
  }

  private splice(start: number, end: number, text: string): void {
    this.splices.push({ start, end, text });
  }

  /** The text with every splice; at one offset, splices land in the order they were made. */
  private applySplices(): string {
    const ordered = this.splices
      .map((splice, index) => ({ ...splice, index }))
      .sort((a, b) => b.start - a.start || b.index - a.index);
    let text = this.text;
    for (const { start, end, text: inserted } of ordered) {
      text = `${text.slice(0, start)}${inserted}${text.slice(end)}`;
    }
    return text;
  }

  // ---- the file's own style

  private detectStyle(): Style {
    const style: Style = {
      eol: this.text.includes('\r\n') ? '\r\n' : '\n',
      unit: 2,
      indentSeq: true,
    };
    let unitFound = false;
    let seqFound = false;
    let seqStep = 0;
    const visit = (node: unknown): void => {
      if (!isMap(node) || node.flow) return;
      for (const pair of node.items) {
        const keyStart = (pair.key as Node | null)?.range?.[0];
        const value = pair.value as Node | null;
        if (keyStart === undefined || !value || !(isMap(value) || isSeq(value)) || value.flow) {
          continue;
        }
        const step = this.column(value.range?.[0] ?? 0) - this.column(keyStart);
        if (isMap(value) && !unitFound && step > 0) {
          style.unit = step;
          unitFound = true;
        }
        if (isSeq(value) && !seqFound) {
          style.indentSeq = step > 0;
          seqFound = true;
          if (step > 0) seqStep = step;
        }
        visit(value);
        for (const item of isSeq(value) ? value.items : []) visit(item);
      }
    };
    visit(this.doc.contents);
    if (!unitFound && seqStep > 0) style.unit = seqStep;
    return style;
  }
}

/** The end of a pair's value (or of its key, when it has no value). */
function pairEnd(pair: Pair): number {
  const node = (pair.value ?? pair.key) as Node | null;
  return node?.range?.[1] ?? 0;
}

/** A double-quoted YAML scalar: JSON's escapes are YAML's. */
function quoted(value: string): string {
  return JSON.stringify(value);
}
