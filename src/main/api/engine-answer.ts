import type { EngineStatus } from '../../shared/engine-status';
import type { DockerEngine } from '../engine/docker-engine';
import { notReadyReason, unreachableReason } from '../engine/unreachable';

/**
 * How long a read the UI waits on (the containers of a project) may take: docker-modem has no
 * timeout of its own, and a wedged engine must not hold a window's project list forever.
 */
export const ENGINE_ANSWER_MS = 5000;

/** The engine gave no answer in time. */
export class EngineTimeoutError extends Error {
  override name = 'EngineTimeoutError';
}

/** `promise`, or an EngineTimeoutError after `ms`. */
export async function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new EngineTimeoutError(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why the engine is not answering as an engine (away, too slow, or answering HTTP 5xx as Docker
 * Desktop does while "Starting the Docker Engine"); null for any other error.
 */
export function notAnsweringReason(error: unknown): string | null {
  if (error instanceof EngineTimeoutError) return error.message;
  return notReadyReason(error) ?? unreachableReason(error);
}

/** Whether an error means the engine is not answering (see notAnsweringReason). */
export function engineNotAnswering(error: unknown): boolean {
  return notAnsweringReason(error) !== null;
}

/** The status of an engine whose probe failed with `error`, its reason said plainly. */
export function notAnsweringStatus(engine: DockerEngine, error: unknown): EngineStatus {
  const reason =
    notAnsweringReason(error) ?? (error instanceof Error ? error.message : String(error));
  return { reachable: false, endpoint: engine.endpoint, reason };
}
