import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import type { EnvironmentModel, Field, NamedResource, ServiceModel } from '../../shared/model';
import type { ParityConfig } from '../../shared/parity-config';
import type { ShellValue } from '../../shared/redact-report';
import { readProjectFile, type FileContent } from './compose-file';
import { discoverComposeFiles } from './discover';
import { mergeService } from './merge-services';
import { MIRROR_FILE } from './mirror-file';
import { NodeReader } from './node-reader';
import { notAppliedWarnings } from './not-applied';
import type { LoadScope } from './parsed-file';
import { loadProjectEnv } from './project-env';
import { invalidProjectName, normalizeProjectName } from './project-name';
import { readParityFile } from './parity-file';
import { resolveFileMounts } from './service-files';

/** What `parity config` and the app pass to load a project. */
export interface LoadOptions {
  /** Where to look for compose files (the folder the user opened, or the CLI's cwd). */
  dir: string;
  /** Explicit compose files (-f), in merge order. */
  files?: readonly string[];
  /** -p */
  projectName?: string;
  /** --profile; COMPOSE_PROFILES adds to them. */
  profiles?: readonly string[];
  /** --env-file */
  envFiles?: readonly string[];
  /** The shell environment. */
  env: Record<string, string | undefined>;
  /** Add compose.mirror.yaml (`parity mirror`'s override, beside the first file) last. */
  mirror?: boolean;
}

/** A project read from its files. */
export interface LoadedProject {
  name: string;
  /** The compose project's folder: the first compose file's (relative bind sources, builds). */
  workingDir: string;
  /**
   * The folder parity.yaml is in (or would be: the folder the project was opened from); every
   * path parity.yaml writes (production sources, snapshots) is relative to it. It may hold the
   * compose files in a subfolder.
   */
  configDir: string;
  composeFiles: string[];
  envFiles: string[];
  activeProfiles: string[];
  model: EnvironmentModel;
  /** parity.yaml, when the project has one. */
  parity: ParityConfig | null;
  /** The variables the files took from the shell's environment: reports show them masked. */
  fromShell?: ShellValue[];
}

/** The project when it could be read, and every problem found either way. */
export interface LoadResult {
  project: LoadedProject | null;
  diagnostics: Diagnostic[];
}

type NamedResourceField = Field<NamedResource>;

/**
 * Reads a project as Docker Compose v2 does: discovery, .env, interpolation, every file
 * normalized (its `include` and `extends` applied) and merged in order, the project name,
 * profiles. Never throws on bad input:
 * problems come back as diagnostics with file:line:col, several at once.
 */
