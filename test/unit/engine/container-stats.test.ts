import type { ContainerStats } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { cpuPercent, memoryLimit, memoryUsage } from '../../../src/main/engine/container-stats';
import v1 from './fixtures/stats-cgroup-v1.json';

// Sampled from `GET /containers/{id}/stats?stream=false` of a busy busybox container with a
// 64 MiB limit on Docker 20.10 (cgroup v1, two CPUs).
const cgroupV1 = v1 as unknown as ContainerStats;

// What an engine on cgroup v2 reports: no per-CPU usage, no total_* memory counters.
function cgroupV2(): ContainerStats {
  return {
    read: '2024-05-06T07:08:10.000000000Z',
    preread: '2024-05-06T07:08:09.000000000Z',
    cpu_stats: {
      cpu_usage: { total_usage: 3_000_000_000, usage_in_kernelmode: 0, usage_in_usermode: 0 },
      system_cpu_usage: 104_000_000_000,
      online_cpus: 4,
    },
    precpu_stats: {
      cpu_usage: { total_usage: 2_500_000_000, usage_in_kernelmode: 0, usage_in_usermode: 0 },
      system_cpu_usage: 100_000_000_000,
      online_cpus: 4,
    },
    memory_stats: {
      usage: 50_000_000,
      limit: 8_000_000_000,
      stats: { active_file: 1_000_000, inactive_file: 20_000_000, anon: 29_000_000 },
    },
  } as unknown as ContainerStats;
}

describe('container stats', () => {
  it('computes CPU % as the Docker CLI does: cpu delta / system delta * online CPUs * 100', () => {
    // (2520686174 - 1944884749) / (26983320000000 - 26981300000000) * 2 * 100
    expect(cpuPercent(cgroupV1)).toBeCloseTo(57.01, 3);
    // (3e9 - 2.5e9) / (104e9 - 100e9) * 4 * 100
    expect(cpuPercent(cgroupV2())).toBeCloseTo(50, 6);
  });

  it('counts the per-CPU usages when the engine does not report online CPUs', () => {
    const stats = structuredClone(cgroupV1);
    (stats.cpu_stats as { online_cpus?: number }).online_cpus = undefined;
    expect(cpuPercent(stats)).toBeCloseTo(57.01, 2);
  });

  it('reports 0 % for a first sample, whose precpu_stats is empty', () => {
    const stats = structuredClone(cgroupV1);
    stats.precpu_stats = { cpu_usage: { total_usage: 0 }, throttling_data: {} } as never;
    stats.cpu_stats.system_cpu_usage = 0;
    expect(cpuPercent(stats)).toBe(0);
  });

  it('leaves reclaimable page cache out of memory, as docker stats shows it', () => {
    expect(memoryUsage(cgroupV1)).toBe(1327104);
    expect(memoryLimit(cgroupV1)).toBe(64 * 1024 * 1024);
    const cached = structuredClone(cgroupV1);
    cached.memory_stats.stats.total_inactive_file = 327104;
    expect(memoryUsage(cached)).toBe(1_000_000);
    expect(memoryUsage(cgroupV2())).toBe(30_000_000);
    expect(memoryLimit(cgroupV2())).toBe(8_000_000_000);
  });
});
