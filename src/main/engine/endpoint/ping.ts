import type Docker from 'dockerode';
import { notReadyReason, unreachableReason } from '../unreachable';
import { createDockerClient, dockerodeOptions } from './docker-client';
import type { EngineTarget } from './engine-target';

/** Whether an engine answered a ping, with its version, or why not. */
export type PingResult =
  { reachable: true; version: string } | { reachable: false; reason: string };

/** How long a ping waits: an engine that has not answered by then is taken as unreachable. */
export const PING_TIMEOUT_MS = 3000;

/**
 * Asks an engine its version, giving up after `timeoutMs` (docker-modem has no timeout of its
 * own: a tcp address that drops packets, or a wedged engine, would hang). The request is
 * aborted then, so no connection is left behind. Never throws.
 */
export async function pingTarget(
  target: EngineTarget,
  env: Record<string, string | undefined>,
  timeoutMs = PING_TIMEOUT_MS,
): Promise<PingResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const docker = createDockerClient(dockerodeOptions(target, env));
    // dockerode takes the signal; its type declarations leave the options out.
    const version = await (
      docker.version as (options: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>
    ).call(docker, { abortSignal: controller.signal });
    return { reachable: true, version: version.Version };
  } catch (error) {
    if (controller.signal.aborted) {
      return { reachable: false, reason: `no answer within ${timeoutMs / 1000} s` };
    }
    const reason = unreachableReason(error, target) ?? notReadyReason(error);
    return {
      reachable: false,
      reason: reason ?? (error instanceof Error ? error.message : String(error)),
    };
  } finally {
    clearTimeout(timer);
  }
}
