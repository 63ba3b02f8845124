import {
  isMap,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import type { SourcePosition } from '../../shared/diagnostics';
import { AcceptDriftError } from './accept-entry';
import type { YamlVersion } from './accept-render';
import { detectStyle, type Style } from './accept-style';

interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * parity.yaml being edited: its text, the document parsed from it only to know where things
 * are (every node's source range), and the splices made so far, applied all at once at the
 * end so that each is placed by offsets in the original text.
 */
export class AcceptText {
  readonly doc: Document;
  readonly style: Style;
  private readonly lines = new LineCounter();
  private readonly splices: Splice[] = [];

  constructor(
    readonly text: string,
    /** The file's name in messages. */
    readonly file: string,
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
    this.style = detectStyle(text, this.doc, (offset) => this.column(offset));
  }

  /** The YAML version the document is read as. */
  get version(): YamlVersion {
    return this.doc.directives?.yaml.version ?? '1.2';
  }

  splice(start: number, end: number, text: string): void {
    this.splices.push({ start, end, text });
  }

  /** The text with every splice; at one offset, splices land in the order they were made. */
  applySplices(): string {
    const ordered = this.splices
      .map((splice, index) => ({ ...splice, index }))
      .sort((a, b) => b.start - a.start || b.index - a.index);
    let text = this.text;
    for (const { start, end, text: inserted } of ordered) {
      text = `${text.slice(0, start)}${inserted}${text.slice(end)}`;
    }
    return text;
  }

  /** Inserts whole lines after the line that holds `offset`. */
  insertLines(offset: number, lines: readonly string[]): void {
    const at = this.lineEndAfter(offset);
    const eol = this.style.eol;
    const before = at > 0 && !this.text.slice(0, at).endsWith('\n') ? eol : '';
    this.splice(at, at, `${before}${lines.join(eol)}${eol}`);
  }

  /** Where new top-level lines go: the end of the file, before a `...` end marker. */
  documentEnd(): number {
    const rootEnd = this.doc.contents?.range?.[1] ?? 0;
    const end = /^\.\.\.[ \t]*(?:#.*)?$/m.exec(this.text.slice(rootEnd));
    return end ? rootEnd + end.index : this.text.length;
  }

  /** The start of the line after the one `offset` is on (`offset` when a line starts there). */
  lineEndAfter(offset: number): number {
    if (offset > 0 && this.text[offset - 1] === '\n') return offset;
    const newline = this.text.indexOf('\n', offset);
    return newline === -1 ? this.text.length : newline + 1;
  }

  column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** The line (from 1) `offset` is on. */
  line(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /** Between flow items: on a line of its own when the last item has one, else `, `. */
  flowSeparator(open: number, lastStart: number): string {
    const ownLine = this.line(lastStart) !== this.line(open);
    return ownLine ? `,${this.style.eol}${' '.repeat(this.column(lastStart))}` : ', ';
  }

  at(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  refusal(node: Node, where: string, expected: string): AcceptDriftError {
    const what = isSeq(node) ? 'a list' : isMap(node) ? 'a mapping' : 'a single value';
    return this.refusalAt(node.range?.[0] ?? 0, `${where}: found ${what}, expected ${expected}`);
  }

  refusalAt(offset: number, message: string): AcceptDriftError {
    return new AcceptDriftError(`cannot accept drift in ${this.file}:`, [
      { severity: 'error', message, position: this.at(offset) },
    ]);
  }
}

/** The end of a pair's value (or of its key, when it has no value). */
export function pairEnd(pair: Pair): number {
  const node = (pair.value ?? pair.key) as Node | null;
  return node?.range?.[1] ?? 0;
}
