import { NeedsLibrary } from './yaml-fast-errors';

const SPACE = 0x20;
const AMPERSAND = 0x26;
const COLON = 0x3a;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;

// What ends an anchor or alias name for js-yaml: white space, a line break, a flow indicator.
const NAME_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2c, 0x5b, 0x5d, 0x7b, 0x7d]);

/**
 * What js-yaml's events leave out and the yaml library's tree needs, read from the text: where
 * a node starts, whether it stays on one line, what follows it.
 */
export class YamlScan {
  constructor(private readonly text: string) {}

  /** Where the yaml library places an empty value: past the spaces after its `:`. */
  emptyAt(open: number): number {
    let at = open;
    for (let c = this.text.charCodeAt(at); c === SPACE || c === TAB;) {
      c = this.text.charCodeAt(++at);
    }
    return at;
  }

  // js-yaml reports a node from where it started to look: skip separation spaces, comments and
  // an anchor (the yaml library places a node after its anchor).
  skip(from: number): number {
    const { text } = this;
    let at = from;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === SPACE || c === TAB || c === LF || c === CR) at++;
      else if (c === HASH) {
        const eol = text.indexOf('\n', at);
        at = eol === -1 ? text.length : eol;
      } else if (c === AMPERSAND) {
        at = this.nameEnd(at);
        // The yaml library wants white space after an anchor (`&a[1]` is an error to it).
        const next = text.charCodeAt(at);
        if (at < text.length && next !== SPACE && next !== TAB && next !== LF && next !== CR) {
          throw new NeedsLibrary();
        }
      } else return at;
    }
  }

  writtenAt(value: string, start: number): boolean {
    const { text } = this;
    if (value.includes('\n')) return false;
    for (let i = 0; i < value.length; i++) {
      if (text.charCodeAt(start + i) !== value.charCodeAt(i)) return false;
    }
    return true;
  }

  // Where the name of an anchor or alias starting at `start` (its `&` or `*`) ends; a name
  // ending in `:` is ambiguous to the yaml library, which warns.
  nameEnd(start: number): number {
    const { text } = this;
    let end = start + 1;
    while (end < text.length && !NAME_END.has(text.charCodeAt(end))) end++;
    if (end === start + 1 || text.charCodeAt(end - 1) === COLON) throw new NeedsLibrary();
    return end;
  }

  spansLines(start: number, end: number): boolean {
    const eol = this.text.indexOf('\n', start);
    return eol !== -1 && eol < end;
  }

  // A comment glued to a quoted scalar or a flow collection (`"a"#b`) is an error to the yaml
  // library and a comment to js-yaml.
  notGlued(end: number): void {
    if (this.text.charCodeAt(end) !== HASH) return;
    const before = this.text.charCodeAt(end - 1);
    if (before !== SPACE && before !== TAB && before !== LF) throw new NeedsLibrary();
  }

  // A flow collection over several lines must be indented past its parent block collection for
  // the yaml library; every further line indented past the first one's indentation is enough.
  flowEnd(start: number, end: number): void {
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
}
