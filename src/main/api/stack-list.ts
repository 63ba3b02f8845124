import type { StackList } from '../../shared/stacks';
import type { DockerEngine } from '../engine/docker-engine';
import { unreachableReason } from '../engine/unreachable';

/** Every Compose stack on the engine, or why the engine could not be asked. */
export async function listStackResult(engine: DockerEngine): Promise<StackList> {
  try {
    return { engine: 'reachable', endpoint: engine.endpoint, stacks: await engine.listStacks() };
  } catch (error) {
    const reason = unreachableReason(error, engine.target);
    if (reason === null) throw error;
    return { engine: 'unreachable', endpoint: engine.endpoint, reason };
  }
}
