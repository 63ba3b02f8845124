import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One compose project both tools bring up: a folder and its compose file in it. */
export interface ConformanceProject {
  name: string;
  dir: string;
  file: string;
}

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Our own small projects for keys the real ones lack; they always run. */
export const FIXTURES_DIR = join(REPO, 'test/fixtures/conformance');

/**
 * The projects run by default, the slowest first: together they cover several networks,
 * profiles, cap_add/cap_drop, read_only, tmpfs, `~`, file and socket binds, secrets, expose,
 * stdin_open, sysctls, network_mode, container_name and restart. With the fixtures they take
 * under 3 minutes on this shared 2-core machine (165 s at load 13). PARITY_CONFORMANCE=all runs
 * every corpus project.
 */
export const DEFAULT_PROJECTS: readonly string[] = [
  'example-voting-app',
  'sock-shop',
  'react-express-mongodb',
  'minecraft',
  'sparkjava-mysql',
  'wireguard',
  'plex',
];

/** The corpora folder, or null when this checkout has none. */
export function corporaDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env.PARITY_CORPORA ? resolve(env.PARITY_CORPORA) : resolve(REPO, '../shared/corpora');
  return existsSync(dir) ? dir : null;
}

/** Every runnable compose project of the corpora, by name. */
export function corpusProjects(corpora: string): ConformanceProject[] {
  const projects: ConformanceProject[] = [];
  const samples = join(corpora, 'compose-samples');
  if (existsSync(samples)) {
    for (const entry of readdirSync(samples, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const file = ['compose.yaml', 'compose.yml'].find((f) =>
        existsSync(join(samples, entry.name, f)),
      );
      if (file) projects.push({ name: entry.name, dir: join(samples, entry.name), file });
    }
  }
  const others: ConformanceProject[] = [
    {
      name: 'example-voting-app',
      dir: join(corpora, 'example-voting-app'),
      file: 'docker-compose.yml',
    },
    {
      name: 'sock-shop',
      dir: join(corpora, 'sock-shop/deploy/docker-compose'),
      file: 'docker-compose.yml',
    },
    { name: 'aks-store-demo', dir: join(corpora, 'aks-store-demo'), file: 'docker-compose.yml' },
    { name: 'emojivoto', dir: join(corpora, 'emojivoto'), file: 'docker-compose.yml' },
  ];
  projects.push(...others.filter((p) => existsSync(join(p.dir, p.file))));
  return projects.sort((a, b) => a.name.localeCompare(b.name));
}

/** Our fixtures: each folder of test/fixtures/conformance with a compose.yaml. */
export function fixtureProjects(): ConformanceProject[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(FIXTURES_DIR, entry.name, 'compose.yaml')),
    )
    .map((entry) => ({
      name: `fixture:${entry.name}`,
      dir: join(FIXTURES_DIR, entry.name),
      file: 'compose.yaml',
    }));
}