export function loadProject(options: LoadOptions): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const parity = readParityFile(options.dir, diagnostics);
  // parity.yaml's compose list stands in for -f when none is given.
  const parityFiles =
    typeof parity?.compose === 'string' ? [parity.compose] : (parity?.compose ?? []);
  const files = options.files?.length ? options.files : parityFiles;
  const discovered = discoverComposeFiles(options.dir, files, options.env);
  diagnostics.push(...discovered.diagnostics);
  if (options.mirror && discovered.files[0]) {
    const override = join(dirname(discovered.files[0]), MIRROR_FILE);
    if (existsSync(override)) discovered.files.push(override);
    else
      diagnostics.push({
        severity: 'error',
        message: `found no ${MIRROR_FILE} beside ${basename(discovered.files[0])}, expected the override \`parity mirror\` writes: run it first`,
      });
  }
  // Problems in parity.yaml do not stop the compose files from being checked too.
  if (discovered.files.length === 0 || hasErrors(discovered.diagnostics)) {
    return { project: null, diagnostics };
  }
  const { workingDir } = discovered;
  const env = loadProjectEnv(workingDir, options.envFiles ?? [], options.env, diagnostics);

  const scope: LoadScope = {
    projectDir: workingDir,
    workingDir,
    lookup: env.lookup,
    reader: new NodeReader(diagnostics),
    fileChain: [],
    extendsFiles: new Map(),
    reportedCycles: new Set(),
    included: { files: 0, refused: false },
  };
  const contents = discovered.files.flatMap((file) => readProjectFile(file, scope) ?? []);
  // A base service is read once for each service extending it, a diamond of includes reads a
  // file twice: the same finding at the same place is reported once.
  const unique = uniqueDiagnostics(diagnostics);
  diagnostics.splice(0, diagnostics.length, ...unique);
  const services = new Map<string, ServiceModel>();
  for (const content of contents) {
    for (const [name, service] of content.services) {
      const base = services.get(name);
      services.set(name, base ? mergeService(base, service) : service);
    }
  }
  const name = projectName(options, parity, contents, workingDir, diagnostics);
  const activeProfiles = [
    ...new Set([
      ...(options.profiles ?? []),
      ...(options.env.COMPOSE_PROFILES?.split(',').filter(Boolean) ?? []),
    ]),
  ];
  const active = new Map(
    [...services].filter(
      // "*" activates every profile, as `docker compose --profile "*"` does.
      ([, s]) =>
        s.profiles.length === 0 ||
        activeProfiles.includes('*') ||
        s.profiles.some((p) => activeProfiles.includes(p)),
    ),
  );
  for (const service of active.values()) {
    if (service.networks.length === 0 && !service.networkMode) service.networks = ['default'];
    checkService(service, active, services, diagnostics);
  }
  // A later file's definition of a secret or config replaces an earlier one's.
  resolveFileMounts(
    active.values(),
    {
      secret: new Map(contents.flatMap((c) => [...c.files.secret])),
      config: new Map(contents.flatMap((c) => [...c.files.config])),
    },
    env.lookup,
    diagnostics,
  );
  diagnostics.push(...notAppliedWarnings(active.values()));
  if (hasErrors(diagnostics)) return { project: null, diagnostics };

  const model: EnvironmentModel = {
    name,
    services: Object.fromEntries(active),
    volumes: namedResources(
      contents.map((c) => c.volumes),
      name,
    ),
    networks: namedResources(
      contents.map((c) => c.networks),
      name,
    ),
  };
  if ([...active.values()].some((s) => s.networks.includes('default')) && !model.networks.default) {
    model.networks.default = {
      value: { name: `${name}_default`, external: false },
      source: {
        file: relative(workingDir, discovered.files[0] ?? '') || 'compose.yaml',
        line: 1,
        column: 1,
      },
    };
  }
  return {
    project: {
      name,
      workingDir,
      configDir: resolve(options.dir),
      composeFiles: discovered.files,
      envFiles: env.files,
      activeProfiles,
      model,
      parity,
      fromShell: [...env.fromShell].map(([name, value]) => ({ name, value })),
    },
    diagnostics,
  };
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.severity, d.message, d.position]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Compose names a project's volumes and networks <project>_<key> unless `name:` or external says otherwise.
function namedResources(
  perFile: FileContent['volumes'][],
  project: string,
): Record<string, NamedResourceField> {
  const merged: Record<string, NamedResourceField> = {};
  for (const resources of perFile) {
    for (const [key, resource] of resources) {
      const name = resource.explicitName ?? (resource.external ? key : `${project}_${key}`);
      const value: NamedResource = { name, external: resource.external };
      if (resource.create) value.create = resource.create;
      merged[key] = { value, source: resource.source };
    }
  }
  return merged;
}

// -p, then COMPOSE_PROJECT_NAME, then parity.yaml's name, then the last compose file's
// `name:`, then the folder name. A parity.yaml name that differs from the compose file's is
// worth a warning: `docker compose` alone would name the stack differently.
function projectName(
  options: LoadOptions,
  parity: ParityConfig | null,
  contents: FileContent[],
  workingDir: string,
  diagnostics: Diagnostic[],
): string {
  const fromFiles = contents
    .map((c) => c.name)
    .filter((n): n is Field<string> => n !== null)
    .at(-1);
  if (parity?.name && fromFiles && parity.name !== fromFiles.value) {
    diagnostics.push({
      severity: 'warning',
      message: `parity.yaml names the project "${parity.name}" but the compose file says "${fromFiles.value}"; using "${parity.name}"`,
      position: fromFiles.source,
    });
  }
  const explicit: { value: string; position?: SourcePosition } | undefined = options.projectName
    ? { value: options.projectName }
    : options.env.COMPOSE_PROJECT_NAME
      ? { value: options.env.COMPOSE_PROJECT_NAME }
      : parity?.name
        ? { value: parity.name }
        : fromFiles
          ? { value: fromFiles.value, position: fromFiles.source }
          : undefined;
  if (explicit) {
    const problem = invalidProjectName(explicit.value);
    if (problem) {
      diagnostics.push({
        severity: 'error',
        message: problem,
        ...(explicit.position ? { position: explicit.position } : {}),
      });
    }
    return explicit.value;
  }
  const name = normalizeProjectName(basename(workingDir));
  if (name === '') {
    diagnostics.push({
      severity: 'error',
      message: `the folder name "${basename(workingDir)}" gives no project name: set name: or -p`,
    });
  }
  return name;
}

function checkService(
  service: ServiceModel,
  active: ReadonlyMap<string, ServiceModel>,
  all: ReadonlyMap<string, ServiceModel>,
  diagnostics: Diagnostic[],
): void {
  if (!service.image && !service.build) {
    diagnostics.push({
      severity: 'error',
      message: `service "${service.name}" has neither an image nor a build context`,
      position: service.source,
    });
  }
  for (const [dependency, field] of Object.entries(service.dependsOn)) {
    if (active.has(dependency) || !field.value.required) continue;
    const why = all.has(dependency)
      ? 'which is behind a profile that is not active'
      : 'which is not defined';
    diagnostics.push({
      severity: 'error',
      message: `service "${service.name}" depends on "${dependency}", ${why}`,
      position: field.source,
    });
  }
}
