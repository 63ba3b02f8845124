/** A value that breaks Compose's syntax; the caller knows where it was written and adds the position. */
export class SyntaxValueError extends Error {
  override name = 'SyntaxValueError';

  constructor(
    readonly found: string,
    readonly expected: string,
  ) {
    super(`found "${found}", expected ${expected}`);
  }
}

/** How a value reads in a SyntaxValueError: text as written, anything else as JSON ("{}", "[1,2]"). */
export function foundText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? typeof value;
}
