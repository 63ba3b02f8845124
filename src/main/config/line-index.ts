import type { SourcePosition } from '../../shared/diagnostics';

/** Offsets to 1-based lines and columns, as the yaml library's LineCounter counts them. */
export class LineIndex {
  private readonly starts: number[] = [0];
  // Nodes come mostly in order: the last line found is tried first.
  private last = 0;

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.starts.push(i + 1);
    }
  }

  /** The position of an offset, in `file`. */
  at(offset: number, file: string): SourcePosition {
    const { starts } = this;
    let index = this.last;
    if (!((starts[index] ?? 0) <= offset && offset < (starts[index + 1] ?? Infinity))) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((starts[mid] ?? 0) <= offset) low = mid;
        else high = mid - 1;
      }
      index = low;
      this.last = low;
    }
    return { file, line: index + 1, column: offset - (starts[index] ?? 0) + 1 };
  }
}
