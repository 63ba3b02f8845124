import type { EngineStatus } from '../../shared/engine-status';
import type { DockerEngine } from '../engine/docker-engine';
import { describeSource } from '../engine/endpoint/engine-target';
import { pingTarget, PING_TIMEOUT_MS } from '../engine/endpoint/ping';
import { notAnsweringReason, withinTime } from './engine-answer';

/**
 * Whether the engine answers, where it is and why that one (its context or variable). Pinged
 * with a short timeout: an address that drops packets must not hang the window.
 */
export async function engineStatus(
  engine: DockerEngine,
  env: Record<string, string | undefined>,
): Promise<EngineStatus> {
  const { target } = engine;
  if (target) {
    const source = describeSource(target.source);
    const ping = await pingTarget(target, env);
    return ping.reachable
      ? { reachable: true, endpoint: engine.endpoint, source, version: ping.version }
      : { reachable: false, endpoint: engine.endpoint, source, reason: ping.reason };
  }
  try {
    const version = await withinTime(engine.version(), PING_TIMEOUT_MS);
    return { reachable: true, endpoint: engine.endpoint, version };
  } catch (error) {
    const reason = notAnsweringReason(error);
    if (reason === null) throw error;
    return { reachable: false, endpoint: engine.endpoint, reason };
  }
}
