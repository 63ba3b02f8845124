// Socket errors that mean "no engine answers there", as opposed to an engine that answered
// with an error.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'EPERM',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** Why the engine could not be reached, or null when the error came from a reachable engine. */
export function unreachableReason(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined || !UNREACHABLE_CODES.has(code)) return null;
  if (code === 'ENOENT') return 'no Docker socket there: is the engine running?';
  if (code === 'EACCES' || code === 'EPERM') {
    return 'permission denied on the Docker socket: add your user to the docker group';
  }
  if (code === 'ECONNREFUSED') return 'connection refused: is the engine running?';
  return error.message;
}
