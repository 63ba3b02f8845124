// Top-level `include`, as compose-go v2 applies it (loader/include.go):
//
// - `include` is a list of paths, or of `{ path: FILE | [FILE, ...], project_directory, env_file }`;
//   the include block itself is interpolated with the including project's variables.
// - Paths, a relative project_directory and env_file resolve against the including project's
//   folder. The first path is the included project's main file, the others override it; its
//   folder is the project_directory unless one is given.
// - The included project's relative paths resolve against its project_directory. Its variables
//   are the including project's, then its env_file files, else the `.env` of its
//   project_directory; a variable the including project has wins over its files.
// - It is loaded whole (its own includes and extends), then its services, volumes and networks
//   are imported. Its `name` is not.
// - A file met again among the files that include it is an include cycle.
// - A resource defined both by the including file and an included project was an error
//   ("services.web conflicts with imported resource") from Compose v2.24.1 on; since compose-go
//   PR 835 (Nov 2025, in Compose v5) the including file's definition is merged over the imported
//   one, and between two included projects the first one wins. Parity does what current
//   compose-go does, and warns, since the Compose v2 releases still in use refuse such a project.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { SourcePosition } from '../../shared/diagnostics';
import type { ServiceModel } from '../../shared/model';
import type { FileContent } from './compose-file';
import { mergeService } from './merge-services';
import { describe, isNull } from './node-reader';
import { diagnosticsOf, type LoadScope, type ParsedFile } from './parsed-file';
import { readEnvFile } from './project-env';
import { mergeResource, overrideWarning, sameResource, type Resource } from './resources';
import { envFileEntries, type EnvFileEntry } from './service-environment';
import type { FileKind, FileSource } from './service-files';
import type { YNode } from './yaml-tree';

/** What the `include` of one file brings into it. */
export interface Imported {
  services: Map<string, ServiceModel>;
  volumes: Map<string, Resource>;
  networks: Map<string, Resource>;
  files: Record<FileKind, Map<string, FileSource>>;
}

/** Reads a project file's path into its content; passed in, since it reads includes in turn. */
export type LoadProjectFile = (path: string, scope: LoadScope) => FileContent | null;

interface IncludeSpec {
  paths: { path: string; pos: SourcePosition }[];
  projectDirectory: string | null;
  /** Null when not written: then the included project's own `.env` is read. */
  envFiles: EnvFileEntry[] | null;
  pos: SourcePosition;
}

/** Loads every project the file's `include` names and collects what they define. */
export function readIncludes(file: ParsedFile, scope: LoadScope, load: LoadProjectFile): Imported {
  const imported: Imported = {
    services: new Map(),
    volumes: new Map(),
    networks: new Map(),
    files: { secret: new Map(), config: new Map() },
  };
  const node = file.top.entries.get('include')?.value;
  if (!node || isNull(node)) return imported;
  if (node.kind !== 'seq') {
    scope.reader.report('error', `found ${describe(node)} for include, expected a list`, node.pos);
    return imported;
  }
  const chain = [...scope.fileChain, file.path];
  for (const item of node.items) {
    const spec = readSpec(item, scope);
    const content = spec && loadIncluded(spec, chain, scope, load);
    if (content) importContent(content, imported, spec.pos, scope);
  }
  return imported;
}

function readSpec(item: YNode, scope: LoadScope): IncludeSpec | null {
  const { reader } = scope;
  if (item.kind === 'scalar' && !isNull(item)) {
    return {
      paths: [{ path: String(item.value), pos: item.pos }],
      projectDirectory: null,
      envFiles: null,
      pos: item.pos,
    };
  }
  if (item.kind !== 'map') {
    reader.report(
      'error',
      `found ${describe(item)} in include, expected a path or a mapping with path`,
      item.pos,
    );
    return null;
  }
  const get = (key: string): YNode | undefined => item.entries.get(key)?.value;
  const paths = reader
    .stringList(get('path'), 'include.path')
    .map(({ value, node }) => ({ path: value, pos: node.pos }));
  if (paths.length === 0) {
    reader.report(
      'error',
      'found an include without "path", expected path: FILE or a list of files',
      item.pos,
    );
    return null;
  }
  const envFile = get('env_file');
  return {
    paths,
    projectDirectory: reader.string(get('project_directory'), 'include.project_directory'),
    envFiles:
      envFile && !isNull(envFile) ? envFileEntries(envFile, reader, 'include.env_file') : null,
    pos: item.pos,
  };
}

// A stranger's repository must not recurse past the stack (a chain of thousands of files) or
// read without end (each file including the next one twice doubles the reads at every level):
// real projects include a few files, a level or two deep.
const MAX_DEPTH = 32;
const MAX_FILES = 500;

