import type { ServiceStats } from '../../shared/stats';
import { COMPOSE_LABEL } from './compose-labels';
import { cpuPercent, memoryLimit, memoryUsage } from './container-stats';
import type { DockerEngine } from './docker-engine';

/**
 * One resource sample of each running service container of a project, in service then
 * container order. The engine takes a second or so per sample, so containers are sampled
 * together; one that stops or goes away meanwhile is left out.
 */
export async function projectStats(engine: DockerEngine, project: string): Promise<ServiceStats[]> {
  const running = (await engine.listProjectContainers(project)).filter(
    (info) => info.State === 'running',
  );
  const samples = await Promise.all(
    running.map(async (info): Promise<ServiceStats | null> => {
      try {
        const stats = await engine.containerStats(info.Id);
        // A container that stopped meanwhile is sampled as never read (year 1, all zeros).
        if (stats.read.startsWith('0001-')) return null;
        return {
          service: info.Labels[COMPOSE_LABEL.service] ?? '',
          container: (info.Names[0] ?? info.Id).replace(/^\//, ''),
          cpuPercent: cpuPercent(stats),
          memoryBytes: memoryUsage(stats),
          memoryLimitBytes: memoryLimit(stats),
        };
      } catch (error) {
        if (isGone(error)) return null;
        throw error;
      }
    }),
  );
  return samples
    .filter((sample): sample is ServiceStats => sample !== null)
    .sort((a, b) => a.service.localeCompare(b.service) || a.container.localeCompare(b.container));
}

// Removed (404) or no longer running (409) between the listing and the sample.
function isGone(error: unknown): boolean {
  const status = (error as { statusCode?: number } | null)?.statusCode;
  return status === 404 || status === 409;
}
