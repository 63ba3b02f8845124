import type { ServiceModel } from '../../shared/model';

/**
 * A service's container settings as `docker compose config` prints them: `devices` in their
 * long form, sizes in bytes as strings, a ulimit whose two limits are equal as one number, each
 * key only when written.
 */
export function settingsOutput(s: ServiceModel): Record<string, unknown> {
  const c = s.container;
  if (!c) return {};
  const out: Record<string, unknown> = {};
  for (const [key, { value }] of Object.entries(c.engineFields ?? {})) {
    out[key] = typeof value === 'object' && !Array.isArray(value) ? sortedRecord(value) : value;
  }
  if (c.devices) {
    out.devices = c.devices.value.map((d) => ({
      source: d.pathOnHost,
      target: d.pathInContainer,
      permissions: d.permissions,
    }));
  }
  if (c.dns) out.dns = c.dns.value;
  if (c.dnsOpt) out.dns_opt = c.dnsOpt.value;
  if (c.dnsSearch) out.dns_search = c.dnsSearch.value;
  if (c.expose) out.expose = c.expose.value;
  if (c.logging) {
    const { driver, options } = c.logging.value;
    out.logging = {
      ...(driver !== null ? { driver } : {}),
      ...(Object.keys(options).length > 0 ? { options: sortedRecord(options) } : {}),
    };
  }
  if (c.platform) out.platform = c.platform.value;
  if (c.pullPolicy) out.pull_policy = c.pullPolicy.value;
  if (c.runtime) out.runtime = c.runtime.value;
  if (c.securityOpt) out.security_opt = c.securityOpt.value;
  if (c.shmSizeBytes) out.shm_size = String(c.shmSizeBytes.value);
  if (c.stdinOpen?.value === true) out.stdin_open = true;
  if (c.sysctls) out.sysctls = sortedRecord(c.sysctls.value);
  if (c.tty?.value === true) out.tty = true;
  if (c.ulimits) {
    out.ulimits = sortedRecord(
      Object.fromEntries(
        Object.entries(c.ulimits.value).map(([name, { soft, hard }]) => [
          name,
          soft === hard ? soft : { soft, hard },
        ]),
      ),
    );
  }
  return out;
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
