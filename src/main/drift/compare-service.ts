import type { Category, Finding, Severity } from '../../shared/drift';
import type { Field, ServiceModel, VolumeMount } from '../../shared/model';
import { formatDuration } from '../config/syntax/duration';
import { comparePorts } from './compare-ports';
import { compareSecurity } from './compare-security';
import { compareSidecars } from './compare-sidecars';

/**
 * A finding before parity.yaml's rules; `expected` (the reason) marks a difference inherent to
 * the two platforms, reported with status `expected` unless a rule covers it.
 */
export type RawFinding = Omit<Finding, 'status' | 'reason'> & { expected?: string };
type Raw = RawFinding;

interface Rules {
  changed: [Severity, string];
  onlyDev: [Severity, string];
  onlyProd: [Severity, string];
}

/** What comparing one pair needs besides the two services. */
export interface CompareContext {
  /** Env keys whose values are secret on either side: shown only as "same" / "differs". */
  secretKeys: ReadonlySet<string>;
  /** Called once for every field both sides set to the same value (after normalization). */
  onEquivalent?: (path: string) => void;
  /** Production sidecars paired with dev services of their own: compared there, not here. */
  claimedSidecars?: ReadonlySet<string>;
}

/** Every difference between a dev service and its production counterpart. */
export function compareService(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  ctx: CompareContext,
): Raw[] {
  const findings: Raw[] = [];
  const add = <T>(
    path: string,
    category: Category,
    devField: Field<T> | null,
    prodField: Field<T> | null,
    show: (value: T) => string,
    rules: Rules,
    secret = false,
  ): void => {
    if (!devField && !prodField) return;
    const devText = devField ? show(devField.value) : null;
    const prodText = prodField ? show(prodField.value) : null;
    if (devText === prodText) {
      ctx.onEquivalent?.(path);
      return;
    }
    const kind = !prodField ? 'only-dev' : !devField ? 'only-prod' : 'changed';
    const [severity, rule] =
      kind === 'changed' ? rules.changed : kind === 'only-dev' ? rules.onlyDev : rules.onlyProd;
    // Secret values never leave this function: only whether they are the same.
    const shown = (text: string | null): string | null =>
      text === null ? null : secret ? 'differs' : text;
    findings.push({
      service: name,
      path,
      kind,
      category,
      severity,
      rule,
      secret,
      dev: { value: shown(devText), source: devField?.source ?? null },
      prod: { value: shown(prodText), source: prodField?.source ?? null },
    });
  };

  const before = findings.length;
  compareImage(name, dev, prod, findings);
  if (findings.length === before && dev.image && prod.image) ctx.onEquivalent?.('image');
  const keys = new Set([...Object.keys(dev.environment), ...Object.keys(prod.environment)]);
  for (const key of keys) {
    add(
      `env.${key}`,
      'env',
      dev.environment[key] ?? null,
      prod.environment[key] ?? null,
      (v) => v,
      {
        changed: ['warning', 'an environment value differs'],
        onlyDev: ['info', 'set only on the laptop'],
        onlyProd: ['warning', 'production sets a variable the laptop lacks'],
      },
      ctx.secretKeys.has(key),
    );
  }
  const join = (v: string[]): string => JSON.stringify(v);
  add(
    'command',
    'command',
    dev.command,
    prod.command,
    join,
    sameRules('warning', 'the command differs'),
  );
  add(
    'entrypoint',
    'command',
    dev.entrypoint,
    prod.entrypoint,
    join,
    sameRules('warning', 'the entrypoint differs'),
  );
  add(
    'replicas',
    'resources',
    dev.replicas ?? one(dev),
    prod.replicas ?? one(prod),
    String,
    sameRules('info', 'replica count differs'),
  );
  add(
    'resources.cpus',
    'resources',
    dev.limits.cpus,
    prod.limits.cpus,
    String,
    sameRules('info', 'CPU limit differs'),
  );
  add(
    'resources.memory',
    'resources',
    dev.limits.memoryBytes,
    prod.limits.memoryBytes,
    formatBytes,
    sameRules('info', 'memory limit differs'),
  );
  add(
    'user',
    'security',
    dev.user,
    prod.user,
    (v) => v,
    sameRules('warning', 'runs as a different user'),
  );
  type Timing = 'intervalMs' | 'retries';
  const health = (s: ServiceModel, key: Timing): Field<number> | null => {
    const value = s.healthcheck?.value[key] ?? null;
    if (value === null || !s.healthcheck) return null;
    return { value, source: s.healthcheck.value.positions?.[key] ?? s.healthcheck.source };
  };
  add(
    'healthcheck.interval',
    'health',
    health(dev, 'intervalMs'),
    health(prod, 'intervalMs'),
    formatDuration,
    sameRules('info', 'health check interval differs'),
  );
  add(
    'healthcheck.retries',
    'health',
    health(dev, 'retries'),
    health(prod, 'retries'),
    String,
    sameRules('info', 'health check retries differ'),
  );
  add(
    'healthcheck',
    'health',
    dev.healthcheck && { ...dev.healthcheck, value: 'defined' },
    prod.healthcheck && { ...prod.healthcheck, value: 'defined' },
    (v) => v,
    {
      changed: ['info', ''],
      onlyDev: ['info', 'only the laptop checks health'],
      onlyProd: ['warning', 'production checks health; the laptop does not'],
    },
  );
  compareSecurity(name, dev, prod, findings, ctx);
  comparePorts(name, dev, prod, findings, ctx);
  // A volume without a source (compose anonymous volume, k8s emptyDir) does not outlive its
  // container or pod; a named one (compose volume, PersistentVolumeClaim) does.
  const mountKind = (v: VolumeMount): string =>
    v.type === 'volume' && v.source === null ? 'anonymous volume' : v.type;
  const mounts = (s: ServiceModel): Map<string, Field<string>> =>
    new Map(
      s.volumes.map((v) => [v.value.target, { value: mountKind(v.value), source: v.source }]),
    );
  const devMounts = mounts(dev);
  const prodMounts = mounts(prod);
  for (const target of new Set([...devMounts.keys(), ...prodMounts.keys()])) {
    add(
      `volumes.${target}`,
      'volumes',
      devMounts.get(target) ?? null,
      prodMounts.get(target) ?? null,
      (v) => v,
      sameRules('info', 'mounted on one side only, or differently'),
    );
  }
  compareSidecars(name, dev, prod, findings, ctx);
  return findings;
}