// Loads the included project's files in order, the later ones merged over the first.
function loadIncluded(
  spec: IncludeSpec,
  chain: readonly string[],
  scope: LoadScope,
  load: LoadProjectFile,
): FileContent | null {
  const files = spec.paths.map(({ path, pos }) => ({ path: resolve(scope.workingDir, path), pos }));
  const first = files[0];
  if (!first) return null;
  for (const { path, pos } of files) {
    if (!chain.includes(path)) continue;
    const names = [...chain.slice(chain.indexOf(path)), path].map((f) => display(f, scope));
    scope.reader.report('error', `include cycle detected: ${names.join(' include ')}`, pos);
    return null;
  }
  if (chain.length > MAX_DEPTH) {
    const message = `found include nested more than ${MAX_DEPTH} files deep, expected at most ${MAX_DEPTH}`;
    scope.reader.report('error', message, spec.pos);
    return null;
  }
  scope.included.files += files.length;
  if (scope.included.files > MAX_FILES) {
    if (!scope.included.refused) {
      const message = `found more than ${MAX_FILES} files to read for include (the same files included again and again?), expected at most ${MAX_FILES}`;
      scope.reader.report('error', message, spec.pos);
    }
    scope.included.refused = true;
    return null;
  }
  for (const { path, pos } of files) {
    if (existsSync(path)) continue;
    scope.reader.report('error', `cannot read ${display(path, scope)}: no such file`, pos);
    return null;
  }
  const { projectDirectory } = spec;
  const workingDir =
    projectDirectory === null
      ? dirname(first.path)
      : isAbsolute(projectDirectory)
        ? projectDirectory
        : resolve(scope.workingDir, projectDirectory);
  const sub: LoadScope = {
    ...scope,
    workingDir,
    lookup: includedLookup(spec, workingDir, scope),
    fileChain: chain,
    extendsFiles: new Map(),
  };
  const contents = files.flatMap(({ path }) => load(path, sub) ?? []);
  const merged: FileContent = {
    name: null,
    services: new Map(),
    volumes: new Map(),
    networks: new Map(),
    files: { secret: new Map(), config: new Map() },
  };
  for (const content of contents) {
    for (const [name, service] of content.services) {
      const base = merged.services.get(name);
      merged.services.set(name, base ? mergeService(base, service) : service);
    }
    for (const [key, volume] of content.volumes) merged.volumes.set(key, volume);
    for (const [key, network] of content.networks) merged.networks.set(key, network);
    for (const kind of ['secret', 'config'] as const) {
      for (const [key, source] of content.files[kind]) merged.files[kind].set(key, source);
    }
  }
  return contents.length === files.length ? merged : null;
}

// The including project's variables first, then the included project's env files.
function includedLookup(
  spec: IncludeSpec,
  workingDir: string,
  scope: LoadScope,
): (name: string) => string | undefined {
  const defaultFile = resolve(workingDir, '.env');
  const entries: EnvFileEntry[] =
    spec.envFiles ??
    (existsSync(defaultFile) && statSync(defaultFile).isFile()
      ? [{ path: defaultFile, required: true, format: 'dotenv', pos: spec.pos }]
      : []);
  const fromFiles = new Map<string, string>();
  const lookup = (name: string): string | undefined => scope.lookup(name) ?? fromFiles.get(name);
  for (const entry of entries) {
    const path = resolve(scope.workingDir, entry.path);
    if (!existsSync(path)) {
      if (entry.required) {
        scope.reader.report(
          'error',
          `cannot read env file ${display(path, scope)}: no such file`,
          entry.pos,
        );
      }
      continue;
    }
    const values = readEnvFile(
      path,
      scope.projectDir,
      lookup,
      diagnosticsOf(scope),
      true,
      entry.format,
    );
    for (const [key, field] of Object.entries(values ?? {})) fromFiles.set(key, field.value);
  }
  return lookup;
}

// Between two included projects the first definition wins, as compose-go merges the later one
// under it (a project included twice, by a diamond, brings the same definitions: no warning).
function importContent(
  content: FileContent,
  into: Imported,
  position: SourcePosition,
  scope: LoadScope,
): void {
  for (const [name, service] of content.services) {
    const earlier = into.services.get(name);
    if (!earlier) {
      into.services.set(name, service);
    } else if (JSON.stringify(earlier) !== JSON.stringify(service)) {
      diagnosticsOf(scope).push(
        overrideWarning('services', name, earlier.source, position, 'earlier include'),
      );
      into.services.set(name, { ...mergeService(service, earlier), source: earlier.source });
    }
  }
  for (const kind of ['volumes', 'networks'] as const) {
    for (const [key, resource] of content[kind]) {
      const earlier = into[kind].get(key);
      if (!earlier) {
        into[kind].set(key, resource);
      } else if (!sameResource(earlier, resource)) {
        diagnosticsOf(scope).push(
          overrideWarning(kind, key, earlier.source, position, 'earlier include'),
        );
        into[kind].set(key, mergeResource(resource, earlier));
      }
    }
  }
  for (const kind of ['secret', 'config'] as const) {
    for (const [key, source] of content.files[kind]) {
      if (!into.files[kind].has(key)) into.files[kind].set(key, source);
    }
  }
}

function display(path: string, scope: LoadScope): string {
  return relative(scope.projectDir, path) || path;
}
