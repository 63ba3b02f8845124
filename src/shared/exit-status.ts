import type { StackContainer } from './stacks';

// Codes of a container stopped by a signal (SIGINT, SIGKILL, SIGTERM), as `stop` ends one: a
// stopped service, not a crashed one.
const STOPPED_BY_SIGNAL = new Set([130, 137, 143]);

/** The exit code the engine's status line shows ("Exited (1) 5 seconds ago"), or null. */
export function exitCodeOf(container: Pick<StackContainer, 'status'>): number | null {
  const match = /^Exited \((-?\d+)\)/.exec(container.status);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** An exit code of a crash: not 0, and not a stop signal's. */
export function isCrashCode(code: number): boolean {
  return code !== 0 && !STOPPED_BY_SIGNAL.has(code);
}

/** A container that is dead, or stopped on its own with an error (not 0, not a stop signal). */
export function crashed(container: Pick<StackContainer, 'state' | 'status'>): boolean {
  if (container.state === 'dead') return true;
  const code = exitCodeOf(container);
  return container.state === 'exited' && code !== null && isCrashCode(code);
}
