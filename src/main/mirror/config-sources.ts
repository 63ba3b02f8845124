import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SourcePosition } from '../../shared/diagnostics';
import type { LoadedProject } from '../config/load-project';
import { NodeReader } from '../config/node-reader';
import type { YMap, YNode } from '../config/yaml-tree';
import { renderHelm } from '../drift/kubernetes';
import { listManifestFiles } from '../drift/kubernetes/manifest-files';
import { readObjects, sameNamespace, type K8sObject } from '../drift/kubernetes/objects';
import { WORKLOAD_TEMPLATES } from '../drift/kubernetes/pod-template';
import { isKustomization, renderKustomization } from '../drift/kubernetes/render-kustomize';
import { peek } from '../drift/kubernetes/tree';

/** A ConfigMap of production: its keys (`data` as written, `binaryData` decoded) as bytes. */
export interface ConfigMapFiles {
  name: string;
  namespace: string | null;
  keys: Map<string, Buffer>;
  source: SourcePosition;
}

/** One item of a configMap volume: a key written at `path`, with its own mode. */
export interface VolumeItem {
  key: string;
  path: string;
  mode: number | null;
}

/** A container's mount of a configMap or secret volume, with what the pod volume says. */
export interface ConfigMount {
  kind: 'configMap' | 'secret';
  /** The pod volume's name (a folder under .parity/mirror/<service>/). */
  volume: string;
  /** The ConfigMap or Secret it names. */
  name: string;
  namespace: string | null;
  /** `items`: only these keys, at these paths; null for every key under its own name. */
  items: VolumeItem[] | null;
  defaultMode: number | null;
  subPath: string | null;
}

/** Production's ConfigMaps, and its configMap/secret mounts by the position of the volumeMount. */
export interface ConfigSources {
  maps: ConfigMapFiles[];
  mounts: Map<string, ConfigMount>;
  /** The ConfigMap a mount names, among the inputs (the workload's namespace first). */
  find(mount: ConfigMount): ConfigMapFiles | null;
}

/** The key mounts are found under: where the volumeMount is written, as the model keeps it. */
export const positionKey = (p: SourcePosition): string => `${p.file}:${p.line}:${p.column}`;

/**
 * The ConfigMaps and configMap/secret mounts of the project's Kubernetes and Helm production
 * sources, read again as drift reads them (same files, same positions) for what the model does
 * not keep: each key's content, `items`, `defaultMode`, the volume's name. Problems were
 * reported when drift read them; here they only leave a mount without files.
 */
export function readConfigSources(project: LoadedProject): ConfigSources {
  const reader = new NodeReader([]);
  const base = project.configDir;
  const objects = (project.parity?.production ?? []).flatMap((source): K8sObject[] => {
    if ('kubernetes' in source) {
      return [source.kubernetes].flat().flatMap((path) => {
        const full = resolve(base, path);
        if (isKustomization(full)) return renderKustomization(full, base, reader);
        return readObjects(listManifestFiles([full], base).files, reader);
      });
    }
    if ('helm' in source)
      return renderHelm(source.helm, base, source.helm.release ?? project.name, reader);
    return [];
  });
  const maps = objects.flatMap((o) => (o.kind === 'ConfigMap' ? [configMapOf(o)] : []));
  const mounts = new Map<string, ConfigMount>();
  for (const object of objects) {
    if (WORKLOAD_TEMPLATES.has(object.kind)) collectMounts(object, base, mounts);
  }
  return {
    maps,
    mounts,
    find: (mount) => {
      const named = maps.filter((m) => m.name === mount.name);
      return (
        named.find((m) => m.namespace === mount.namespace) ??
        named.find((m) => sameNamespace(m.namespace, mount.namespace)) ??
        null
      );
    },
  };
}

function configMapOf(object: K8sObject): ConfigMapFiles {
  const keys = new Map<string, Buffer>();
  const data = peek(object.node, 'data');
  for (const [key, entry] of data?.kind === 'map' ? data.entries : []) {
    const text = scalarText(entry.value);
    if (text !== null) keys.set(key, Buffer.from(text, 'utf8'));
  }
  const binary = peek(object.node, 'binaryData');
  for (const [key, entry] of binary?.kind === 'map' ? binary.entries : []) {
    const text = scalarText(entry.value)?.replace(/\s+/g, '') ?? null;
    if (text !== null && /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0)
      keys.set(key, Buffer.from(text, 'base64'));
  }
  return { name: object.name ?? '', namespace: object.namespace, keys, source: object.source };
}

function collectMounts(object: K8sObject, base: string, into: Map<string, ConfigMount>): void {
  const template = peek(object.node, ...(WORKLOAD_TEMPLATES.get(object.kind) ?? []));
  const spec = peek(template, 'spec');
  const volumes = new Map<string, YMap>();
  for (const item of listOf(peek(spec, 'volumes'))) {
    const name = scalarText(peek(item, 'name'));
    if (item.kind === 'map' && name !== null) volumes.set(name, item);
  }
  const containers = [...listOf(peek(spec, 'containers')), ...listOf(peek(spec, 'initContainers'))];
  for (const container of containers) {
    for (const item of listOf(peek(container, 'volumeMounts'))) {
      const volume = scalarText(peek(item, 'name'));
      const pod = volume === null ? undefined : volumes.get(volume);
      if (volume === null || !pod) continue;
      const kind = pod.entries.has('configMap') ? 'configMap' : 'secret';
      const spec = peek(pod, kind);
      if (!spec || spec.kind !== 'map') continue;
      const name = scalarText(peek(spec, kind === 'configMap' ? 'name' : 'secretName')) ?? volume;
      into.set(positionKey(item.pos), {
        kind,
        volume,
        name,
        namespace: object.namespace,
        items: itemsOf(peek(spec, 'items'), base),
        defaultMode: modeOf(peek(spec, 'defaultMode'), base),
        subPath: scalarText(peek(item, 'subPath')),
      });
    }
  }
}

function itemsOf(node: YNode | undefined, base: string): VolumeItem[] | null {
  if (!node || node.kind !== 'seq') return null;
  return node.items.flatMap((item) => {
    const key = scalarText(peek(item, 'key'));
    const path = scalarText(peek(item, 'path'));
    if (key === null || path === null) return [];
    return [{ key, path, mode: modeOf(peek(item, 'mode'), base) }];
  });
}

// Kubernetes reads manifests as YAML 1.1, where `0644` is octal; the parser here reads YAML 1.2
// (decimal 644). The text as written decides; a value past 0777 whose digits are all octal
// is taken as octal when the text cannot be read (rendered output).
function modeOf(node: YNode | undefined, base: string): number | null {
  if (!node || node.kind !== 'scalar' || typeof node.value !== 'number') return null;
  const written = writtenText(node, base);
  const digits = written ?? String(node.value);
  if (/^0[0-7]+$/.test(written ?? '') || (node.value > 0o777 && /^[0-7]+$/.test(digits)))
    return parseInt(digits, 8);
  return Number.isInteger(node.value) && node.value >= 0 && node.value <= 0o777 ? node.value : null;
}

function writtenText(node: YNode, base: string): string | null {
  try {
    const line = readFileSync(resolve(base, node.pos.file), 'utf8').split('\n')[node.pos.line - 1];
    return /^0?[0-9]+/.exec(line?.slice(node.pos.column - 1) ?? '')?.[0] ?? null;
  } catch {
    return null;
  }
}

function listOf(node: YNode | undefined): YNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

function scalarText(node: YNode | undefined): string | null {
  if (!node || node.kind !== 'scalar' || node.value === null) return null;
  return String(node.value);
}
