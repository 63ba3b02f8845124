import { createHash } from 'node:crypto';
import type { SourcePosition } from '../../shared/diagnostics';
import type { VolumeMount } from '../../shared/model';
import { positionKey, type ConfigSources } from './config-sources';
import type { MirrorFile, Skip } from './mirror-types';

/** The folder, beside compose.mirror.yaml, the files of production's ConfigMaps are written in. */
export const MIRROR_FILES_DIR = '.parity/mirror';

// Bounds on what one repository makes Parity write: Kubernetes refuses a ConfigMap past 1 MiB,
// and a laptop needs no more files than a few services mount.
const MAX_CONFIGMAP_BYTES = 1024 * 1024;
const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
const MAX_FILES = 1000;
const DEFAULT_MODE = 0o644;

// One folder or file name: no `..`, no separators, nothing Compose's short syntax splits on.
const SEGMENT = /^(?!\.\.?$)[A-Za-z0-9._@+=-]+$/;

/** A path under .parity/mirror made of safe names, or null. */
export function safeRelative(path: string): string | null {
  const parts = path.split('/');
  return parts.length > 0 && parts.every((p) => SEGMENT.test(p)) ? parts.join('/') : null;
}

/**
 * A production mount of a ConfigMap as a read-only bind of files generated under
 * .parity/mirror/<service>/<volume>/ (each key, or `items` at their paths, with their modes;
 * `subPath` mounts one of them), added to `files`; the short volume entry, or null when it
 * cannot be mirrored (then `skip` says why). A Secret's files are never written.
 */
export function mirrorConfigMount(
  service: string,
  mount: { value: VolumeMount; source: SourcePosition },
  config: ConfigSources | null,
  files: MirrorFile[],
  skip: Skip,
): string | null {
  const key = `volumes.${mount.value.target}`;
  const found = config?.mounts.get(positionKey(mount.source));
  if (mount.value.source?.startsWith('secret:') || found?.kind === 'secret') {
    skip(key, 'secret: not copied, its files are not written on the laptop');
    return null;
  }
  const map = found ? config?.find(found) : null;
  if (!found || !map) {
    skip(
      key,
      `ConfigMap ${found?.name ?? mount.value.source ?? ''} is not among the production files`,
    );
    return null;
  }
  const folder = safeRelative(`${service}/${found.volume}`);
  if (!folder) {
    skip(key, `service or volume name "${service}/${found.volume}" cannot be a folder name`);
    return null;
  }
  const wanted = found.items ?? [...map.keys.keys()].map((k) => ({ key: k, path: k, mode: null }));
  const written: MirrorFile[] = [];
  let size = 0;
  for (const item of wanted) {
    const content = map.keys.get(item.key);
    const path = safeRelative(item.path);
    if (content === undefined) {
      skip(key, `ConfigMap ${map.name} has no key "${item.key}"`);
      return null;
    }
    if (!path) {
      skip(key, `"${item.path}" of ConfigMap ${map.name} is not a plain relative file name`);
      return null;
    }
    size += content.length;
    const mode = (item.mode ?? found.defaultMode ?? DEFAULT_MODE) & 0o777;
    written.push({ path: `${folder}/${path}`, content, mode, from: map.source });
  }
  const paths = new Set(written.map((f) => f.path));
  const clash = written.find((f) => [...paths].some((p) => p.startsWith(`${f.path}/`)));
  if (clash) {
    skip(
      key,
      `"${clash.path.slice(folder.length + 1)}" of ConfigMap ${map.name} is both a file and a folder`,
    );
    return null;
  }
  const total = files.reduce((n, f) => n + f.content.length, 0) + size;
  if (size > MAX_CONFIGMAP_BYTES || total > MAX_TOTAL_BYTES) {
    skip(key, `ConfigMap ${map.name} holds more than Parity writes (1 MiB each, 16 MiB in all)`);
    return null;
  }
  if (files.length + written.length > MAX_FILES) {
    skip(key, `more than ${MAX_FILES} files of ConfigMaps: not written`);
    return null;
  }
  let source = `${folder}`;
  if (found.subPath !== null) {
    const sub = safeRelative(found.subPath);
    if (
      !sub ||
      !written.some((f) => f.path === `${folder}/${sub}` || f.path.startsWith(`${folder}/${sub}/`))
    ) {
      skip(key, `subPath "${found.subPath}" names no file of ConfigMap ${map.name}`);
      return null;
    }
    source = `${folder}/${sub}`;
  }
  files.push(...written.filter((f) => !files.some((o) => o.path === f.path)));
  return `./${MIRROR_FILES_DIR}/${source}:${mount.value.target}:ro`;
}

/** One hash of every file's path, mode and content: the override names it, so it changes with them. */
export function filesHash(files: readonly MirrorFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    hash.update(`${f.path}\0${f.mode}\0${f.content.length}\0`).update(f.content);
  }
  return hash.digest('hex');
}
