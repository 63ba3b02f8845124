import type { Diagnostic } from '../../shared/diagnostics';
import { formatDiagnostic } from '../../shared/diagnostics';

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
