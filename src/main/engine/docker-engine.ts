import Docker from 'dockerode';
import type { Stack } from '../../shared/stacks';
import { COMPOSE_LABEL } from './compose-labels';
import { groupStacks } from './stacks';

/** Where the engine is: DOCKER_HOST as Docker's own tools read it, else the local socket. */
export function defaultEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCKER_HOST) return env.DOCKER_HOST;
  return process.platform === 'win32'
    ? 'npipe:////./pipe/docker_engine'
    : 'unix:///var/run/docker.sock';
}

// Local sockets are given explicitly; for tcp (with TLS) and ssh endpoints docker-modem reads
// DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH itself.
function socketOptions(endpoint: string): Docker.DockerOptions | undefined {
  if (endpoint.startsWith('unix://')) return { socketPath: endpoint.slice('unix://'.length) };
  if (endpoint.startsWith('npipe://')) return { socketPath: endpoint.slice('npipe://'.length) };
  return undefined;
}

/**
 * The one adapter over dockerode: everything else in Parity talks to the engine through it.
 * The client is passed in so tests and settings can point it anywhere.
 */
export class DockerEngine {
  constructor(
    private readonly docker: Docker,
    /** The endpoint as the user would write it, for messages. */
    readonly endpoint: string,
  ) {}

  /** An engine at the endpoint the environment names (DOCKER_HOST or the default socket). */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): DockerEngine {
    const endpoint = defaultEndpoint(env);
    return new DockerEngine(new Docker(socketOptions(endpoint)), endpoint);
  }

  /** Every Compose-labelled container (running or not), grouped by project. */
  async listStacks(): Promise<Stack[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [COMPOSE_LABEL.project] },
    });
    return groupStacks(containers);
  }
}
