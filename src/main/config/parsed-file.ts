import { basename, relative } from 'node:path';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import { interpolateTree } from './interpolate-tree';
import { isNull, type NodeReader } from './node-reader';
import type { ServiceContext } from './normalize-service';
import { readEnvFile } from './project-env';
import { readRepositoryText } from './read-text';
import { parseYaml, type YEntry, type YMap } from './yaml-tree';

/**
 * A project, or a project brought in by `include`, as its files are read: the folder its
 * relative paths resolve against and the variables its files are interpolated with.
 */
export interface LoadScope {
  /** The main project's folder: positions name files relative to it. */
  projectDir: string;
  /** This (sub-)project's folder: relative paths in its files, and its includes, resolve here. */
  workingDir: string;
  /** The interpolation environment. */
  lookup: (name: string) => string | undefined;
  reader: NodeReader;
  /** The compose files being read, outermost first, to find include cycles. */
  fileChain: readonly string[];
  /** Files read only for `extends`, by absolute path: they are interpolated with this scope's variables. */
  extendsFiles: Map<string, ParsedFile | null>;
  /** The extends cycles already reported (shared by every scope), so a cycle is reported once. */
  reportedCycles: Set<string>;
  /** Files read for `include` so far in this load (shared by every scope), against a limit. */
  included: { files: number; refused: boolean };
}

/** One compose file, interpolated, with its services still as written. */
export interface ParsedFile {
  /** Absolute path. */
  path: string;
  /** As positions name it: relative to the main project's folder. */
  display: string;
  /** Where its relative paths resolve: its project's folder, or its own folder for an extends file. */
  dir: string;
  top: YMap;
  /** Each service's node and the position of its key. */
  services: Map<string, YEntry>;
}

/** The diagnostics a scope's reader collects into. */
export function diagnosticsOf(scope: LoadScope): Diagnostic[] {
  return scope.reader.diagnostics;
}

/**
 * Reads, parses and interpolates one compose file. A file that cannot be read is an error at
 * `from` (the `extends` or `include` that named it), or without a position for a project file.
 */
export function parseComposeFile(
  path: string,
  dir: string,
  scope: LoadScope,
  from?: { position: SourcePosition; prefix: string },
): ParsedFile | null {
  const diagnostics = diagnosticsOf(scope);
  const display = relative(scope.projectDir, path) || basename(path);
  let text: string;
  try {
    text = readRepositoryText(path);
  } catch (error) {
    diagnostics.push({
      severity: 'error',
      message: `${from?.prefix ?? ''}cannot read ${display}: ${(error as Error).message}`,
      ...(from ? { position: from.position } : {}),
    });
    return null;
  }
  const parsed = parseYaml(text, display);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.root) {
    if (!parsed.diagnostics.some((d) => d.severity === 'error'))
      diagnostics.push({
        severity: 'error',
        message: `${display} is empty: expected a mapping with services`,
        ...(from ? { position: from.position } : {}),
      });
    return null;
  }
  const root = interpolateTree(parsed.root, scope.lookup, diagnostics);
  const top = scope.reader.map(root, 'the file');
  if (!top) return null;
  const servicesNode = scope.reader.map(top.entries.get('services')?.value, 'services');
  return { path, display, dir, top, services: new Map(servicesNode?.entries ?? []) };
}

/** A service's node as a mapping (`name:` alone is an empty service); null, reported, otherwise. */
export function serviceNode(name: string, entry: YEntry, reader: NodeReader): YMap | null {
  if (isNull(entry.value)) return { kind: 'map', entries: new Map(), pos: entry.keyPos };
  return reader.map(entry.value, `services.${name}`);
}

/** What normalizing a service of `file` needs: its folder for relative paths, the scope's variables. */
export function serviceContext(file: ParsedFile, scope: LoadScope): ServiceContext {
  return {
    reader: scope.reader,
    workingDir: file.dir,
    lookup: scope.lookup,
    readEnvFile: (path, required, _pos, format) =>
      readEnvFile(path, scope.projectDir, scope.lookup, diagnosticsOf(scope), required, format),
  };
}
