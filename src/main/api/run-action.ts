import type { ApiResult } from '../../shared/api/contract';
import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from '../engine/compose-labels';
import type { DockerEngine } from '../engine/docker-engine';
import { actionCommand } from '../trust/action-trust';

/** The action is not in parity.yaml, or its service has no running container. */
export class ActionError extends Error {
  override readonly name = 'ActionError';
}

/**
 * Runs a parity.yaml quick action in the first running container of its service: a list is
 * run as is (exec form), a string with `sh -c`, as Compose runs `command:`.
 */
export async function runAction(
  engine: DockerEngine,
  project: LoadedProject,
  name: string,
): Promise<ApiResult<'actions.run'>> {
  const action = project.parity?.actions?.find((a) => a.name === name);
  if (!action)
    throw new ActionError(`${project.name} has no action named "${name}" in parity.yaml`);
  const containers = await engine.listProjectContainers(project.name);
  const target = containers
    .filter((c) => c.Labels[COMPOSE_LABEL.service] === action.service && c.State === 'running')
    .sort((a, b) => a.Names[0]?.localeCompare(b.Names[0] ?? '') ?? 0)[0];
  if (!target) {
    throw new ActionError(
      `Action "${name}" runs in service ${action.service}, which is not running: start it first`,
    );
  }
  return engine.execInContainer(target.Id, actionCommand(action.run));
}
