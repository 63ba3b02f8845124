import { join } from 'node:path';
import { MAX_META_BYTES, readBounded } from './bounded-read';

/** One PEM file: where it is (for messages) and what it holds. */
export interface TlsFile {
  path: string;
  pem: string;
}

/** How Parity talks TLS to a tcp:// engine, and with which files. */
export interface TlsMaterial {
  /** Whether the engine's certificate is checked (false: a context's SkipTLSVerify, DOCKER_TLS). */
  verify: boolean;
  /** The CA the engine's certificate must chain to; null: the system's CAs. */
  ca: TlsFile | null;
  /** Parity's client certificate and key, when the engine asks for one. */
  cert: TlsFile | null;
  key: TlsFile | null;
}

/** ca.pem, cert.pem and key.pem in a folder, as Docker lays them out; missing ones are null. */
export function readTlsFolder(folder: string): Pick<TlsMaterial, 'ca' | 'cert' | 'key'> {
  const read = (name: string): TlsFile | null => {
    const path = join(folder, name);
    const pem = readBounded(path, MAX_META_BYTES);
    return pem === null ? null : { path, pem };
  };
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}

/**
 * TLS as the docker CLI takes it from the environment: DOCKER_TLS_VERIFY (any value) checks
 * the engine's certificate, DOCKER_TLS alone encrypts without checking; the files are in
 * DOCKER_CERT_PATH, else the Docker config folder. Null when neither is set: plain tcp.
 */
export function tlsFromEnvironment(
  env: Record<string, string | undefined>,
  configDir: string,
): TlsMaterial | null {
  const verify = (env.DOCKER_TLS_VERIFY ?? '') !== '';
  if (!verify && (env.DOCKER_TLS ?? '') === '') return null;
  const folder = env.DOCKER_CERT_PATH || configDir;
  return { verify, ...readTlsFolder(folder) };
}
