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
 * The features of the services of a side, each worked out once when first asked. A feature
 * most services of the side share (the same env keys everywhere, `/data` on every service)
 * says nothing about which one a service is: with four services or more, one that more than
 * half of them have is left out.
 */
export function featuresOf(
  model: EnvironmentModel,
  leftovers: readonly string[],
): (service: string) => Features | undefined {
  const left = new Set(leftovers);
  const namesLeft = anyOfNames(leftovers);
  const names = Object.keys(model.services);
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const counts = countFeatures(model);
  const common = (field: FeatureSet, value: string): boolean =>
    names.length >= 4 && (counts[field].get(value) ?? 0) > names.length / 2;
  const memo = new Map<string, Features>();
  return (name) => {
    const service = model.services[name];
    if (!service) return undefined;
    let features = memo.get(name);
    if (!features) {
      features = rawFeatures(name, service, byLower, left, namesLeft);
      for (const field of left.has(name) ? FIELDS : []) {
        for (const v of features[field]) if (common(field, v)) features[field].delete(v);
      }
      memo.set(name, features);
    }
    return features;
  };
}

type FeatureSet = 'tokens' | 'envKeys' | 'envPrefixes' | 'ports' | 'mounts';
const FIELDS: readonly FeatureSet[] = ['tokens', 'envKeys', 'envPrefixes', 'ports', 'mounts'];

// How many services of the side have each feature: one pass, no per-service sets.
function countFeatures(model: EnvironmentModel): Record<FeatureSet, Map<string, number>> {
  const counts = Object.fromEntries(FIELDS.map((f) => [f, new Map<string, number>()])) as Record<
    FeatureSet,
    Map<string, number>
  >;
  // Each call's values are distinct (a set, or keys of one object) but ports and mounts.
  const bump = (field: FeatureSet, values: Iterable<string>): void => {
    const count = counts[field];
    for (const v of values) count.set(v, (count.get(v) ?? 0) + 1);
  };
  for (const [name, service] of Object.entries(model.services)) {
    const keys = Object.keys(service.environment);
    bump('tokens', nameTokens(name));
    bump('envKeys', keys);
    bump('envPrefixes', prefixesOf(keys));
    bump('ports', new Set(portsOf(service)));
    bump('mounts', new Set(mountsOf(service)));
  }
  return counts;
}

function prefixesOf(keys: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const k of keys) {
    const at = k.indexOf('_');
    if (at > 0) prefixes.add(k.slice(0, at));
  }
  return prefixes;
}
const portsOf = (service: ServiceModel): string[] =>
  service.ports
    .map((p) => p.value.target)
    .filter((n) => !COMMON_PORTS.has(n))
    .map(String);
const mountsOf = (service: ServiceModel): string[] =>
  service.volumes.filter((v) => v.value.type !== 'tmpfs').map((v) => v.value.target);

const NONE: ReadonlySet<string> = new Set();
const NO_FEATURES = {
  tokens: NONE,
  image: null,
  envKeys: NONE,
  envPrefixes: NONE,
  ports: NONE,
  mounts: NONE,
} as Omit<Features, 'links'>;

function rawFeatures(
  name: string,
  service: ServiceModel,
  byLower: ReadonlyMap<string, string>,
  left: ReadonlySet<string>,
  namesLeft: RegExp,
): Features {
  const all = left.has(name);
  const links = new Set(Object.keys(service.dependsOn).filter((d) => all || left.has(d)));
  for (const { value } of Object.values(service.environment)) {
    // Reading host names is the cost here: a paired service's value is read only when it
    // could name a leftover one.
    if (!all && !namesLeft.test(value)) continue;
    for (const host of hostNames(value)) {
      const target = byLower.get(host);
      if (target !== undefined && target !== name && (all || left.has(target))) links.add(target);
    }
  }
  // A paired service is asked only for its links (graph evidence): the rest is left empty.
  if (!all) return { ...NO_FEATURES, links };
  return {
    tokens: nameTokens(name),
    image: service.build ? null : (service.image?.value ?? null),
    envKeys: new Set(Object.keys(service.environment)),
    envPrefixes: prefixesOf(Object.keys(service.environment)),
    ports: new Set(portsOf(service)),
    mounts: new Set(mountsOf(service)),
    links,
  };
}

/**
 * A test for whether a value has any of `names` anywhere in it, in any case: the cheap test
 * before reading its host names.
 */
export function anyOfNames(names: readonly string[]): RegExp {
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|') || '(?!)', 'i');
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
