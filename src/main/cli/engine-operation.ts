import type { LoadedProject } from '../config/load-project';
import type { DockerEngine } from '../engine/docker-engine';
import { cliEngine } from './cli-engine';
import { describeHolder, projectLockKey, withProjectLock } from '../engine/project-lock';
import type { CliIo } from './command';

/**
 * Runs an operation that changes a project's containers on the engine the run names (flags, environment, context),
 * holding the project's lock (per engine), and saying so when another one is running.
 */
export function engineOperation<T>(
  project: LoadedProject,
  io: CliIo,
  work: (engine: DockerEngine) => Promise<T>,
): Promise<T> {
  const engine = cliEngine(io);
  return withProjectLock(projectLockKey(engine.endpoint, project.name), () => work(engine), {
    onWait: (holder) =>
      io.err(
        `Waiting for another operation on ${project.name} (${describeHolder(holder)}) to finish…\n`,
      ),
  });
}
