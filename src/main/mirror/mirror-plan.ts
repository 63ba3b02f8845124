import type { ServiceMatch } from '../../shared/drift';
import type { EnvironmentModel, Field, Resources, ServiceModel } from '../../shared/model';
import { isSecretName, maskUrlCredentials } from '../../shared/secrets';
import { prodResolver } from '../drift/discovery';
import { RuleGlob } from '../drift/rule-glob';
import { blank, mirrorRun } from './added-service';
import { rewriteHosts, type HostMap } from './host-rewrite';
import { mirrorHealth } from './mirror-health';
import type { ConfigSources } from './config-sources';
import { mirrorVolumes } from './mirror-volumes';
import type { MirrorPlan, MirrorValue, Skip } from './mirror-types';

export type { MirrorPlan, MirrorValue } from './mirror-types';

/** How far mirroring goes (parity.yaml `mirror:` and the command's flags). */
export interface MirrorOptions {
  /** Production's image also for services the laptop builds from source. */
  images: boolean;
  /** The most containers one service is scaled to. */
  maxReplicas: number;
  /** Only these laptop services (all paired ones when empty). */
  only: readonly string[];
  /** parity.yaml `mirror.exclude`: drift paths (globs) never mirrored. */
  exclude?: readonly string[];
}

/** The sides, their pairing, and which production env keys come from Secrets. */
export interface MirrorInput {
  dev: EnvironmentModel;
  prod: EnvironmentModel;
  matches: readonly ServiceMatch[];
  secretKeys: Record<string, string[]>;
  /** Production's ConfigMaps and their mounts (Kubernetes sources), for files to mount. */
  config?: ConfigSources | null;
}

/**
 * The values that bring each paired laptop service to production's, where that is safe and
 * means something on a laptop: the image, env (never a secret), resources, security and
 * replicas. A value already equal on the laptop is left out, so the override says only what
 * mirroring changes.
 */
export function planMirror(input: MirrorInput, options: MirrorOptions): MirrorPlan {
  const plan: MirrorPlan = { services: {}, volumes: {}, files: [], notMirrored: [] };
  const wanted = (name: string): boolean =>
    options.only.length === 0 || options.only.includes(name);
  // Production-only services are added under their own names, so values naming them stay.
  const pairing = input.matches.flatMap((m) =>
    m.prod && (m.dev ?? wanted(m.prod)) ? [{ ...m, dev: m.dev ?? m.prod }] : [],
  );
  const hosts: HostMap = { resolve: prodResolver(input.prod, pairing), dev: input.dev };
  const excluded = (options.exclude ?? []).map((glob) => new RuleGlob(glob, true));
  for (const m of input.matches) {
    const prod = m.prod ? input.prod.services[m.prod] : undefined;
    const name = m.dev ?? m.prod;
    if (!prod || !name || !wanted(name)) continue;
    const dev = m.dev ? input.dev.services[m.dev] : blank(prod);
    if (!dev) continue;
    const skip: Skip = (key, reason) => plan.notMirrored.push({ service: name, key, reason });
    const values: MirrorValue[] = [];
    const secrets = new Set(input.secretKeys[prod.name] ?? []);
    mirrorImage(dev, prod, options, values, skip);
    if (!m.dev) mirrorRun(prod, values);
    mirrorEnvironment(dev, prod, secrets, hosts, values, skip);
    mirrorResources('limits', dev.limits, prod.limits, values);
    mirrorResources('reservations', dev.reservations, prod.reservations, values);
    mirrorSecurity(dev, prod, values);
    mirrorHealth(dev, prod, values, skip);
    mirrorVolumes(dev, prod, values, skip, {
      service: name,
      named: plan.volumes,
      files: plan.files,
      config: input.config ?? null,
    });
    mirrorReplicas(dev, prod, options.maxReplicas, values, skip);
    const kept = values.filter((v) => !excluded.some((glob) => glob.matches(driftPath(name, v))));
    for (const value of values.filter((v) => !kept.includes(v))) {
      skip(value.path.join('.'), 'excluded by parity.yaml mirror.exclude');
    }
    // Files no mount of the service binds any more are not written.
    if (!kept.some((v) => v.path[0] === 'volumes'))
      plan.files = plan.files.filter((f) => !f.path.startsWith(`${name}/`));
    if (kept.length > 0) plan.services[name] = kept;
  }
  return plan;
}

function mirrorImage(
  dev: ServiceModel,
  prod: ServiceModel,
  options: MirrorOptions,
  values: MirrorValue[],
  skip: Skip,
): void {
  const image = prod.image;
  if (!image || image.value.raw === dev.image?.value.raw) return;
  if (dev.build && !options.images) {
    skip('image', "built from source on the laptop: --images runs production's image instead");
    return;
  }
  values.push({ path: ['image'], value: image.value.raw, from: image.source });
}

