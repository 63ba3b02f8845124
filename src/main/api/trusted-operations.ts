import type { ApiHandlers } from '../../shared/api/contract';
import type { DockerEngine } from '../engine/docker-engine';
import { up } from '../engine/up';
import { actionConfirmation } from '../trust/action-trust';
import { trustStack, untrustedAsks } from '../trust/stack-trust';
import type { TrustSettings } from '../trust/trust-store';
import type { ProjectRegistry } from './project-registry';
import { runAction } from './run-action';
import type { StackOperations } from './stack-operations';

/** What the start and action handlers need from the API. */
export interface TrustedOperationDeps {
  engine: DockerEngine;
  registry: ProjectRegistry;
  operations: StackOperations;
  settings: TrustSettings;
  env: Record<string, string | undefined>;
  /** The span receiver's URL once it runs, for parity.yaml's `traces: {inject: true}`. */
  tracesReceiver?: () => string | null;
  /** The folder was just trusted: drift may now read production sources it refused. */
  onTrusted?: (project: string) => void;
}

/**
 * `stack.up`: a stack asking for host-level power its folder is not trusted for is not started,
 * and the result lists what it asks; with `trust` equal to that list's hash, the trust is
 * recorded and it starts. Checked before the operation begins (no busy state, no progress for
 * a start that does not happen) and again on the files the operation reads, so a change in
 * between is not started on the earlier agreement.
 */
export function stackUpHandler(deps: TrustedOperationDeps): ApiHandlers['stack.up'] {
  const { engine, registry, operations, settings, env, onTrusted } = deps;
  const gate = (
    id: string,
    project: Parameters<typeof untrustedAsks>[0],
    trust: string | undefined,
  ) => {
    const request = untrustedAsks(project, settings, env);
    if (request === null) return null;
    if (trust !== request.hash) return request;
    trustStack(project, settings, request);
    onTrusted?.(id);
    return null;
  };
  return async ({ project, services, scale, trust }) => {
    const first = gate(project, await registry.loadValid(project), trust);
    if (first) return { failed: [], needsTrust: first };
    return operations.run(project, 'up', async (loaded, onProgress) => {
      const changed = gate(project, loaded, trust);
      if (changed) return { failed: [], needsTrust: changed };
      return up(engine, loaded, {
        ...(services ? { services } : {}),
        ...(scale ? { scale } : {}),
        onProgress,
        tracesReceiver: deps.tracesReceiver?.() ?? null,
      });
    });
  };
}

/**
 * `actions.run`: an action's first run in the folder (per command), and every run of one marked
 * `confirm`, returns its exact command to confirm; with `confirm` equal to its hash, it runs.
 */
export function actionsRunHandler(deps: TrustedOperationDeps): ApiHandlers['actions.run'] {
  const { engine, registry, operations, settings } = deps;
  return async ({ project, action, confirm }) => {
    const needsConfirmation = actionConfirmation(
      await registry.loadValid(project),
      action,
      settings,
      confirm,
    );
    if (needsConfirmation) return { needsConfirmation };
    return operations.run(project, 'action', (loaded) => runAction(engine, loaded, action));
  };
}
