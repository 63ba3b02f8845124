import { DockerEngine } from '../engine/docker-engine';
import { engineUnreachableMessage } from '../engine/unreachable';
import type { CliIo } from './command';

// The engine each run opened, so the run's error handler can name it.
const opened = new WeakMap<CliIo, DockerEngine>();

/**
 * The engine a command acts on: `--context`/`-H` when given, else as the docker CLI finds it
 * (DOCKER_HOST, DOCKER_CONTEXT, the current context, a well-known socket). One per run.
 */
export function cliEngine(io: CliIo): DockerEngine {
  const known = opened.get(io);
  if (known) return known;
  const engine = DockerEngine.fromEnvironment(io.env, { flags: io.engineFlags ?? {} });
  opened.set(io, engine);
  return engine;
}

/**
 * The sentence for an error that means the run's engine could not be reached (naming the
 * endpoint and its context), or null when the error is something else.
 */
export function cliEngineFailure(io: CliIo, error: unknown): string | null {
  const engine = opened.get(io);
  return engine?.target ? engineUnreachableMessage(engine.target, error) : null;
}
