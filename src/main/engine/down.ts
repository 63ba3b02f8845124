import type { ServiceProgress } from '../../shared/progress';
import type { DockerEngine } from './docker-engine';
import { progressReporter } from './progress-reporter';
import { inReverseDependencyOrder } from './stop-order';

/** What `down` was asked to do. */
export interface DownOptions {
  /**
   * Also remove the project's named volumes and its containers' anonymous ones. Off by default:
   * down never deletes data unless asked.
   */
  volumes?: boolean;
  /** Seconds each container gets to stop before it is killed; else its stop_grace_period. */
  timeoutSeconds?: number;
  onProgress?: (progress: ServiceProgress) => void;
}

/** What down removed. */
export interface DownResult {
  containers: number;
  networks: string[];
  volumes: string[];
}

/**
 * Stops and removes a project's containers, dependents before what they depend on, then its
 * networks; its volumes (named, and the containers' anonymous ones) only when asked.
 */
export async function down(
  engine: DockerEngine,
  project: string,
  options: DownOptions = {},
): Promise<DownResult> {
  const report = progressReporter(options.onProgress);
  const containers = await engine.listProjectContainers(project);
  await inReverseDependencyOrder(containers, async (service, list) => {
    report(service, 'stopping');
    await Promise.all(
      list.map(async (c) => {
        await engine.stopContainer(c.Id, options.timeoutSeconds);
        // With volumes, its anonymous volumes go with it, as `docker compose down -v` does.
        await engine.removeContainer(c.Id, options.volumes === true);
      }),
    );
    report(service, 'removed');
  });
  const networks = await engine.removeProjectNetworks(project);
  const volumes = options.volumes ? await engine.removeProjectVolumes(project) : [];
  return { containers: containers.length, networks, volumes };
}
