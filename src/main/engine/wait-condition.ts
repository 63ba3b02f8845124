import type { Dependency } from '../../shared/model';
import type { ContainerEvents } from './container-events';
import type { DockerEngine } from './docker-engine';

/** A dependency that can no longer meet its condition; the message says why. */
export class DependencyFailedError extends Error {
  override readonly name = 'DependencyFailedError';
}

type Verdict = 'met' | { failed: string } | 'pending';

/**
 * Resolves when a started container meets a depends_on condition, driven by the engine's
 * events (no polling). Rejects at once when it cannot: unhealthy, or exited (with a non-zero
 * code, for service_completed_successfully), with the last health check output.
 */
export function waitForCondition(
  engine: DockerEngine,
  events: ContainerEvents,
  containerId: string,
  condition: Dependency['condition'],
): Promise<void> {
  if (condition === 'service_started') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (verdict: Verdict): void => {
      if (settled || verdict === 'pending') return;
      settled = true;
      off();
      if (verdict === 'met') resolve();
      else reject(new DependencyFailedError(verdict.failed));
    };
    const fail = (reason: string): void => {
      // The last health output is what a user needs to see; fetch it before failing.
      engine.inspectContainer(containerId).then(
        (info) => settle({ failed: withHealthOutput(reason, info.State.Health?.Log) }),
        () => settle({ failed: reason }),
      );
    };
    // Subscribe first, then inspect: an event between the two is not lost.
    const off = events.on(containerId, (event) => {
      if (event.action === 'health_status: healthy' && condition === 'service_healthy')
        settle('met');
      else if (event.action === 'health_status: unhealthy' && condition === 'service_healthy')
        fail('is unhealthy');
      else if (event.action === 'die') {
        const code = event.attributes.exitCode ?? '?';
        if (condition === 'service_completed_successfully' && code === '0') settle('met');
        else fail(`exited with code ${code}`);
      }
    });
    engine.inspectContainer(containerId).then(
      (info) => {
        const state = info.State;
        if (condition === 'service_healthy') {
          if (!state.Health) fail('has no healthcheck, so it can never be healthy');
          else if (state.Health.Status === 'healthy') settle('met');
          else if (state.Health.Status === 'unhealthy') fail('is unhealthy');
          else if (!state.Running) fail(`exited with code ${state.ExitCode}`);
        } else if (!state.Running && state.Status === 'exited') {
          if (state.ExitCode === 0) settle('met');
          else fail(`exited with code ${state.ExitCode}`);
        }
      },
      (error: Error) => settle({ failed: error.message }),
    );
  });
}

function withHealthOutput(
  reason: string,
  log: { Output?: string; ExitCode?: number }[] | undefined,
): string {
  const last = log?.at(-1);
  const output = last?.Output?.trim();
  return output
    ? `${reason}; last health check (exit ${last?.ExitCode ?? '?'}): ${output}`
    : reason;
}
