import type { ServiceModel } from '../../shared/model';
import { KUBERNETES_PROBE_DEFAULTS } from '../drift/kubernetes/probe';
import type { MirrorValue, Skip } from './mirror-types';

// An exec probe is a Compose health check as it is; an HTTP, TCP or gRPC probe would need a
// client in the image, which Parity cannot know is there.
/** Production's exec probe as the service's health check, unless the laptop's is the same. */
export function mirrorHealth(
  dev: ServiceModel,
  prod: ServiceModel,
  values: MirrorValue[],
  skip: Skip,
): void {
  const probe = prod.healthcheck;
  const test = probe?.value.test;
  if (!probe || !test || probe.value.disable) return;
  if (test[0] !== 'CMD') {
    skip(
      'healthcheck',
      `production probes with ${test[0] ?? 'a probe'}, which needs a client in the image: not mirrored`,
    );
    return;
  }
  const timing = (ms: number | null, fallback: number): string => {
    const value = ms ?? fallback;
    return value % 1000 === 0 ? `${value / 1000}s` : `${value}ms`;
  };
  const health = {
    test,
    interval: timing(probe.value.intervalMs, KUBERNETES_PROBE_DEFAULTS.intervalMs),
    timeout: timing(probe.value.timeoutMs, KUBERNETES_PROBE_DEFAULTS.timeoutMs),
    retries: probe.value.retries ?? KUBERNETES_PROBE_DEFAULTS.retries,
    start_period: timing(probe.value.startPeriodMs, KUBERNETES_PROBE_DEFAULTS.startPeriodMs),
  };
  const laptop = dev.healthcheck?.value;
  if (laptop && JSON.stringify(laptop.test) === JSON.stringify(test)) {
    const same = (ms: number | null, written: string): boolean =>
      ms !== null && timing(ms, 0) === written;
    if (
      same(laptop.intervalMs, health.interval) &&
      same(laptop.timeoutMs, health.timeout) &&
      laptop.retries === health.retries
    ) {
      return;
    }
  }
  for (const [key, value] of Object.entries(health)) {
    values.push({ path: ['healthcheck', key], value, from: probe.source });
  }
}
