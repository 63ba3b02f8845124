import {
  currentContextName,
  DEFAULT_CONTEXT,
  dockerConfigDir,
  readContext,
  type StoredContext,
} from './context-store';
import { EndpointConfigError } from './endpoint-error';
import { engineTarget, type EndpointSource, type EngineTarget } from './engine-target';
import { parseEndpoint } from './parse-endpoint';
import { readTlsFolder, tlsFromEnvironment, type TlsMaterial } from './tls-material';
import { findDefaultSocket, type SocketSearch } from './well-known-sockets';

/** How a context came to be chosen. */
type ContextVia = 'flag' | 'docker-context' | 'settings' | 'current';

/** Everything the choice of engine depends on; passed in so it can be tested with a temp store. */
export interface EndpointInputs extends SocketSearch {
  /** `--context NAME` and `-H/--host URL` given on the command line. */
  flags?: { context?: string | undefined; host?: string | undefined };
  /** The Settings choice: an engine address (`unix://…`, `tcp://…`, …) or a context's name. */
  settings?: string | null;
}

/**
 * The engine to talk to, in the docker CLI's order: `--context` or `-H`, then DOCKER_HOST, then
 * DOCKER_CONTEXT, then the endpoint chosen in Parity's Settings, then the context made current
 * with `docker context use`, then the first well-known socket that exists. The context named
 * "default" means none: DOCKER_HOST, else the local socket.
 */
export function resolveEngineTarget(inputs: EndpointInputs): EngineTarget {
  const { env, flags = {}, settings = null } = inputs;
  const configDir = dockerConfigDir(env, inputs.home);
  if (flags.context !== undefined && flags.host !== undefined) {
    throw new EndpointConfigError('conflicting options: give either --host or --context, not both');
  }
  if (flags.context !== undefined) return fromContext(inputs, configDir, flags.context, 'flag');
  if (flags.host !== undefined)
    return fromAddress(flags.host, '-H/--host', { kind: 'host-flag' }, inputs, configDir);
  if (env.DOCKER_HOST)
    return fromAddress(env.DOCKER_HOST, 'DOCKER_HOST', { kind: 'docker-host' }, inputs, configDir);
  if (env.DOCKER_CONTEXT)
    return fromContext(inputs, configDir, env.DOCKER_CONTEXT, 'docker-context');
  if (settings !== null && settings.trim() !== '') {
    // A context's name never holds "://" (Docker allows [a-zA-Z0-9_.+-]), an address does.
    return settings.includes('://')
      ? fromAddress(
          settings,
          'the engine chosen in Settings',
          { kind: 'settings' },
          inputs,
          configDir,
        )
      : fromContext(inputs, configDir, settings.trim(), 'settings');
  }
  const current = currentContextName(configDir);
  if (current !== null) return fromContext(inputs, configDir, current, 'current');
  return platformDefault(inputs);
}

function fromAddress(
  address: string,
  where: string,
  source: EndpointSource,
  inputs: EndpointInputs,
  configDir: string,
): EngineTarget {
  const tls = tlsFromEnvironment(inputs.env, configDir);
  return engineTarget(parseEndpoint(address, where, tls !== null), source, tls);
}

function fromContext(
  inputs: EndpointInputs,
  configDir: string,
  name: string,
  via: ContextVia,
): EngineTarget {
  if (name === DEFAULT_CONTEXT) {
    const { env } = inputs;
    return env.DOCKER_HOST
      ? fromAddress(env.DOCKER_HOST, 'DOCKER_HOST', { kind: 'docker-host' }, inputs, configDir)
      : platformDefault(inputs);
  }
  const context = readContext(configDir, name);
  if (context === null) {
    const from = {
      flag: '--context',
      'docker-context': 'DOCKER_CONTEXT',
      settings: 'Settings',
      current: `${configDir}/config.json (currentContext)`,
    }[via];
    throw new EndpointConfigError(
      `Docker context "${name}" (from ${from}) does not exist in ${configDir}/contexts: \`docker context ls\` lists the contexts there`,
    );
  }
  return contextTarget(context, via);
}

/** The engine a stored context names, with its TLS files. */
export function contextTarget(context: StoredContext, via: ContextVia): EngineTarget {
  const files = readTlsFolder(context.tlsFolder);
  const hasFiles = files.ca !== null || files.cert !== null || files.key !== null;
  // As the docker CLI does: TLS when the context holds TLS files or says to skip verifying.
  const tls: TlsMaterial | null =
    hasFiles || context.skipTlsVerify ? { verify: !context.skipTlsVerify, ...files } : null;
  return engineTarget(
    parseEndpoint(context.host, `${context.metaFile} Endpoints.docker.Host`, tls !== null),
    { kind: 'context', context: context.name, via },
    tls,
  );
}

/** The platform's default engine: the first well-known socket found, else the system one. */
export function platformDefault(search: SocketSearch): EngineTarget {
  const socket = findDefaultSocket(search);
  return engineTarget(
    parseEndpoint(socket.endpoint, socket.label),
    { kind: 'default', socket: socket.label },
    null,
  );
}
