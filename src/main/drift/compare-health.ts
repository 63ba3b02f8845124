import type { SourcePosition } from '../../shared/diagnostics';
import type { Severity } from '../../shared/drift';
import type { Field, Healthcheck, ServiceModel } from '../../shared/model';
import { formatDuration } from '../config/syntax/duration';
import type { CompareContext, RawFinding } from './compare-service';
import { checkTarget, describeTarget, type CheckTarget } from './health-target';
import { KUBERNETES_PROBE_DEFAULTS } from './kubernetes/probe';

// What Docker uses for a setting a Compose (or Dockerfile) health check does not write.
const DOCKER_DEFAULTS = { intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 };

const TIMINGS = [
  ['intervalMs', 'healthcheck.interval', 'health check interval differs'],
  ['timeoutMs', 'healthcheck.timeout', 'health check timeout differs'],
  ['retries', 'healthcheck.retries', 'health check retries differ'],
  ['startPeriodMs', 'healthcheck.start_period', 'health check start period differs'],
] as const;

/**
 * The health checks of a pair: first what is checked (mechanism, port, HTTP path, command),
 * then how often and how patiently. The dev check is compared with production's readinessProbe,
 * else its livenessProbe, else its startupProbe, and every finding names the probe; production's
 * other probes are reported when they check something else. Unset timings take their platform's
 * defaults (Kubernetes: period 10 s, timeout 1 s, 3 failures; Docker: 30 s, 30 s, 3).
 */
export function compareHealth(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  findings: RawFinding[],
  ctx: CompareContext,
): void {
  const d = active(dev.healthcheck);
  const p = active(prod.healthcheck);
  const push = (
    path: string,
    severity: Severity,
    rule: string,
    devSide: [string | null, SourcePosition | null],
    prodSide: [string | null, SourcePosition | null],
  ): void => {
    findings.push({
      service: name,
      path,
      kind: devSide[0] === null ? 'only-prod' : prodSide[0] === null ? 'only-dev' : 'changed',
      category: 'health',
      severity,
      rule,
      secret: false,
      dev: { value: devSide[0], source: devSide[1] },
      prod: { value: prodSide[0], source: prodSide[1] },
    });
  };
  if (!d && !p) return;
  if (!d || !p) {
    const only = (d ?? p) as Field<Healthcheck>;
    const text = describeCheck(only.value);
    if (d) {
      // A check on a port the service does not listen on can never pass.
      const port = checkTarget(d.value.test)?.port ?? null;
      const listening = listeningPorts(dev, prod);
      const deaf = port !== null && listening.size > 0 && !listening.has(port);
      push(
        'healthcheck',
        deaf ? 'warning' : 'info',
        deaf
          ? `only the laptop checks health, on port ${port}, which the service does not listen on (${[...listening].join(', ')})`
          : 'only the laptop checks health',
        [text, d.source],
        [null, null],
      );
    } else
      push(
        'healthcheck',
        'warning',
        'production checks health; the laptop does not',
        [null, null],
        [text, only.source],
      );
    return;
  }
  const probe = p.value.probe ? `production's ${p.value.probe}` : "production's check";
  const dt = checkTarget(d.value.test);
  const pt = checkTarget(p.value.test);
  const at = (h: Field<Healthcheck>): SourcePosition => h.value.positions?.test ?? h.source;
  if (!dt && pt)
    push(
      'healthcheck.mechanism',
      'info',
      `the laptop's check keeps its image's test, which cannot be read here: what it probes is unknown (compared with ${probe})`,
      ["the image's check", at(d)],
      [describeTarget(pt), at(p)],
    );
  if (dt && pt) {
    const what = (path: string, rule: string, dv: string, pv: string): void => {
      if (dv === pv) ctx.onEquivalent?.(path);
      else push(path, 'warning', rule, [dv, at(d)], [pv, at(p)]);
    };
    // A different mechanism shows both checks whole; the same one, only what differs in it.
    if (dt.mechanism === pt.mechanism) ctx.onEquivalent?.('healthcheck.mechanism');
    else
      what(
        'healthcheck.mechanism',
        `the laptop's check and ${probe} probe in different ways` +
          (dt.port === null && dt.unknown ? ` (the laptop's port is unknown: ${dt.unknown})` : ''),
        describeTarget(dt),
        describeTarget(pt),
      );
    if (dt.port !== null && pt.port !== null) {
      const listening = listeningPorts(dev, prod);
      const deaf = listening.size > 0 && !listening.has(dt.port);
      what(
        'healthcheck.port',
        deaf
          ? `the laptop's check probes port ${dt.port}, which the service does not listen on (${[...listening].join(', ')}); compared with ${probe}`
          : `the laptop's check and ${probe} probe different ports`,
        String(dt.port),
        String(pt.port),
      );
    }
    if (dt.mechanism === 'http' && pt.mechanism === 'http')
      what(
        'healthcheck.path',
        `the laptop's check and ${probe} ask for different paths`,
        dt.path ?? '/',
        pt.path ?? '/',
      );
    if (dt.mechanism === 'exec' && pt.mechanism === 'exec')
      what(
        'healthcheck.command',
        `the laptop's check and ${probe} run different commands`,
        dt.command ?? '',
        pt.command ?? '',
      );
  }
  for (const [key, path, rule] of TIMINGS) {
    const dv = timing(d, key);
    const pv = timing(p, key);
    if (dv.value === pv.value) ctx.onEquivalent?.(path);
    else push(path, 'info', `${rule} (compared with ${probe})`, [dv.text, dv.at], [pv.text, pv.at]);
  }
  // Production's other probes, when they check something else than the laptop's check and
  // than the probe it was compared with (whose differences are reported above).
  for (const other of p.value.otherProbes ?? []) {
    const ot = checkTarget(other.test);
    const path = `healthcheck.${other.probe ?? 'probe'}`;
    // A laptop check whose test is the image's (not written) checks what nobody here knows.
    if (!dt || !ot) continue;
    if (sameTarget(dt, ot) || (pt && sameTarget(pt, ot))) {
      ctx.onEquivalent?.(path);
      continue;
    }
    push(
      path,
      'info',
      `production's ${other.probe ?? 'probe'} checks something else than the laptop's check`,
      [describeTarget(dt), at(d)],
      [describeTarget(ot), other.positions?.test ?? p.source],
    );
  }
}

