import { boundQuotes } from './terminal-text';

/** Where a value was written: a file (as the user named it, relative to the project) and a 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One problem found in the user's files. Errors stop the load; warnings do not. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** What was found and what was expected, in one sentence. */
  message: string;
  position?: SourcePosition;
}

/** `file:line:col: severity: message`, the form editors and terminals link. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.position
    ? `${diagnostic.position.file}:${diagnostic.position.line}:${diagnostic.position.column}: `
    : '';
  // The message may quote the file: cut to excerpts, its control characters escaped.
  return `${where}${diagnostic.severity}: ${boundQuotes(diagnostic.message)}`;
}

/** The first error of a reading as `file:line: message` (or `unreadable`), for one-line refusals. */
export function firstErrorText(diagnostics: readonly Diagnostic[]): string {
  const first = diagnostics.find((d) => d.severity === 'error');
  const where = first?.position ? `${first.position.file}:${first.position.line}: ` : '';
  return `${where}${first?.message ?? 'unreadable'}`;
}