function mirrorEnvironment(
  dev: ServiceModel,
  prod: ServiceModel,
  secrets: ReadonlySet<string>,
  hosts: HostMap,
  values: MirrorValue[],
  skip: Skip,
): void {
  for (const [key, field] of Object.entries(prod.environment)) {
    if (secrets.has(key) || isSecretName(key)) {
      skip(`environment.${key}`, 'secret: not copied, the laptop keeps its own value');
      continue;
    }
    if (maskUrlCredentials(field.value) !== field.value) {
      skip(`environment.${key}`, 'credentials inside a URL: not copied');
      continue;
    }
    const { value, outside } = rewriteHosts(field.value, hosts);
    if (value === dev.environment[key]?.value) continue;
    if (outside.length > 0) {
      const where = outside.join(', ');
      skip(
        `environment.${key}`,
        `names ${where}, which the laptop's stack does not run: not copied`,
      );
      continue;
    }
    values.push({ path: ['environment', key], value, from: field.source });
  }
}

// Compose's long form, which every Compose reads and which wins over mem_limit and cpus.
function mirrorResources(
  side: 'limits' | 'reservations',
  dev: Resources,
  prod: Resources,
  values: MirrorValue[],
): void {
  const path = ['deploy', 'resources', side];
  if (prod.cpus && prod.cpus.value !== dev.cpus?.value) {
    values.push({
      path: [...path, 'cpus'],
      value: String(prod.cpus.value),
      from: prod.cpus.source,
    });
  }
  const memory = prod.memoryBytes;
  if (memory && memory.value !== dev.memoryBytes?.value) {
    values.push({ path: [...path, 'memory'], value: bytes(memory.value), from: memory.source });
  }
}

function mirrorSecurity(dev: ServiceModel, prod: ServiceModel, values: MirrorValue[]): void {
  const same = <T>(a: Field<T> | null, b: Field<T> | null): boolean =>
    JSON.stringify(a?.value) === JSON.stringify(b?.value);
  const keys: [string, Field<string | boolean | string[]> | null, Field<unknown> | null][] = [
    ['read_only', prod.readOnly, dev.readOnly],
    ['privileged', prod.privileged, dev.privileged],
    ['user', prod.user, dev.user],
    ['cap_add', prod.capAdd, dev.capAdd],
    ['cap_drop', prod.capDrop, dev.capDrop],
  ];
  for (const [key, field, laptop] of keys) {
    if (field && !same(field, laptop)) {
      values.push({ path: [key], value: field.value, from: field.source });
    }
  }
}

function mirrorReplicas(
  dev: ServiceModel,
  prod: ServiceModel,
  max: number,
  values: MirrorValue[],
  skip: Skip,
): void {
  const replicas = prod.replicas;
  const laptop = dev.replicas?.value ?? 1;
  if (!replicas || replicas.value === laptop) return;
  const count = Math.min(replicas.value, max);
  if (count > 1 && dev.containerName) {
    skip('replicas', `container_name "${dev.containerName.value}" names one container only`);
    return;
  }
  const fixed = dev.ports.find((p) => p.value.published && !p.value.published.includes('-'));
  if (count > 1 && fixed) {
    skip('replicas', `host port ${fixed.value.published} can be published by one container only`);
    return;
  }
  if (count < replicas.value) {
    skip('replicas', `production runs ${replicas.value}; capped at mirror.maxReplicas (${max})`);
  }
  if (count !== laptop)
    values.push({ path: ['deploy', 'replicas'], value: count, from: replicas.source });
}

// Compose's units are binary (`512m` is 512 MiB): the largest that divides the count.
function bytes(n: number): string {
  for (const [unit, size] of [
    ['g', 2 ** 30],
    ['m', 2 ** 20],
    ['k', 2 ** 10],
  ] as const) {
    if (n % size === 0) return `${n / size}${unit}`;
  }
  return `${n}b`;
}

// A value's path as drift reports name it, for parity.yaml's globs: `api.env.LOG_LEVEL`,
// `api.resources.memory`, `api.replicas`.
function driftPath(service: string, value: MirrorValue): string {
  const path = value.path
    .join('.')
    .replace(/^environment\./, 'env.')
    .replace(/^deploy\.resources\.limits\./, 'resources.')
    .replace(/^deploy\.resources\./, 'resources.')
    .replace(/^deploy\.replicas$/, 'replicas');
  return `${service}.${path}`;
}
