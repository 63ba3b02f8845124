import { z } from 'zod';

/** One running service container's resource use, sampled once. */
export const ServiceStatsSchema = z.object({
  service: z.string(),
  /** The container's name as the engine reports it (project prefix included, no slash). */
  container: z.string(),
  /** As `docker stats` shows it: 100 is one CPU fully busy, so it can exceed 100. */
  cpuPercent: z.number().min(0),
  /** Memory in use, page cache that could be reclaimed left out (as `docker stats` does). */
  memoryBytes: z.number().int().min(0),
  /** The container's memory limit, or the host's memory when it has none. */
  memoryLimitBytes: z.number().int().min(0),
});
export type ServiceStats = z.infer<typeof ServiceStatsSchema>;

/** A project's running service containers' resource use, in service then container order. */
export const ProjectStatsSchema = z.object({
  project: z.string(),
  services: z.array(ServiceStatsSchema),
});
export type ProjectStats = z.infer<typeof ProjectStatsSchema>;
