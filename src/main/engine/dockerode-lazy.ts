import { createRequire, Module } from 'node:module';
import type DockerodeClass from 'dockerode';

// dockerode loads gRPC and protobuf at start for BuildKit sessions, and docker-modem loads ssh2
// for ssh:// engines: half the start-up time of every `parity` command, for features that are
// rarely used. Their modules are put in require's cache first: the session module as one that
// says Parity does not open BuildKit sessions, the ssh module as one that loads the real one
// the first time an ssh:// engine is dialled.
const requireHere = createRequire(import.meta.url);

function preload(request: string, exports: unknown): string {
  const filename = requireHere.resolve(request);
  const module = new Module(filename);
  module.filename = filename;
  module.loaded = true;
  module.exports = exports;
  requireHere.cache[filename] = module;
  return filename;
}

preload('dockerode/lib/session', () => {
  throw new Error('Parity builds with the classic builder; BuildKit sessions are not supported');
});

const sshPath = preload('docker-modem/lib/ssh', (options: unknown): unknown => {
  delete requireHere.cache[sshPath];
  const realSsh = requireHere(sshPath) as (options: unknown) => unknown;
  return realSsh(options);
});

/** dockerode, without the start-up cost of what Parity does not use. */
export const Docker = requireHere('dockerode') as typeof DockerodeClass;
