import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostics';

/** The names Compose looks for, in its order of preference. */
export const COMPOSE_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
] as const;

/** The files that make a project, and the folder relative paths resolve against. */
export interface DiscoveredFiles {
  files: string[];
  workingDir: string;
  diagnostics: Diagnostic[];
}

/**
 * Finds the compose files as `docker compose` does: explicit files (-f, then COMPOSE_FILE) in
 * order; otherwise the first supported name in the folder or its nearest parent that has one,
 * followed by its `.override` file when present.
 */
export function discoverComposeFiles(
  startDir: string,
  explicit: readonly string[],
  env: Record<string, string | undefined>,
): DiscoveredFiles {
  const diagnostics: Diagnostic[] = [];
  const fromEnv = env.COMPOSE_FILE?.split(
    env.COMPOSE_PATH_SEPARATOR ?? (process.platform === 'win32' ? ';' : ':'),
  );
  const named = explicit.length > 0 ? explicit : (fromEnv?.filter((f) => f.length > 0) ?? []);
  if (named.length > 0) {
    const files = named.map((file) => resolve(startDir, file));
    for (const file of files) {
      if (!existsSync(file))
        diagnostics.push({ severity: 'error', message: `compose file not found: ${file}` });
    }
    return { files, workingDir: dirname(files[0] ?? startDir), diagnostics };
  }
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const found = COMPOSE_FILE_NAMES.filter((name) => existsSync(join(dir, name)));
    const first = found[0];
    if (first) {
      if (found.length > 1) {
        diagnostics.push({
          severity: 'warning',
          message: `found several compose files (${found.join(', ')}) in ${dir}; using ${first}`,
        });
      }
      const main = join(dir, first);
      const override = overrideFileOf(main);
      return { files: override ? [main, override] : [main], workingDir: dir, diagnostics };
    }
    if (dirname(dir) === dir) break;
  }
  diagnostics.push({
    severity: 'error',
    message: `no compose file in ${resolve(startDir)} or its parents: expected one of ${COMPOSE_FILE_NAMES.join(', ')}`,
  });
  return { files: [], workingDir: resolve(startDir), diagnostics };
}

// compose.yaml -> compose.override.yaml (either extension), as Compose pairs them.
function overrideFileOf(file: string): string | null {
  const stem = basename(file, extname(file));
  for (const ext of ['.yaml', '.yml']) {
    const candidate = join(dirname(file), `${stem}.override${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
