import { existsSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import type { Field, FileMount, ServiceModel } from '../../shared/model';
import { isNull, type NodeReader } from './node-reader';
import type { YNode } from './yaml-tree';

/** `secrets` or `configs`: the two kinds of file Compose puts into a container. */
export type FileKind = 'secret' | 'config';

/** Where a top-level secret or config takes its content from, as one file defines it. */
export interface FileSource {
  /** Absolute, resolved from the folder of the file that defines it. */
  file: string | null;
  /** Set for what Parity cannot mount (yet): `environment`, `content`, `external`. */
  unsupported: string | null;
  source: SourcePosition;
  /** Where `file:` is written, for the warning when it is missing. */
  filePosition: SourcePosition;
}

const TOP_KEY: Record<FileKind, 'secrets' | 'configs'> = { secret: 'secrets', config: 'configs' };
// Compose's default targets: /run/secrets/NAME for a secret, /NAME for a config.
const BASE_DIR: Record<FileKind, string> = { secret: '/run/secrets', config: '/' };

/** The top-level `secrets:` or `configs:` of one file. */
export function readFileSources(
  node: YNode | undefined,
  kind: FileKind,
  reader: NodeReader,
  workingDir: string,
): Map<string, FileSource> {
  const what = TOP_KEY[kind];
  const result = new Map<string, FileSource>();
  for (const [key, entry] of reader.map(node, what)?.entries ?? []) {
    const body = reader.map(entry.value, `${what}.${key}`);
    if (!body) continue;
    const fileNode = body.entries.get('file')?.value;
    const file = reader.string(fileNode, `${what}.${key}.file`);
    const other = ['environment', 'content', 'external'].find((k) => body.entries.has(k));
    if (file === null && !other) {
      reader.report(
        'error',
        `${what}.${key} names no source: expected file, environment${kind === 'config' ? ', content' : ''} or external`,
        entry.keyPos,
      );
      continue;
    }
    result.set(key, {
      file: file === null ? null : resolve(workingDir, file),
      unsupported: file === null ? (other ?? null) : null,
      source: entry.keyPos,
      filePosition: fileNode?.pos ?? entry.keyPos,
    });
  }
  return result;
}

/**
 * A service's `secrets:` or `configs:`: names (`- db-password`) or long entries (`source`,
 * `target`; a relative target lands in the default folder, as Compose does). The files are
 * found once every compose file is merged (resolveFileMounts).
 */
export function normalizeFileMounts(
  node: YNode | undefined,
  kind: FileKind,
  reader: NodeReader,
): Field<FileMount>[] {
  const what = TOP_KEY[kind];
  if (!node || isNull(node)) return [];
  if (node.kind !== 'seq') {
    reader.report(
      'error',
      `found a ${node.kind === 'map' ? 'mapping' : 'string'} for ${what}, expected a list`,
      node.pos,
    );
    return [];
  }
  return node.items.flatMap((item): Field<FileMount>[] => {
    if (item.kind !== 'map') {
      const name = reader.string(item, what);
      return name === null ? [] : [{ value: mountOf(kind, name, null), source: item.pos }];
    }
    const name = reader.string(item.entries.get('source')?.value, `${what}.source`);
    if (name === null) {
      reader.report('error', `${what} entry without a source: expected source: NAME`, item.pos);
      return [];
    }
    const target = reader.string(item.entries.get('target')?.value, `${what}.target`);
    return [{ value: mountOf(kind, name, target), source: item.pos }];
  });
}

function mountOf(kind: FileKind, name: string, target: string | null): FileMount {
  const path = target ?? name;
  return {
    kind,
    name,
    target: path.startsWith('/') ? path : posix.join(BASE_DIR[kind], path),
    file: null,
  };
}

/**
 * Finds each secret and config a service uses among the project's top-level definitions:
 * a file is mounted read-only at its target; a name defined nowhere is an error at the
 * service's line, as in Compose; a source Parity cannot mount yet is a warning, once.
 */
export function resolveFileMounts(
  services: Iterable<ServiceModel>,
  sources: Record<FileKind, ReadonlyMap<string, FileSource>>,
  diagnostics: Diagnostic[],
): void {
  const warned = new Set<FileSource>();
  for (const service of services) {
    if (!service.fileMounts) continue;
    service.fileMounts = service.fileMounts.flatMap((mount) => {
      const { kind, name } = mount.value;
      const defined = sources[kind].get(name);
      if (!defined) {
        diagnostics.push({
          severity: 'error',
          message: `service "${service.name}" uses ${kind} "${name}", which is not defined in the top-level ${TOP_KEY[kind]}`,
          position: mount.source,
        });
        return [];
      }
      if (defined.file === null) {
        if (!warned.has(defined)) {
          warned.add(defined);
          diagnostics.push({
            severity: 'warning',
            message: `${TOP_KEY[kind]}.${name} from "${defined.unsupported}" is not applied by Parity yet: only file sources are mounted`,
            position: defined.source,
          });
        }
        return [];
      }
      if (!warned.has(defined) && !existsSync(defined.file)) {
        warned.add(defined);
        diagnostics.push({
          severity: 'warning',
          message: `${kind} file of ${TOP_KEY[kind]}.${name} does not exist: the engine will refuse to start "${service.name}"`,
          position: defined.filePosition,
        });
      }
      return [{ ...mount, value: { ...mount.value, file: defined.file } }];
    });
    if (service.fileMounts.length === 0) delete service.fileMounts;
  }
}
