import type { EnvironmentModel, ImageRef, ServiceModel } from '../../shared/model';
import { kindWord } from './image-families';

// Names that say nothing about which service this is.
const GENERIC_TOKENS = new Set([
  'service',
  'svc',
  'app',
  'server',
  'srv',
  'deployment',
  'dev',
  'prod',
  'local',
  'k8s',
]);
// Ports any web service listens on: sharing one says nothing about identity.
const COMMON_PORTS = new Set([80, 443, 3000, 5000, 8000, 8080, 8443]);

/** A name's words: split on - _ . / and camel case, lower case, engines and kind words as a kind. */
export function nameTokens(name: string): Set<string> {
  return new Set(
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[-_./\s]+/)
      .filter((t) => t !== '' && !GENERIC_TOKENS.has(t))
      .map(kindWord),
  );
}

/** What of a service can be evidence of which service it is. */
export interface Features {
  tokens: Set<string>;
  /** Its image; null when built locally (a built image's name is the project's choice). */
  image: ImageRef | null;
  envKeys: Set<string>;
  /** The first word of each env key with an underscore: `MYSQL` of `MYSQL_USER`. */
  envPrefixes: Set<string>;
  ports: Set<string>;
  mounts: Set<string>;
  /**
   * The services of its side it depends on or names as a host in its env: for a leftover
   * service all of them, for a paired one only the leftovers (all the graph evidence asks).
   */
  links: Set<string>;
}

/**
 * The features of every service of a side, each worked out once when first asked. A feature
 * most services of the side share (the same env keys everywhere, `/data` on every service)
 * says nothing about which one a service is: with four services or more, one that more than
 * half of them have is left out.
 */
export function featuresOf(
  model: EnvironmentModel,
  leftovers: readonly string[],
): (service: string) => Features | undefined {
  const left = new Set(leftovers);
  const lowerLeft = leftovers.map((n) => n.toLowerCase());
  const names = Object.keys(model.services);
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const raw = new Map<string, Features>();
  for (const name of names) {
    const service = model.services[name];
    if (service) raw.set(name, rawFeatures(name, service, byLower, left, lowerLeft));
  }
  const common = commonFeatures([...raw.values()]);
  for (const f of raw.values()) {
    for (const [field, values] of Object.entries(common) as [FeatureSet, Set<string>][]) {
      for (const v of values) f[field].delete(v);
    }
  }
  return (service) => raw.get(service);
}

type FeatureSet = 'tokens' | 'envKeys' | 'envPrefixes' | 'ports' | 'mounts';

function commonFeatures(all: readonly Features[]): Record<FeatureSet, Set<string>> {
  const fields: FeatureSet[] = ['tokens', 'envKeys', 'envPrefixes', 'ports', 'mounts'];
  const common = Object.fromEntries(fields.map((f) => [f, new Set<string>()])) as Record<
    FeatureSet,
    Set<string>
  >;
  if (all.length < 4) return common;
  for (const field of fields) {
    const counts = new Map<string, number>();
    for (const f of all) for (const v of f[field]) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [v, n] of counts) if (n > all.length / 2) common[field].add(v);
  }
  return common;
}

function rawFeatures(
  name: string,
  service: ServiceModel,
  byLower: ReadonlyMap<string, string>,
  left: ReadonlySet<string>,
  lowerLeft: readonly string[],
): Features {
  const envKeys = new Set(Object.keys(service.environment));
  const all = left.has(name);
  const links = new Set(Object.keys(service.dependsOn).filter((d) => all || left.has(d)));
  for (const { value } of Object.values(service.environment)) {
    // Reading host names is the cost here: a paired service's value is read only when it
    // could name a leftover one.
    const lower = value.toLowerCase();
    if (!all && !lowerLeft.some((n) => lower.includes(n))) continue;
    for (const host of hostNames(value)) {
      const target = byLower.get(host);
      if (target !== undefined && target !== name && (all || left.has(target))) links.add(target);
    }
  }
  return {
    tokens: nameTokens(name),
    image: service.build ? null : (service.image?.value ?? null),
    envKeys,
    envPrefixes: new Set(
      [...envKeys].flatMap((k) => (k.includes('_') ? [k.split('_')[0] ?? k] : [])),
    ),
    ports: new Set(
      service.ports
        .map((p) => p.value.target)
        .filter((n) => !COMMON_PORTS.has(n))
        .map(String),
    ),
    mounts: new Set(
      service.volumes.filter((v) => v.value.type !== 'tmpfs').map((v) => v.value.target),
    ),
    links,
  };
}

/** The host names a value names, lower-cased, each also by its first label. */
export function hostNames(value: string): Set<string> {
  const hosts = [
    ...value.split(',').flatMap((part) => /^\s*([\w.-]+)(?::\d+)?\s*$/.exec(part)?.[1] ?? []),
    ...[...value.matchAll(/(?:\/\/|@)([\w.-]+)/g)].flatMap((m) => m[1] ?? []),
  ];
  const names = new Set<string>();
  for (const host of hosts) {
    const lower = host.toLowerCase();
    names.add(lower);
    names.add(lower.split('.')[0] ?? lower);
  }
  return names;
}
