import type { SourcePosition } from '../../shared/diagnostics';
import type { ServiceModel } from '../../shared/model';
import { mirrorConfigMount } from './config-files';
import type { ConfigSources } from './config-sources';
import type { MirrorFile, MirrorValue, Skip } from './mirror-types';

/** Where production's mounts go: named volumes, and files of ConfigMaps, with what they need. */
export interface VolumeSinks {
  /** The laptop service's name (its folder under .parity/mirror/). */
  service: string;
  named: Record<string, SourcePosition>;
  files: MirrorFile[];
  config: ConfigSources | null;
}

/**
 * Production's mounts at paths where the laptop mounts nothing: an emptyDir becomes an
 * anonymous volume (a tmpfs when its medium is Memory), a PersistentVolumeClaim a named volume
 * of the project (added to `named`), a ConfigMap files under .parity/mirror/ bound read-only
 * (config-files.ts). A node's folder (hostPath) has no laptop equivalent, and a Secret's files
 * are never written: those are listed as not mirrored.
 */
export function mirrorVolumes(
  dev: ServiceModel,
  prod: ServiceModel,
  values: MirrorValue[],
  skip: Skip,
  sinks: VolumeSinks,
): void {
  const { named } = sinks;
  const laptop = new Set(dev.volumes.map((v) => v.value.target));
  const tmpfs: string[] = [];
  const volumes: string[] = [];
  let from: SourcePosition | null = null;
  for (const field of prod.volumes) {
    const { value: mount, source } = field;
    if (laptop.has(mount.target)) continue;
    const key = `volumes.${mount.target}`;
    const ro = mount.readOnly ? ':ro' : '';
    if (mount.type === 'tmpfs') tmpfs.push(mount.target);
    else if (mount.type === 'volume' && mount.source === null) volumes.push(mount.target);
    else if (mount.type === 'volume' && mount.source && !mount.source.includes(':')) {
      volumes.push(`${mount.source}:${mount.target}${ro}`);
      named[mount.source] ??= source;
    } else if (mount.type === 'bind' && /^(configmap|secret):/.test(mount.source ?? '')) {
      const bind = mirrorConfigMount(sinks.service, field, sinks.config, sinks.files, skip);
      if (bind === null) continue;
      volumes.push(bind);
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
