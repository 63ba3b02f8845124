import type { Category, Finding, Severity } from '../../shared/drift';
import type { Field, PortMapping, ServiceModel, VolumeMount } from '../../shared/model';
import { formatDuration } from '../config/syntax/duration';

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
  return findings;
}

type Exposure = NonNullable<PortMapping['exposure']>;

// Compose leaves exposure unset: every port mapping there is published on the host (a random
// host port when none is written), or bound on it with mode host.
const exposureOf = (p: PortMapping): Exposure =>
  p.exposure ?? (p.mode === 'host' ? 'host' : 'published');

// Reachable from outside the cluster / the laptop, and how, in the terms both sides share.
const OUTSIDE: Partial<Record<Exposure, string>> = {
  published: 'host port',
  host: 'host port',
  'node-port': 'NodePort',
  'load-balancer': 'LoadBalancer',
};

function describeMapping(p: PortMapping): string {
  const exposure = exposureOf(p);
  const address = `${p.hostIp === null ? '' : `${p.hostIp}:`}${p.published ?? 'random'}`;
  switch (exposure) {
    case 'published':
    case 'host':
      return `host port ${address}`;
    case 'cluster':
      return `ClusterIP Service port ${p.published ?? p.target}`;
    case 'node-port':
      return `NodePort Service port ${p.published ?? p.target}`;
    case 'load-balancer':
      return `LoadBalancer Service port ${p.published ?? p.target}`;
    case 'none':
      return 'not exposed';
  }
}

/**
 * Container ports, each with how it is exposed. Only the container port itself and whether it
 * is reachable from outside (host port, NodePort, LoadBalancer) are compared: host port numbers,
 * host IPs and Service port numbers are only ways to reach it. A port only production declares,
 * reached through a ClusterIP Service alone, is how Kubernetes does what Compose does by
 * service name: expected, not drift.
 */
function comparePorts(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  findings: Raw[],
  ctx: CompareContext,
): void {
  const byTarget = (s: ServiceModel): Map<string, Field<PortMapping>[]> => {
    const map = new Map<string, Field<PortMapping>[]>();
    for (const p of s.ports) {
      const key = `${p.value.target}/${p.value.protocol}`;
      map.set(key, [...(map.get(key) ?? []), p]);
    }
    return map;
  };
  const devPorts = byTarget(dev);
  const prodPorts = byTarget(prod);
  const text = (port: string, mappings: Field<PortMapping>[]): string =>
    `${port}: ${[...new Set(mappings.map((m) => describeMapping(m.value)))].join(', ')}`;
  const outside = (mappings: Field<PortMapping>[]): Field<PortMapping>[] =>
    mappings.filter((m) => OUTSIDE[exposureOf(m.value)] !== undefined);
  const kinds = (mappings: Field<PortMapping>[]): string =>
    [...new Set(mappings.map((m) => OUTSIDE[exposureOf(m.value)]))].sort().join(', ');
  for (const port of new Set([...devPorts.keys(), ...prodPorts.keys()])) {
    const d = devPorts.get(port);
    const p = prodPorts.get(port);
    const finding = (
      kind: Raw['kind'],
      severity: Severity,
      rule: string,
      devSide: Field<PortMapping>[] | undefined,
      prodSide: Field<PortMapping>[] | undefined,
      expected?: string,
    ): void => {
      findings.push({
        service: name,
        path: `ports.${port}`,
        kind,
        category: 'ports',
        severity,
        rule,
        secret: false,
        dev: { value: devSide ? text(port, devSide) : null, source: devSide?.[0]?.source ?? null },
        prod: {
          value: prodSide ? text(port, prodSide) : null,
          source: prodSide?.[0]?.source ?? null,
        },
        ...(expected === undefined ? {} : { expected }),
      });
    };
    if (d && p) {
      // Published on the laptop, internal in production (ClusterIP, or no Service): the usual
      // way to reach a service from the host in development, not drift.
      const devOutside = outside(d);
      const prodOutside = outside(p);
      if (prodOutside.length === 0 || kinds(devOutside) === kinds(prodOutside)) {
        ctx.onEquivalent?.(`ports.${port}`);
        continue;
      }
      finding(
        'changed',
        'info',
        'exposed outside differently',
        devOutside.length > 0 ? devOutside : d,
        prodOutside,
      );
    } else if (d) {
      finding('only-dev', 'warning', 'the service listens on a different container port', d, p);
    } else if (p) {
      const reach = new Set(p.map((m) => exposureOf(m.value)));
      const clusterOnly = reach.size === 1 && reach.has('cluster');
      finding(
        'only-prod',
        clusterOnly ? 'info' : 'warning',
        clusterOnly
          ? 'production reaches it through a ClusterIP Service'
          : outside(p).length > 0
            ? 'production exposes a port the laptop does not'
            : 'the service listens on a different container port',
        d,
        p,
        clusterOnly
          ? 'a ClusterIP Service reaches it inside the cluster, as Compose reaches a service by name'
          : undefined,
      );
    }
  }
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

// A different backing engine or major version is the most severe drift; a tag, a warning;
// a local build against a pinned production image, a warning saying so.
function compareImage(name: string, dev: ServiceModel, prod: ServiceModel, findings: Raw[]): void {
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
      `build ${dev.build.value.context}`,
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
