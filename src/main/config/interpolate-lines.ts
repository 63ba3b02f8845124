/**
 * Where each line of a text ends and the last `}` before that end: found once per line, so
 * that a line of many unclosed `${` is read in linear time.
 */
export class Lines {
  private start = 0;
  private end = -1;
  private lastBrace = -1;

  constructor(private readonly text: string) {}

  /** The end of the line holding `at` (its `\n`, or the end of the text). */
  lineEnd(at: number): number {
    if (at > this.end || at < this.start) this.find(at);
    return this.end;
  }

  /** The last `}` of the line holding `at`, or -1. */
  braceBefore(at: number): number {
    this.lineEnd(at);
    return this.lastBrace;
  }

  private find(at: number): void {
    const eol = this.text.indexOf('\n', at);
    this.end = eol < 0 ? this.text.length : eol;
    this.start = this.text.lastIndexOf('\n', at - 1) + 1;
    // Searched within the line only: a brace of an earlier line is never the one wanted, and
    // searching back past the line's start for each line would be quadratic.
    const brace = this.text.slice(this.start, this.end).lastIndexOf('}');
    this.lastBrace = brace < 0 ? -1 : this.start + brace;
  }
}
