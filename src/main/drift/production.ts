import { relative, resolve } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostics';
import type { EnvironmentModel } from '../../shared/model';
import type { ProductionSource } from '../../shared/parity-config';
import { loadProject, type LoadedProject } from '../config/load-project';
import { productionPaths } from '../trust/outside-sources';
import { trustedNow } from '../trust/stack-trust';
import type { ProdWorkload } from './match-services';

/** Production as one model, with the env keys that hold secrets, and what went wrong reading it. */
export interface ProductionSide {
  model: EnvironmentModel | null;
  secretKeys: Record<string, string[]>;
  diagnostics: Diagnostic[];
  /** Kubernetes sources: each workload's containers, by service (drift matches on them). */
  workloads?: Record<string, ProdWorkload>;
}

/** Reads one production source of a kind other than compose. */
export type ProductionReader = (source: ProductionSource, project: LoadedProject) => ProductionSide;

/**
 * Reads the production sources parity.yaml names (or the ones given, e.g. `parity drift
 * --against FILE`) into one model; services of later sources win. A source of parity.yaml that
 * leaves the project folder is read (or rendered) only once the folder is trusted for what it
 * asks (`trusted`, by default the settings file's decisions); a file the user names on the
 * command line is theirs to name.
 */
export function loadProduction(
  project: LoadedProject,
  readers: Partial<Record<string, ProductionReader>> = {},
  sources: readonly ProductionSource[] = project.parity?.production ?? [],
  trusted: (project: LoadedProject) => boolean = trustedNow,
): ProductionSide {
  const diagnostics: Diagnostic[] = [];
  if (sources.length === 0) {
    diagnostics.push({
      severity: 'error',
      message:
        'parity.yaml names no production source: add production: [{ kubernetes: deploy/k8s }] or a compose file',
    });
    return { model: null, secretKeys: {}, diagnostics };
  }
  const merged: EnvironmentModel = { name: project.name, services: {}, volumes: {}, networks: {} };
  const secretKeys: Record<string, string[]> = {};
  const workloads: Record<string, ProdWorkload> = {};
  const refused = refusedSources(project, sources, trusted);
  diagnostics.push(...refused.diagnostics);
  for (const source of sources) {
    if (refused.sources.has(source)) continue;
    const side =
      'compose' in source
        ? readCompose(source.compose, project)
        : readWith(source, project, readers);
    diagnostics.push(...side.diagnostics);
    if (!side.model) continue;
    Object.assign(merged.services, side.model.services);
    Object.assign(secretKeys, side.secretKeys);
    for (const name of Object.keys(side.model.services)) delete workloads[name];
    Object.assign(workloads, side.workloads ?? {});
  }
  return {
    model: diagnostics.some((d) => d.severity === 'error') ? null : merged,
    secretKeys,
    diagnostics,
    workloads,
  };
}

// The sources of parity.yaml reading outside the project folder, unless it is trusted; the
// settings are read only when there is such a source.
function refusedSources(
  project: LoadedProject,
  sources: readonly ProductionSource[],
  trusted: (project: LoadedProject) => boolean,
): { sources: Set<ProductionSource>; diagnostics: Diagnostic[] } {
  const own = new Set(project.parity?.production ?? []);
  const outside = productionPaths(
    project,
    sources.filter((source) => own.has(source)),
  ).filter((path) => path.outside);
  if (outside.length === 0 || trusted(project)) return { sources: new Set(), diagnostics: [] };
  return {
    sources: new Set(outside.map((path) => path.source)),
    diagnostics: outside.map((path) => ({
      severity: 'error',
      message:
        `production source ${path.shown} is outside the project folder; trust the project to read it ` +
        '(press Start in Parity and trust it, or pass --trust to parity drift or parity up)',
    })),
  };
}

function readWith(
  source: ProductionSource,
  project: LoadedProject,
  readers: Partial<Record<string, ProductionReader>>,
): ProductionSide {
  const kind = Object.keys(source)[0] ?? '?';
  const reader = readers[kind];
  if (reader) return reader(source, project);
  return {
    model: null,
    secretKeys: {},
    diagnostics: [
      { severity: 'error', message: `production sources of kind "${kind}" cannot be read yet` },
    ],
  };
}

// A production compose file is read exactly as the dev side is, under the same project name.
function readCompose(file: string, project: LoadedProject): ProductionSide {
  const path = resolve(project.configDir, file);
  const { project: prod, diagnostics } = loadProject({
    dir: project.configDir,
    files: [path],
    projectName: project.name,
    env: {},
  });
  const display = relative(project.configDir, path);
  return {
    model: prod?.model ?? null,
    secretKeys: {},
    diagnostics: diagnostics.map((d) =>
      d.position ? d : { ...d, message: `${display}: ${d.message}` },
    ),
  };
}
