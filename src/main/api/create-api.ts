import type { ApiHandlers } from '../../shared/api/contract';
import type { StackList } from '../../shared/stacks';
import type { DockerEngine } from '../engine/docker-engine';
import { unreachableReason } from '../engine/unreachable';

/** What the API implementation needs; the app, the CLI and `parity serve` each pass their own. */
export interface ApiDependencies {
  engine: DockerEngine;
}

/** The one implementation of the API contract, shared by every transport. */
export function createApi({ engine }: ApiDependencies): ApiHandlers {
  return {
    'stacks.list': async (): Promise<StackList> => {
      try {
        return {
          engine: 'reachable',
          endpoint: engine.endpoint,
          stacks: await engine.listStacks(),
        };
      } catch (error) {
        const reason = unreachableReason(error);
        if (reason === null) throw error;
        return { engine: 'unreachable', endpoint: engine.endpoint, reason };
      }
    },
  };
}
