import type { EngineStatus } from '../../shared/engine-status';
import type { DockerEngine } from '../engine/docker-engine';
import { describeSource } from '../engine/endpoint/engine-target';
import { pingTarget } from '../engine/endpoint/ping';
import { unreachableReason } from '../engine/unreachable';

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
    return { reachable: true, endpoint: engine.endpoint, version: await engine.version() };
  } catch (error) {
    const reason = unreachableReason(error);
    if (reason === null) throw error;
    return { reachable: false, endpoint: engine.endpoint, reason };
  }
}