function sameRules(severity: Severity, rule: string): Rules {
  return { changed: [severity, rule], onlyDev: [severity, rule], onlyProd: [severity, rule] };
}

// An absent replica count means one, on both platforms.
function one(service: ServiceModel): Field<number> {
  return { value: 1, source: service.source };
}

function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/**
 * The images of a pair: a different backing engine or major version is the most severe drift;
 * a tag, a warning; a local build against a pinned production image, a warning saying so.
 */
export function compareImage(
  name: string,
  dev: ServiceModel,
  prod: Pick<ServiceModel, 'image' | 'build'>,
  findings: Raw[],
): void {
  const d = dev.image?.value;
  const p = prod.image?.value;
  const push = (
    path: string,
    severity: Severity,
    rule: string,
    devValue: string | null,
    prodValue: string | null,
  ): void => {
    findings.push({
      service: name,
      path,
      kind: devValue === null ? 'only-prod' : prodValue === null ? 'only-dev' : 'changed',
      category: 'image',
      severity,
      rule,
      secret: false,
      dev: { value: devValue, source: (dev.image ?? dev.build)?.source ?? null },
      prod: { value: prodValue, source: (prod.image ?? prod.build)?.source ?? null },
    });
  };
  if (!d && dev.build && p) {
    push(
      'image',
      'warning',
      'built from source on the laptop, a pinned image in production',
      `build ${dev.build.value.display}`,
      p.raw,
    );
    return;
  }
  if (!d || !p) return;
  const family = (repository: string): string => repository.split('/').at(-1) ?? repository;
  if (family(d.repository) !== family(p.repository)) {
    push('image', 'error', 'a different image (engine) runs in production', d.raw, p.raw);
    return;
  }
  if (d.tag !== p.tag) {
    const major = (tag: string | null): string | null => tag?.match(/^v?(\d+)/)?.[1] ?? null;
    const majorDiffers =
      major(d.tag) !== null && major(p.tag) !== null && major(d.tag) !== major(p.tag);
    push(
      'image.tag',
      majorDiffers ? 'error' : 'warning',
      majorDiffers ? 'a different major version' : 'a different image tag',
      d.tag,
      p.tag,
    );
  }
  if (d.registry !== p.registry)
    push('image.registry', 'info', 'pulled from a different registry', d.registry, p.registry);
}
