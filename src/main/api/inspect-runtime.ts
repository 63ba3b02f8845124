import type { StackContainer } from '../../shared/stacks';
import type { DockerEngine } from '../engine/docker-engine';
import type { ContainerRuntime } from './service-views';

/**
 * Inspects the containers that have something to tell beyond the list: a health check log
 * or restarts. A container removed meanwhile is skipped.
 */
export async function inspectRuntime(
  engine: DockerEngine,
  containers: readonly StackContainer[],
): Promise<Map<string, ContainerRuntime>> {
  const runtime = new Map<string, ContainerRuntime>();
  await Promise.all(
    containers
      .filter((c) => c.health !== 'none' || c.state === 'restarting' || c.state === 'exited')
      .map(async (container) => {
        const info = await engine.inspectContainer(container.id).catch(() => null);
        if (!info) return;
        const last = info.State.Health?.Log?.at(-1);
        runtime.set(container.id, {
          lastHealthCheck: last
            ? { exitCode: last.ExitCode, output: last.Output.trim(), at: last.End }
            : null,
          restartCount: info.RestartCount,
        });
      }),
  );
  return runtime;
}
