import type { ContainerStats } from 'dockerode';

/**
 * CPU use between the engine's two samples, as the Docker CLI computes it: the container's
 * share of the host's CPU time over the interval, times the CPUs online, in percent.
 */
export function cpuPercent(stats: ContainerStats): number {
  const cpu = stats.cpu_stats;
  const previous = stats.precpu_stats;
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (previous?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (previous?.system_cpu_usage ?? 0);
  // Engines before API 1.27 do not report online_cpus; the CLI then counts per-CPU usages.
  const onlineCpus = cpu?.online_cpus || (cpu?.cpu_usage?.percpu_usage?.length ?? 0);
  if (systemDelta <= 0 || cpuDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * onlineCpus * 100;
}

/**
 * Memory in use as the Docker CLI shows it: usage less the inactive page cache
 * (total_inactive_file on cgroup v1, inactive_file on v2), which the kernel can take back.
 */
export function memoryUsage(stats: ContainerStats): number {
  const usage = stats.memory_stats?.usage ?? 0;
  const counters = (stats.memory_stats?.stats ?? {}) as Record<string, number | undefined>;
  const v1 = counters.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = counters.inactive_file;
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

/** The memory limit the engine reports for the container (the host's memory when unlimited). */
export function memoryLimit(stats: ContainerStats): number {
  return stats.memory_stats?.limit ?? 0;
}
