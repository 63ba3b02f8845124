import type { SourcePosition } from '../../shared/diagnostics';
import type { ServiceModel } from '../../shared/model';
import type { MirrorValue, Skip } from './mirror-types';

/**
 * Production's mounts at paths where the laptop mounts nothing: an emptyDir becomes an
 * anonymous volume (a tmpfs when its medium is Memory), a PersistentVolumeClaim a named volume
 * of the project (added to `named`). A node's folder (hostPath) has no laptop equivalent, and
 * ConfigMap and Secret files are not written yet: those are listed as not mirrored.
 */
export function mirrorVolumes(
  dev: ServiceModel,
  prod: ServiceModel,
  values: MirrorValue[],
  skip: Skip,
  named: Record<string, SourcePosition>,
): void {
  const laptop = new Set(dev.volumes.map((v) => v.value.target));
  const tmpfs: string[] = [];
  const volumes: string[] = [];
  let from: SourcePosition | null = null;
  for (const { value: mount, source } of prod.volumes) {
    if (laptop.has(mount.target)) continue;
    const key = `volumes.${mount.target}`;
    const ro = mount.readOnly ? ':ro' : '';
    if (mount.type === 'tmpfs') tmpfs.push(mount.target);
    else if (mount.type === 'volume' && mount.source === null) volumes.push(mount.target);
    else if (mount.type === 'volume' && mount.source && !mount.source.includes(':')) {
      volumes.push(`${mount.source}:${mount.target}${ro}`);
      named[mount.source] ??= source;
    } else if (mount.type === 'bind' && /^(configmap|secret):/.test(mount.source ?? '')) {
      skip(key, 'files of a ConfigMap or Secret: not mirrored yet');
      continue;
    } else {
      skip(key, `a ${mount.type} from ${mount.source ?? 'the node'}: no laptop equivalent`);
      continue;
    }
    from ??= source;
  }
  if (!from) return;
  if (tmpfs.length > 0) values.push({ path: ['tmpfs'], value: tmpfs, from });
  if (volumes.length > 0) values.push({ path: ['volumes'], value: volumes, from });
}
