import type { Severity } from '../../shared/drift';
import type { ServiceModel, VolumeMount } from '../../shared/model';
import type { CompareContext, RawFinding } from './compare-service';
import { familyOf } from './image-families';

// Where the engines that keep data write it, for a service whose image is not a known one.
const DATA_PATHS = [
  '/var/lib/postgresql',
  '/var/lib/mysql',
  '/var/lib/mariadb',
  '/data/db',
  '/var/lib/mongodb',
  '/var/opt/mssql',
  '/var/lib/cassandra',
  '/var/lib/rabbitmq',
  '/usr/share/elasticsearch/data',
  '/usr/share/opensearch/data',
  '/bitnami',
];

/**
 * The mounts of a pair, by target. A volume without a source (Compose anonymous volume,
 * Kubernetes emptyDir) or a tmpfs does not outlive its container or pod; a named one (Compose
 * volume, PersistentVolumeClaim) or a bind does. A data directory (an engine's data path, or a
 * `data`/`db` folder of a database, search engine or queue by its image) that is kept on one
 * side and lost on the other is an error when production loses it and a warning when the laptop does;
 * other differences are info.
 */
export function compareVolumes(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  findings: RawFinding[],
  ctx: CompareContext,
): void {
  const mounts = (s: ServiceModel) => new Map(s.volumes.map((v) => [v.value.target, v]));
  const devMounts = mounts(dev);
  const prodMounts = mounts(prod);
  const store = isDataStore(dev) || isDataStore(prod);
  for (const target of new Set([...devMounts.keys(), ...prodMounts.keys()])) {
    const d = devMounts.get(target) ?? null;
    const p = prodMounts.get(target) ?? null;
    const path = `volumes.${target}`;
    const devKind = d ? mountKind(d.value) : null;
    const prodKind = p ? mountKind(p.value) : null;
    if (devKind === prodKind) {
      ctx.onEquivalent?.(path);
      continue;
    }
    const keeps = (m: VolumeMount | null): boolean =>
      m !== null && m.type !== 'tmpfs' && !(m.type === 'volume' && m.source === null);
    // A data store's other mounts (scripts, config) are not its data.
    const data =
      DATA_PATHS.some((dir) => target === dir || target.startsWith(`${dir}/`)) ||
      (store && /\/(data|db)(\/|$)/.test(target));
    const lost = data && keeps(d?.value ?? null) !== keeps(p?.value ?? null);
    const prodLoses = lost && keeps(d?.value ?? null);
    const [severity, rule]: [Severity, string] = !lost
      ? ['info', 'mounted on one side only, or differently']
      : prodLoses
        ? [
            'error',
            "production loses the data store's data with its pod or container; the laptop keeps it",
          ]
        : [
            'warning',
            "the laptop loses the data store's data with its container; production keeps it",
          ];
    findings.push({
      service: name,
      path,
      kind: !p ? 'only-dev' : !d ? 'only-prod' : 'changed',
      category: 'volumes',
      severity,
      rule,
      secret: false,
      dev: { value: devKind, source: d?.source ?? null },
      prod: { value: prodKind, source: p?.source ?? null },
    });
  }
}

function mountKind(v: VolumeMount): string {
  return v.type === 'volume' && v.source === null ? 'anonymous volume' : v.type;
}

// A database, search engine or queue by its image's family.
function isDataStore(s: ServiceModel): boolean {
  const family = s.image ? familyOf(s.image.value.repository) : null;
  return family !== null && family.kind !== 'cache';
}