/** A check in words, each probe named: `readinessProbe HTTP GET :8080/health; livenessProbe ...`. */
export function describeCheck(check: Healthcheck): string {
  const one = (h: Healthcheck): string => {
    const target = checkTarget(h.test);
    const text = target ? describeTarget(target) : "the image's check";
    return h.probe ? `${h.probe} ${text}` : text;
  };
  return [check, ...(check.otherProbes ?? [])].map(one).join('; ');
}

// A check that is switched off (`disable`, `NONE`) is no check.
function active(check: Field<Healthcheck> | null): Field<Healthcheck> | null {
  return check && !check.value.disable ? check : null;
}

function sameTarget(a: CheckTarget, b: CheckTarget): boolean {
  return describeTarget(a) === describeTarget(b);
}

// The ports the service's container listens on, as either side says (container ports, expose).
function listeningPorts(dev: ServiceModel, prod: ServiceModel): Set<number> {
  const ports = new Set<number>();
  for (const s of [dev, prod]) for (const p of s.ports) ports.add(p.value.target);
  for (const text of dev.container?.expose?.value ?? []) {
    const port = Number.parseInt(text, 10);
    if (Number.isInteger(port)) ports.add(port);
  }
  return ports;
}

// A timing as it takes effect: written, or its platform's default, said so.
function timing(
  check: Field<Healthcheck>,
  key: (typeof TIMINGS)[number][0],
): { value: number; text: string; at: SourcePosition } {
  const written = check.value[key];
  const defaults = check.value.probe ? KUBERNETES_PROBE_DEFAULTS : DOCKER_DEFAULTS;
  const value = written ?? defaults[key];
  const text = key === 'retries' ? String(value) : formatDuration(value);
  return {
    value,
    text: written === null ? `${text} (default)` : text,
    at: check.value.positions?.[key] ?? check.source,
  };
}
