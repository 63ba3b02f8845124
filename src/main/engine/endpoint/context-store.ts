import { createHash } from 'node:crypto';
import { opendirSync, type Dir } from 'node:fs';
import { join } from 'node:path';
import { MAX_CONFIG_BYTES, MAX_META_BYTES, readJsonBounded } from './bounded-read';
import { EndpointConfigError } from './endpoint-error';

/** The context that means "no context": DOCKER_HOST, else the local socket. */
export const DEFAULT_CONTEXT = 'default';

/** The most contexts listed from one store: a bound on what a stranger's folder costs. */
const MAX_CONTEXTS = 200;

/** A context as `docker context create` stored it. */
export interface StoredContext {
  name: string;
  /** Endpoints.docker.Host. */
  host: string;
  skipTlsVerify: boolean;
  /** The meta.json it was read from, for messages. */
  metaFile: string;
  /** Where its ca.pem, cert.pem and key.pem are, when it has any. */
  tlsFolder: string;
}

/** The Docker config folder: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: Record<string, string | undefined>, home: string): string {
  return env.DOCKER_CONFIG || join(home, '.docker');
}

/** The folder name Docker gives a context: the sha256 of its name, in hex. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** config.json's `currentContext` (set by `docker context use`), or null when none is set. */
export function currentContextName(configDir: string): string | null {
  const file = join(configDir, 'config.json');
  const config = readJsonBounded(file, MAX_CONFIG_BYTES);
  if (config === null) return null;
  if (!isRecord(config)) throw new EndpointConfigError(`${file}: expected a JSON object`);
  const current = config.currentContext;
  if (current === undefined || current === '') return null;
  if (typeof current !== 'string') {
    throw new EndpointConfigError(`${file}: "currentContext" should be a context name (a string)`);
  }
  return current;
}

/** A stored context by name, or null when the store has no such context. */
export function readContext(configDir: string, name: string): StoredContext | null {
  const id = contextId(name);
  return readMeta(configDir, id, join(configDir, 'contexts', 'meta', id, 'meta.json'));
}

/** A context whose meta.json cannot be read, and why. */
export interface BrokenContext {
  metaFile: string;
  problem: string;
}

/** Every context in the store (at most 200), sorted by name; unreadable ones say why. */
export function listContexts(configDir: string): (StoredContext | BrokenContext)[] {
  const metaRoot = join(configDir, 'contexts', 'meta');
  const contexts: (StoredContext | BrokenContext)[] = [];
  for (const id of contextIds(metaRoot)) {
    const metaFile = join(metaRoot, id, 'meta.json');
    try {
      const context = readMeta(configDir, id, metaFile);
      if (context) contexts.push(context);
    } catch (error) {
      if (!(error instanceof EndpointConfigError)) throw error;
      contexts.push({ metaFile, problem: error.message });
    }
  }
  // By name; the unreadable ones last.
  const key = (entry: StoredContext | BrokenContext): string =>
    'name' in entry ? `0${entry.name}` : `1${entry.metaFile}`;
  return contexts.sort((a, b) => key(a).localeCompare(key(b)));
}

// The context folders' names, read one entry at a time and only so far: a folder of a million
// entries costs no more than the bound.
function contextIds(metaRoot: string): string[] {
  let dir: Dir;
  try {
    dir = opendirSync(metaRoot);
  } catch {
    return [];
  }
  const ids: string[] = [];
  try {
    for (let seen = 0; ids.length < MAX_CONTEXTS && seen < MAX_CONTEXTS * 10; seen++) {
      const entry = dir.readSync();
      if (entry === null) break;
      if (/^[0-9a-f]{64}$/.test(entry.name)) ids.push(entry.name);
    }
  } finally {
    dir.closeSync();
  }
  return ids;
}

function readMeta(configDir: string, id: string, file: string): StoredContext | null {
  const meta = readJsonBounded(file, MAX_META_BYTES);
  if (meta === null) return null;
  if (!isRecord(meta)) throw new EndpointConfigError(`${file}: expected a JSON object`);
  if (typeof meta.Name !== 'string' || meta.Name === '') {
    throw new EndpointConfigError(`${file}: "Name" should be the context's name (a string)`);
  }
  const docker = isRecord(meta.Endpoints) ? meta.Endpoints.docker : undefined;
  if (!isRecord(docker) || typeof docker.Host !== 'string' || docker.Host === '') {
    throw new EndpointConfigError(
      `${file}: context "${meta.Name}" has no Docker endpoint (expected "Endpoints": {"docker": {"Host": "unix:///…"}})`,
    );
  }
  const skip = docker.SkipTLSVerify ?? false;
  if (typeof skip !== 'boolean') {
    throw new EndpointConfigError(`${file}: "SkipTLSVerify" should be true or false`);
  }
  return {
    name: meta.Name,
    host: docker.Host,
    skipTlsVerify: skip,
    metaFile: file,
    tlsFolder: join(configDir, 'contexts', 'tls', id, 'docker'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
