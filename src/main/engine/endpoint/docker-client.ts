import { Agent } from 'node:https';
import type Docker from 'dockerode';
import { Docker as Dockerode } from '../dockerode-lazy';
import type { EngineTarget } from './engine-target';

/**
 * The dockerode options that reach exactly this engine. Every address part is given, so
 * docker-modem has nothing left to take from DOCKER_HOST or a default socket of its own.
 */
export function dockerodeOptions(
  target: EngineTarget,
  env: Record<string, string | undefined>,
): Docker.DockerOptions {
  const { parsed, tls } = target;
  switch (parsed.scheme) {
    case 'unix':
    case 'npipe':
      return { socketPath: parsed.path };
    case 'ssh':
      return {
        protocol: 'ssh',
        host: parsed.host,
        port: parsed.port,
        ...(parsed.username === null ? {} : { username: parsed.username }),
        sshOptions: env.SSH_AUTH_SOCK ? { agent: env.SSH_AUTH_SOCK } : {},
      };
    case 'tcp':
      if (tls === null) return { protocol: 'http', host: parsed.host, port: parsed.port };
      return {
        protocol: 'https',
        host: parsed.host,
        port: parsed.port,
        ...(tls.ca ? { ca: tls.ca.pem } : {}),
        ...(tls.cert ? { cert: tls.cert.pem } : {}),
        ...(tls.key ? { key: tls.key.pem } : {}),
        // docker-modem has no switch for an unchecked certificate; an agent carries it.
        ...(tls.verify ? {} : { agent: new Agent({ rejectUnauthorized: false }) }),
      };
  }
}

// What docker-modem's constructor reads from the environment on its own.
const MODEM_ENV = [
  'DOCKER_HOST',
  'DOCKER_TLS_VERIFY',
  'DOCKER_CERT_PATH',
  'DOCKER_CLIENT_TIMEOUT',
  'DOCKER_PATH_PREFIX',
] as const;

/**
 * A dockerode client for these options. docker-modem's constructor merges its own reading of
 * process.env under the options given (a tcp DOCKER_HOST would win over a socket path, and a
 * DOCKER_CERT_PATH without files throws), so those variables are hidden while it runs. The
 * constructor is synchronous: nothing else runs in between.
 */
export function createDockerClient(options: Docker.DockerOptions): Docker {
  const saved = new Map<string, string>();
  for (const name of MODEM_ENV) {
    const value = process.env[name];
    if (value !== undefined) saved.set(name, value);
    delete process.env[name];
  }
  try {
    return new Dockerode(options);
  } finally {
    for (const [name, value] of saved) process.env[name] = value;
  }
}
