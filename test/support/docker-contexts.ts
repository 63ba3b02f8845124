import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** TLS files a context carries, as PEM text. */
export interface ContextTls {
  ca?: string;
  cert?: string;
  key?: string;
}

/**
 * Writes a context into a Docker config folder the way `docker context create` does:
 * contexts/meta/<sha256 of the name>/meta.json and contexts/tls/<sha256>/docker/*.pem.
 */
export function writeDockerContext(
  configDir: string,
  name: string,
  host: string,
  options: { skipTlsVerify?: boolean; tls?: ContextTls } = {},
): void {
  const id = createHash('sha256').update(name).digest('hex');
  const metaDir = join(configDir, 'contexts', 'meta', id);
  mkdirSync(metaDir, { recursive: true });
  writeFileSync(
    join(metaDir, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: { Description: `test context ${name}` },
      Endpoints: { docker: { Host: host, SkipTLSVerify: options.skipTlsVerify ?? false } },
    }),
  );
  if (options.tls) {
    const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
    mkdirSync(tlsDir, { recursive: true });
    for (const file of ['ca', 'cert', 'key'] as const) {
      const pem = options.tls[file];
      if (pem !== undefined) writeFileSync(join(tlsDir, `${file}.pem`), pem);
    }
  }
}

/** Makes a context current, as `docker context use NAME` does (config.json currentContext). */
export function useDockerContext(configDir: string, name: string): void {
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: name }));
}
