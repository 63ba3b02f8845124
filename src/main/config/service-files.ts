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
  /** A secret's `environment:`: the variable whose value is written into the container. */
  environment: string | null;
  /** A config's inline `content:`. */
  content: string | null;
  /** Set for what Parity cannot apply: `external` (Compose refuses it too). */
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
    const environment = reader.string(
      body.entries.get('environment')?.value,
      `${what}.${key}.environment`,
    );
    const content =
      kind === 'config'
        ? reader.string(body.entries.get('content')?.value, `${what}.${key}.content`)
        : null;
    const external = body.entries.has('external');
    if (file === null && environment === null && content === null && !external) {
      reader.report(
        'error',
        `${what}.${key} names no source: expected file, environment${kind === 'config' ? ', content' : ''} or external`,
        entry.keyPos,
      );
      continue;
    }
    result.set(key, {
      file: file === null ? null : resolve(workingDir, file),
      environment,
      content,
      unsupported: file === null && environment === null && content === null ? 'external' : null,
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
 * a file is mounted read-only at its target, a variable's value or inline content is written
 * there before the container starts; a name defined nowhere is an error at the service's line,
 * as in Compose; a missing file, an unset variable or an external source a warning, once.
 */
export function resolveFileMounts(
  services: Iterable<ServiceModel>,
  sources: Record<FileKind, ReadonlyMap<string, FileSource>>,
  lookup: (name: string) => string | undefined,
  diagnostics: Diagnostic[],
): void {
  const warned = new Set<FileSource>();
  for (const service of services) {
    if (!service.fileMounts) continue;
    service.fileMounts = service.fileMounts.flatMap((mount): Field<FileMount>[] => {
      const { kind, name } = mount.value;
      const defined = sources[kind].get(name);
      const warnOnce = (message: string, position = defined?.source): void => {
        if (!defined || !position || warned.has(defined)) return;
        warned.add(defined);
        diagnostics.push({ severity: 'warning', message, position });
      };
      if (!defined) {
        diagnostics.push({
          severity: 'error',
          message: `service "${service.name}" uses ${kind} "${name}", which is not defined in the top-level ${TOP_KEY[kind]}`,
          position: mount.source,
        });
        return [];
      }
      if (defined.environment !== null) {
        const value = lookup(defined.environment);
        if (value === undefined) {
          warnOnce(
            `${TOP_KEY[kind]}.${name} takes its value from ${defined.environment}, which is not set: "${service.name}" starts without it`,
          );
          return [];
        }
        const content = { value, from: { environment: defined.environment } };
        return [{ ...mount, value: { ...mount.value, content } }];
      }
      if (defined.content !== null) {
        const content = { value: defined.content, from: { content: true as const } };
        return [{ ...mount, value: { ...mount.value, content } }];
      }
      if (defined.file === null) {
        warnOnce(`external ${TOP_KEY[kind]} are not supported by Compose: ${name} is left out`);
        return [];
      }
      if (!existsSync(defined.file)) {
        warnOnce(
          `${kind} file of ${TOP_KEY[kind]}.${name} does not exist: the engine will refuse to start "${service.name}"`,
          defined.filePosition,
        );
      }
      return [{ ...mount, value: { ...mount.value, file: defined.file } }];
    });
    if (service.fileMounts.length === 0) delete service.fileMounts;
  }
}
