import type { ServiceModel } from '../../shared/model';
import type { DockerEngine } from './docker-engine';
import { tarOneFile } from './tar-file';

// Compose's modes: a secret readable by its owner only, a config by everyone.
const MODE = { secret: 0o400, config: 0o444 } as const;

/**
 * Writes the secrets taken from environment variables and the configs written inline into a
 * created container, before it starts, as Compose does; the engine gives them to the
 * container's user. Secrets and configs from files are bind mounts (containerSpec).
 */
export async function writeInlineFiles(
  engine: DockerEngine,
  containerId: string,
  service: ServiceModel,
): Promise<void> {
  for (const { value } of service.fileMounts ?? []) {
    if (!value.content) continue;
    const archive = tarOneFile(
      value.target.replace(/^\/+/, ''),
      Buffer.from(value.content.value),
      MODE[value.kind],
    );
    await engine.putArchive(containerId, archive);
  }
}
