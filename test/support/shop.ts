import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { removeProject } from './engine';

const SHOP = fileURLToPath(new URL('../../examples/shop', import.meta.url));

/**
 * A copy of examples/shop in a new temporary folder named `name` (its Compose project name),
 * with its fixed host ports made ephemeral so that it can run beside the example or another
 * test. Everything else, parity.yaml and the manifests included, is the example's.
 */
export function copyShop(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-shop-')), name);
  cpSync(SHOP, dir, { recursive: true });
  const compose = join(dir, 'compose.yaml');
  writeFileSync(
    compose,
    readFileSync(compose, 'utf8').replace(/"127\.0\.0\.1:\d+:(\d+)"/g, '"127.0.0.1::$1"'),
  );
  // parity.yaml names the project; the copy gets its own.
  const parity = join(dir, 'parity.yaml');
  writeFileSync(parity, readFileSync(parity, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
  return dir;
}

/** A settings file for a `parity serve` under test: never the user's own. */
export function testSettingsEnv(): NodeJS.ProcessEnv {
  const file = join(mkdtempSync(join(tmpdir(), 'parity-settings-')), 'config.json');
  return { ...process.env, PARITY_SETTINGS: file };
}

/** Removes everything a shop copy left on the engine: containers, networks, volumes, images. */
export async function removeShop(docker: Docker, name: string): Promise<void> {
  await removeProject(docker, name);
  const label = `com.docker.compose.project=${name}`;
  await docker.pruneNetworks({ filters: { label: [label] } }).catch(() => undefined);
  const { Volumes } = await docker.listVolumes({ filters: { label: [label] } });
  for (const volume of new Set([...(Volumes ?? []).map((v) => v.Name), `${name}_worker-data`])) {
    await docker
      .getVolume(volume)
      .remove()
      .catch(() => undefined);
  }
  for (const image of [`${name}-api`, `${name}-web`]) {
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
