import type { SourcePosition } from '../../../shared/diagnostics';
import type { Field, VolumeMount } from '../../../shared/model';
import type { NodeReader } from '../../config/node-reader';
import type { YMap } from '../../config/yaml-tree';
import { parseMemoryQuantity } from './quantity';
import { child, items } from './tree';

// Volume types the kubelet always mounts read-only.
const READ_ONLY = new Set(['configMap', 'secret', 'downwardAPI', 'projected']);

/** A container's mounts, and the PersistentVolumeClaims among them (claim name, mount position). */
export interface MountsRead {
  mounts: Field<VolumeMount>[];
  claims: { name: string; source: SourcePosition }[];
}

/**
 * A container's volumeMounts in Compose's terms, each joined with the pod volume it names:
 * persistentVolumeClaim and StatefulSet volumeClaimTemplates: `volume` named after the claim
 * (the template's name; the cluster adds `-<pod>`); emptyDir: `volume` with no source (or
 * `tmpfs` with medium Memory); hostPath: `bind`; configMap / secret: `bind` from
 * `configmap:<name>` / `secret:<name>`; any other type: `volume` from `<type>:<volume name>`.
 * A claim template replaces a pod volume of the same name, as the StatefulSet controller does.
 */
export function readMounts(
  container: YMap,
  podSpec: YMap | null,
  claimTemplates: ReadonlySet<string>,
  reader: NodeReader,
  what: string,
): MountsRead {
  const claims: MountsRead['claims'] = [];
  const volumes = new Map<string, YMap>();
  for (const item of items(child(podSpec, 'volumes'), 'spec.volumes', reader)) {
    const map = reader.map(item, 'spec.volumes[]');
    const name = reader.string(child(map, 'name'), 'volume name');
    if (map && name !== null) volumes.set(name, map);
  }
  const mounts = items(child(container, 'volumeMounts'), `${what}.volumeMounts`, reader);
  const read = mounts.flatMap((item): Field<VolumeMount>[] => {
    const mount = reader.map(item, 'volumeMounts[]');
    const name = reader.string(child(mount, 'name'), 'volumeMounts[].name');
    const target = reader.string(child(mount, 'mountPath'), 'mountPath');
    if (!mount || name === null || target === null) {
      reader.report('error', 'found a volumeMount without name or mountPath', item.pos);
      return [];
    }
    const readOnly = reader.boolean(child(mount, 'readOnly'), 'readOnly') ?? false;
    const subPath = reader.string(child(mount, 'subPath'), 'subPath');
    const volume = volumes.get(name);
    let value: VolumeMount | null = null;
    if (claimTemplates.has(name)) value = { type: 'volume', source: name, target, readOnly };
    else if (volume) value = fromVolume(name, volume, target, readOnly, reader);
    if (!value) {
      reader.report('error', `found volumeMount "${name}", which no pod volume defines`, item.pos);
      return [];
    }
    if (subPath) {
      if (value.type === 'volume') value.volume = { subpath: subPath };
      else if (value.source !== null) value.source = `${value.source}/${subPath}`;
    }
    if (volume?.entries.has('persistentVolumeClaim') && !claimTemplates.has(name) && value.source)
      claims.push({ name: value.source, source: item.pos });
    return [{ value, source: item.pos }];
  });
  return { mounts: read, claims };
}

function fromVolume(
  name: string,
  volume: YMap,
  target: string,
  readOnly: boolean,
  reader: NodeReader,
): VolumeMount {
  const type = [...volume.entries.keys()].find((key) => key !== 'name') ?? 'emptyDir';
  const spec = reader.map(child(volume, type), `volume ${name}.${type}`);
  const field = (key: string): string | null => reader.string(child(spec, key), `${type}.${key}`);
  const ro = readOnly || READ_ONLY.has(type);
  switch (type) {
    case 'persistentVolumeClaim':
      return {
        type: 'volume',
        source: field('claimName') ?? name,
        target,
        readOnly: ro || (reader.boolean(child(spec, 'readOnly'), 'readOnly') ?? false),
      };
    case 'emptyDir': {
      if (field('medium') !== 'Memory') return { type: 'volume', source: null, target, readOnly };
      const limit = field('sizeLimit');
      const size = limit === null ? null : parseMemoryQuantity(limit);
      return {
        type: 'tmpfs',
        source: null,
        target,
        readOnly,
        ...(size ? { tmpfs: { size } } : {}),
      };
    }
    case 'hostPath':
      return { type: 'bind', source: field('path'), target, readOnly };
    case 'configMap':
      return { type: 'bind', source: `configmap:${field('name') ?? name}`, target, readOnly: ro };
    case 'secret':
      return {
        type: 'bind',
        source: `secret:${field('secretName') ?? name}`,
        target,
        readOnly: ro,
      };
    default:
      return { type: 'volume', source: `${type}:${name}`, target, readOnly: ro };
  }
}
