import { DockerEngine, type EngineSelection } from '../engine/docker-engine';
import { EndpointConfigError } from '../engine/endpoint/endpoint-error';
import { dockerConfigDir, readContext } from '../engine/endpoint/context-store';
import { parseEndpoint } from '../engine/endpoint/parse-endpoint';
import { platformDefault } from '../engine/endpoint/resolve-endpoint';
import { systemSearch } from '../engine/endpoint/system-inputs';

/** The engine the app or `parity serve` opens, and what was wrong with the choice, if anything. */
export interface OpenedEngine {
  engine: DockerEngine;
  /** Why the chosen engine could not be used (a context gone, a bad address); null when fine. */
  problem: string | null;
}

/**
 * The engine for the app and `parity serve`: flags and the environment first, as every Docker
 * tool, then the engine chosen in Settings, the current context, a well-known socket. A choice
 * that cannot be read does not stop Parity: it opens the local default and says why, so the
 * user can fix the choice in Settings.
 */
export function engineFromSettings(
  env: NodeJS.ProcessEnv,
  settingsEndpoint: string | null,
  flags: EngineSelection['flags'] = {},
): OpenedEngine {
  try {
    return {
      engine: DockerEngine.fromEnvironment(env, { flags, settings: settingsEndpoint }),
      problem: null,
    };
  } catch (error) {
    if (!(error instanceof EndpointConfigError)) throw error;
    return {
      engine: DockerEngine.at(platformDefault(systemSearch(env)), env),
      problem: error.message,
    };
  }
}

/**
 * Why Settings could not use an engine choice (an address Docker would not take, a context
 * that is not in the store), saying which and what was expected; null when it can.
 */
export function engineChoiceProblem(
  value: string,
  env: NodeJS.ProcessEnv,
): EndpointConfigError | null {
  const configDir = dockerConfigDir(env, systemSearch(env).home);
  try {
    if (value.includes('://')) parseEndpoint(value, 'The Docker engine address');
    else if (readContext(configDir, value) === null) {
      return new EndpointConfigError(
        `There is no Docker context "${value}" in ${configDir}/contexts; give a context's name or an address such as unix:///var/run/docker.sock`,
      );
    }
    return null;
  } catch (error) {
    if (error instanceof EndpointConfigError) return error;
    throw error;
  }
}
